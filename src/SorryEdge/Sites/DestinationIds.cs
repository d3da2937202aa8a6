using System.Security.Cryptography;
using System.Text;

namespace SorryEdge.Sites;

/// <summary>
/// Destination ids derived from the backend URL, so reordering or reweighting a site's backends
/// keeps each one's health history in YARP and in the tracker.
/// </summary>
internal static class DestinationIds
{
    public static string For(string url) =>
        "b-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.TrimEnd('/').ToLowerInvariant())), 0, 5);
}
