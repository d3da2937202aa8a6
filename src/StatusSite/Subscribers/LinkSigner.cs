using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StatusSite.Hosting;
using StatusSite.Public;

namespace StatusSite.Subscribers;

/// <summary>
/// Signs the confirm and unsubscribe links (HMAC-SHA256 of purpose and subscriber id), so a link works without a
/// login and cannot be forged for someone else's subscription. The key is configured or generated once per data directory.
/// </summary>
internal sealed class LinkSigner
{
    public const string Confirm = "confirm";
    public const string Unsubscribe = "unsubscribe";

    private readonly byte[] _key;
    private readonly string _base;

    public LinkSigner(IOptions<StatusOptions> options, IOptions<StatusPageOptions> page, IOptions<StatusNotificationOptions> notifications)
    {
        _base = page.Value.Url.TrimEnd('/');
        _key = notifications.Value.LinkKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : StoredKey(options.Value.DataDirectory);
    }

    public string Sign(string purpose, string id) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + ":" + id)));

    public bool Verify(string purpose, string? id, string? signature) =>
        id is { Length: > 0 and <= 64 } && signature is { Length: > 0 and <= 100 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(purpose, id)), Encoding.ASCII.GetBytes(signature));

    public string Link(string purpose, string id) =>
        $"{_base}/subscriptions/{purpose}?id={Uri.EscapeDataString(id)}&sig={Sign(purpose, id)}";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] StoredKey(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), "link.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, RandomNumberGenerator.GetBytes(32));
            File.Move(temp, path, overwrite: false);
        }

        return File.ReadAllBytes(path);
    }
}
