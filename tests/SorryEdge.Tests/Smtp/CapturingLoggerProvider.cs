using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Tests.Smtp;

/// <summary>Keeps every formatted log message, so tests can assert that a limit left a log line.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

    public void Dispose()
    {
    }
}
