using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

/// <summary>Sites served only on the shared listener (no address of their own), and the front's settings for it.</summary>
internal static class SharedSmtpTestSites
{
    public const string Shared = "127.0.0.1:0";

    public static SmtpSite Site(string id, string domain, SmtpMode mode, string? backend, TimeSpan? probeTimeout = null, TimeSpan? probeInterval = null) =>
        new(id, id, new SmtpSettings { Domains = [domain], Mode = mode, Backend = backend, Message = $"{id} mail is in maintenance" },
            probeInterval ?? TimeSpan.FromMilliseconds(200), probeTimeout ?? TimeSpan.FromSeconds(1), 1, 1);

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Edge:Smtp:Shared:0"] = Shared };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
