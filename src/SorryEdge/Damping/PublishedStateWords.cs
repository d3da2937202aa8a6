using SorryEdge.Sites;

namespace SorryEdge.Damping;

/// <summary>The wire word of a <see cref="PublishedState"/> (<see cref="SiteStateWords"/>).</summary>
internal static class PublishedStateWords
{
    public static string Of(PublishedState state) => state switch
    {
        PublishedState.Down => SiteStateWords.Down,
        PublishedState.Flapping => SiteStateWords.Flapping,
        _ => SiteStateWords.Up,
    };
}
