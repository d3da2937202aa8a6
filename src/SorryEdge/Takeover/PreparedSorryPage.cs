using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>
/// Every byte a site's sorry answer can need — HTML (compressed too), JSON, plain text and the
/// bundle's assets — built once per site version so an outage never re-reads a file.
/// </summary>
internal sealed class PreparedSorryPage
{
    public const string DefaultMessage = "We are working on it and will be back shortly.";

    private PreparedSorryPage(Inputs from, PreparedBody html, PreparedBody json, PreparedBody text, string retryAfter, IReadOnlyDictionary<string, PreparedBody> assets)
    {
        From = from;
        Html = html;
        Json = json;
        Text = text;
        RetryAfter = retryAfter;
        Assets = assets;
    }

    /// <summary>What the page was built from; a page whose inputs changed is rebuilt.</summary>
    private Inputs From { get; }

    public PreparedBody Html { get; }

    public PreparedBody Json { get; }

    public PreparedBody Text { get; }

    public string RetryAfter { get; }

    /// <summary>Bundle assets by path below <c>/.sorry/</c>.</summary>
    public IReadOnlyDictionary<string, PreparedBody> Assets { get; }

    /// <summary>True while this page is what <see cref="Build"/> would make for the site and bundle now.</summary>
    public bool Fits(Site site, SorryBundle? bundle) => From == new Inputs(site.DisplayName, site.Message, site.RetryAfterSeconds, bundle);

    public static PreparedSorryPage Build(Site site, SorryBundle? bundle, string defaultTemplate)
    {
        var message = string.IsNullOrWhiteSpace(site.Message) ? DefaultMessage : site.Message;
        var retryText = DescribeRetry(site.RetryAfterSeconds);
        byte[] html;
        var assets = new Dictionary<string, PreparedBody>(StringComparer.Ordinal);
        if (bundle is not null && bundle.Files.TryGetValue("index.html", out var index))
        {
            html = index;
            foreach (var (path, bytes) in bundle.Files)
            {
                if (path != "index.html" && ContentTypes.For(path) is { } type)
                {
                    assets[path] = new PreparedBody(type, bytes);
                }
            }
        }
        else
        {
            var encoder = HtmlEncoder.Default;
            html = Encoding.UTF8.GetBytes(defaultTemplate
                .Replace("{{siteName}}", encoder.Encode(site.DisplayName), StringComparison.Ordinal)
                .Replace("{{message}}", encoder.Encode(message), StringComparison.Ordinal)
                .Replace("{{retryAfterText}}", encoder.Encode(retryText), StringComparison.Ordinal)
                .Replace("{{retryAfterSeconds}}", site.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = 503,
            title = "Service temporarily unavailable",
            site = site.DisplayName,
            message,
            retryAfterSeconds = site.RetryAfterSeconds,
        });
        var text = Encoding.UTF8.GetBytes($"{site.DisplayName} is temporarily unavailable.\n{message}\nPlease try again {retryText}.\n");
        return new PreparedSorryPage(
            new Inputs(site.DisplayName, site.Message, site.RetryAfterSeconds, bundle),
            new PreparedBody("text/html; charset=utf-8", html),
            new PreparedBody("application/json; charset=utf-8", json),
            new PreparedBody("text/plain; charset=utf-8", text),
            site.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            assets);
    }

    // The bundle is compared by reference: the page store hands out one object per activation.
    private readonly record struct Inputs(string DisplayName, string? Message, int RetryAfterSeconds, SorryBundle? Bundle)
    {
        public bool Equals(Inputs other) =>
            DisplayName == other.DisplayName && Message == other.Message && RetryAfterSeconds == other.RetryAfterSeconds && ReferenceEquals(Bundle, other.Bundle);

        public override int GetHashCode() => HashCode.Combine(DisplayName, Message, RetryAfterSeconds);
    }

    public static string DescribeRetry(int seconds) => seconds switch
    {
        <= 90 => "in a minute",
        < 3600 => $"in about {(seconds + 30) / 60} minutes",
        < 5400 => "in about an hour",
        _ => $"in about {(seconds + 1800) / 3600} hours",
    };
}
