namespace SorryEdge.Sites;

/// <summary>How a site answers: forward while healthy, always the sorry page, or always redirect.</summary>
internal enum SiteMode
{
    Auto,
    Maintenance,
    Redirect,
}
