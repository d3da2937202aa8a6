namespace SorryEdge.Sites;

/// <summary>How a site answers: forward while healthy, always the sorry page, or always redirect.</summary>
public enum SiteMode
{
    Auto,
    Maintenance,
    Redirect,
}
