using Microsoft.Extensions.Primitives;

namespace SorryEdge.Smtp;

/// <summary>Awaiting an <see cref="IChangeToken"/>, for loops that reconcile on every site change.</summary>
internal static class SmtpChangeTokens
{
    public static async Task WaitAsync(IChangeToken token, CancellationToken cancellationToken)
    {
        if (token.HasChanged)
        {
            return;
        }

        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), fired);
        await fired.Task.WaitAsync(cancellationToken);
    }
}
