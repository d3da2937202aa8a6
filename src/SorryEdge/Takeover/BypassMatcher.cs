using Microsoft.AspNetCore.Http;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>Whether a request may pass a site's maintenance to reach the real backend.</summary>
internal static class BypassMatcher
{
    public static bool IsBypassed(HttpContext context, SiteEntry entry)
    {
        var networks = entry.BypassNetworks;
        if (networks.Count > 0 && context.Connection.RemoteIpAddress is { } address)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            for (var i = 0; i < networks.Count; i++)
            {
                if (networks[i].Contains(address))
                {
                    return true;
                }
            }
        }

        return entry.BypassCookieValue is { } expected
            && context.Request.Cookies.TryGetValue(TakeoverResponder.BypassCookie, out var cookie)
            && string.Equals(cookie, expected, StringComparison.Ordinal);
    }
}
