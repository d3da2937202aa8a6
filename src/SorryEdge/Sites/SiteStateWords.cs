namespace SorryEdge.Sites;

/// <summary>
/// The wire word of a site's state, one each: every backend down or not, and the damped, published
/// state that adds <see cref="Flapping"/>. The event log, the API, mail and the cluster's keys write these;
/// a destination's own verdict has its words in <c>Health.HealthWords</c>.
/// </summary>
internal static class SiteStateWords
{
    public const string Up = "up";
    public const string Down = "down";
    public const string Flapping = "flapping";

    public static string Site(bool down) => down ? Down : Up;
}
