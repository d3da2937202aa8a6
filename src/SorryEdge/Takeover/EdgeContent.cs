using System.Text;

namespace SorryEdge.Takeover;

/// <summary>The edge's built-in pages from <c>content/sorry</c>, embedded in the assembly so they are always there.</summary>
internal sealed class EdgeContent
{
    public EdgeContent()
    {
        DefaultSorryPage = Read("default.html");
        NotFoundPage = new PreparedBody("text/html; charset=utf-8", Encoding.UTF8.GetBytes(Read("not-found.html")));
    }

    /// <summary>The default sorry page template with <c>{{siteName}}</c>, <c>{{message}}</c> and <c>{{retryAfterText}}</c>.</summary>
    public string DefaultSorryPage { get; }

    public PreparedBody NotFoundPage { get; }

    private static string Read(string name)
    {
        using var stream = typeof(EdgeContent).Assembly.GetManifestResourceStream("SorryEdge.Content." + name)
            ?? throw new InvalidOperationException($"The embedded page content/sorry/{name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
