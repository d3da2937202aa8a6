namespace SorryEdge.Tests.Support;

/// <summary>Timing-sensitive suites run alone, so a 2-core machine does not stretch their deadlines.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "Serial timing-sensitive edge tests";
}
