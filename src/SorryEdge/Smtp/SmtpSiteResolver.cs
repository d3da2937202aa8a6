using System.Net;
using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>Finds the site a connection belongs to, from the current site list, at the moment it arrives.</summary>
internal sealed class SmtpSiteResolver(ISmtpSiteSource sites)
{
    public SmtpSite? Resolve(ConnectionContext connection)
    {
        var current = sites.Sites;
        if (connection.Features.Get<SmtpListenFeature>() is { } feature)
        {
            return current.FirstOrDefault(s => s.Settings.Listen.Contains(feature.Listen, StringComparer.Ordinal));
        }

        // A static Kestrel listener (ListenOptions.UseConnectionHandler) carries no feature:
        // match the local endpoint, an exact address first, then a wildcard one on the port.
        if (connection.LocalEndPoint is not IPEndPoint local)
        {
            return null;
        }

        var localAddress = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        SmtpSite? wildcard = null;
        foreach (var site in current)
        {
            foreach (var listen in site.Settings.Listen)
            {
                if (!IPEndPoint.TryParse(listen, out var endPoint) || endPoint.Port != local.Port)
                {
                    continue;
                }

                if (endPoint.Address.Equals(localAddress))
                {
                    return site;
                }

                if (endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any))
                {
                    wildcard ??= site;
                }
            }
        }

        return wildcard;
    }
}
