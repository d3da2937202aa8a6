namespace SorryEdge.Tests.Smtp;

/// <summary>Waits for a condition by polling with a deadline, never by sleeping a fixed time.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what}");
            }

            await Task.Delay(10);
        }
    }
}
