namespace SorryEdge.Smtp;

/// <summary>Outcome of one attempt to take a command line from the input buffer.</summary>
internal enum SmtpLineStatus
{
    /// <summary>No line end yet and the line is still within the limit: wait for more bytes.</summary>
    Incomplete,

    /// <summary>A complete line was taken.</summary>
    Line,

    /// <summary>The line exceeds the limit (with or without a line end in sight).</summary>
    TooLong,
}
