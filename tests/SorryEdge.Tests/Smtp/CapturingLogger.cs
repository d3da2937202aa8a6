using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Tests.Smtp;

internal sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            messages.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)}: {exception}");
        }
    }
}
