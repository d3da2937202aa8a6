using SorryEdge.Data;

namespace SorryEdge.Tests.Unit;

public sealed class DiskWorkTests
{
    [Fact]
    public async Task LeaveSocketThread_FromADedicatedThread_ContinuesOnThePool_OnThePoolStaysInline()
    {
        // A dedicated thread stands in for the socket engine's (neither is a pool thread).
        var done = new TaskCompletionSource<(bool Before, bool After)>();
        var thread = new Thread(() =>
        {
            var before = Thread.CurrentThread.IsThreadPoolThread;
            var hop = DiskWork.LeaveSocketThreadAsync();
            hop.AsTask().ContinueWith(_ => done.SetResult((before, Thread.CurrentThread.IsThreadPoolThread)), TaskContinuationOptions.ExecuteSynchronously);
        });
        thread.Start();
        var (before, after) = await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(before);
        Assert.True(after);

        await Task.Run(() => Assert.True(DiskWork.LeaveSocketThreadAsync().IsCompletedSuccessfully));
    }
}
