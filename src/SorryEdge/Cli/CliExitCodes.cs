namespace SorryEdge.Cli;

/// <summary>The CLI's exit codes; scripts branch on them, so they are part of its contract.</summary>
internal static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The admin API refused the call (4xx).</summary>
    public const int Refused = 1;

    /// <summary>Bad arguments, or no token in the environment.</summary>
    public const int Usage = 2;

    /// <summary>The edge could not be reached (refused, timed out, DNS).</summary>
    public const int Unreachable = 3;

    /// <summary>The edge answered with a server error (5xx).</summary>
    public const int EdgeError = 4;

    public const string HelpText =
        "Exit codes: 0 success, 1 the API refused the call (4xx; its title and detail go to stderr), " +
        "2 usage error or SORRYEDGE_TOKEN not set, 3 edge unreachable, 4 edge error (5xx).";
}
