using Microsoft.Extensions.Time.Testing;
using SorryEdge.Damping;
using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

/// <summary>RFC 2439 damping of a site's published state, on a fake clock.</summary>
public sealed class FlapDamperTests
{
    private static readonly DampingSettings Defaults = new();

    [Fact]
    public void Change_CleanTenSecondOutage_PublishesDownAndUpAtOnce()
    {
        var time = new FakeTimeProvider();
        var damper = new FlapDamper();

        Assert.Equal(PublishedState.Down, damper.Change(true, time.GetUtcNow(), Defaults));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(PublishedState.Up, damper.Change(false, time.GetUtcNow(), Defaults));
        Assert.False(damper.Suppressed);
        Assert.Null(damper.OutageSince);
    }

    [Fact]
    public void Change_BackendFlippingEvery500MsForAMinute_AtMostSixPublishedChangesThenOneSettle()
    {
        var time = new FakeTimeProvider();
        var damper = new FlapDamper();
        var published = new List<PublishedState>();
        for (var i = 0; i < 120; i++)
        {
            if (damper.Change(i % 2 == 0, time.GetUtcNow(), Defaults) is { } state)
            {
                published.Add(state);
            }

            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.InRange(published.Count, 1, 6);
        Assert.Equal(PublishedState.Flapping, published[^1]);
        Assert.True(damper.Suppressed);
        Assert.True(damper.PenaltyAt(time.GetUtcNow(), Defaults) >= Defaults.SuppressLimit);

        // It stays flapping while the penalty is above the reuse limit, then publishes the real state once.
        var reuse = damper.ReuseAt(time.GetUtcNow(), Defaults);
        Assert.True(reuse - time.GetUtcNow() <= TimeSpan.FromSeconds(Defaults.MaxSuppressSeconds) + TimeSpan.FromSeconds(1), "capped by MaxSuppressSeconds");
        time.Advance(reuse - time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Null(damper.Settle(time.GetUtcNow(), Defaults));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PublishedState.Up, damper.Settle(time.GetUtcNow(), Defaults));
        Assert.False(damper.Suppressed);
    }

    [Fact]
    public void PenaltyAt_AfterOneHalfLife_IsHalved()
    {
        var time = new FakeTimeProvider();
        var damper = new FlapDamper();
        damper.Change(true, time.GetUtcNow(), Defaults);
        time.Advance(TimeSpan.FromSeconds(Defaults.HalfLifeSeconds));

        Assert.Equal(Defaults.Penalty / 2.0, damper.PenaltyAt(time.GetUtcNow(), Defaults), 3);
    }

    [Fact]
    public void Change_DampingDisabled_PublishesEveryChange()
    {
        var time = new FakeTimeProvider();
        var damper = new FlapDamper();
        var off = new DampingSettings { Enabled = false };
        var count = 0;
        for (var i = 0; i < 10; i++)
        {
            count += damper.Change(i % 2 == 0, time.GetUtcNow(), off) is null ? 0 : 1;
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(10, count);
    }

    [Fact]
    public void Validate_SuppressBelowReuse_NamesTheField()
    {
        var errors = new DampingSettings { SuppressLimit = 100, ReuseLimit = 500 }.Validate().ToList();

        Assert.Contains(errors, e => e.Key == "damping.suppressLimit");
    }
}
