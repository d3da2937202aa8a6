namespace SorryEdge.Sites;

/// <summary>The HAProxy PROXY protocol header sent to the backend MX before the spliced stream.</summary>
internal enum ProxyProtocolVersion
{
    /// <summary>Human-readable text header (<c>PROXY TCP4 …\r\n</c>).</summary>
    V1,

    /// <summary>Binary header (12-byte signature, address block).</summary>
    V2,
}
