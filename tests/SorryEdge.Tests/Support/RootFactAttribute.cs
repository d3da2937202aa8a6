namespace SorryEdge.Tests.Support;

/// <summary>A fact that needs root for a real disk fault (loop device, fsfreeze); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (LoopFilesystem.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
