namespace SorryEdge.Sites;

/// <summary>
/// Whether traffic returns to the backends by itself after <c>rise</c> good probes, or stays
/// on the sorry page until someone resumes (a semi-automatic failover, as in seed 002).
/// </summary>
internal enum FailbackMode
{
    Auto,
    Manual,
}
