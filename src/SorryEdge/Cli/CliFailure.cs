namespace SorryEdge.Cli;

/// <summary>Ends a command with a message for stderr and one of <see cref="CliExitCodes"/>.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
