namespace SorryEdge.Operations;

/// <summary>Why an operation changed nothing; each shell maps it once (HTTP status, portal notice).</summary>
internal enum RefusalKind
{
    /// <summary>One or more fields are wrong; <see cref="Refusal.Errors"/> names them.</summary>
    Invalid,

    /// <summary>The input as a whole is unreadable (not the expected shape).</summary>
    Malformed,

    /// <summary>The thing does not exist, or the caller may not see it (others' sites answer as if absent).</summary>
    NotFound,

    /// <summary>The caller sees it but may not do this.</summary>
    Forbidden,

    /// <summary>The change clashes with the current state (a taken hostname, no earlier version, a newer write).</summary>
    Conflict,

    /// <summary>The input is larger than allowed.</summary>
    TooLarge,

    /// <summary>The input is of a type the operation does not take.</summary>
    UnsupportedType,
}
