using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StatusSite.Subscribers;

/// <summary>
/// The webhook signature header: <c>X-Status-Signature: t=UNIX_SECONDS,v1=HEX</c> where HEX is the lowercase
/// HMAC-SHA256, keyed with the subscriber's secret, of "UNIX_SECONDS." followed by the raw request body. A receiver
/// recomputes it, compares in constant time and rejects old timestamps (replays).
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-Status-Signature";

    public static string Create(string secret, string body, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    public static bool Verify(string secret, string body, string? header, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = (header ?? string.Empty).Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex(secret, t, body)), Encoding.ASCII.GetBytes(v1));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
}
