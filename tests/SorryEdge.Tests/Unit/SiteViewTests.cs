using System.Text.Json;
using SorryEdge.Admin;
using SorryEdge.Damping;
using SorryEdge.Health;
using SorryEdge.Http;
using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

/// <summary>The admin API's typed site answer against the shape it replaced: the site's JSON with version, updatedAt and state appended.</summary>
public sealed class SiteViewTests
{
    [Fact]
    public void From_EverySiteFieldSet_SameJsonAsSitePlusVersionUpdatedAtState()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var site = new Site
        {
            Id = "shop",
            Name = "The shop",
            Customer = "acme",
            Hostnames = ["shop.example", "*.shop.example"],
            Backends = [new SiteBackend { Url = "http://10.0.0.1:8080", Weight = 50, AgentUrl = "http://10.0.0.1:9000/agent" }],
            Health = new SiteHealthSettings { Path = "/ready", IntervalMs = 1500 },
            Mode = SiteMode.Maintenance,
            ModeUntil = at.AddHours(2),
            Action = TakeoverAction.Redirect,
            Redirect = new RedirectSettings { Url = "https://status.example/", Status = 307, KeepPath = true },
            Failback = FailbackMode.Manual,
            RetryAfterSeconds = 90,
            Message = "Back soon",
            Bypass = new BypassSettings { Cidrs = ["203.0.113.0/24"], Secret = "s3cret-s3cret-s3cret" },
            Schedules = [new MaintenanceWindow { Id = "w-1", Start = at, End = at.AddHours(1), Mode = SiteMode.Maintenance }],
            ConnectTimeoutMs = 1234,
            ResponseTimeoutMs = 5678,
            Smtp = new SmtpSettings { Listen = ["0.0.0.0:25"], Domains = ["shop.example"], Backend = "10.0.0.2:25", Mode = SmtpMode.Auto, Message = "later" },
            Damping = new DampingSettings(),
            StatusComponent = "shop-web",
            NotifyEmails = ["ops@shop.example"],
        };
        var record = new SiteRecord(site, Latched: true, Version: 7, UpdatedAt: at);
        var state = new SiteStateView("sorry", "maintenance", true, at, true,
            [new DestinationView("d1", "http://10.0.0.1:8080", "unhealthy", at, new ProbeResult(at, false, "refused", "probe"), null)],
            new DampingView(12.5, false, "down", null));

        var expected = JsonSerializer.SerializeToNode(site, EdgeJson.Options)!.AsObject();
        expected["version"] = 7;
        expected["updatedAt"] = at;
        expected["state"] = JsonSerializer.SerializeToNode(state, EdgeJson.Options);

        Assert.Equal(expected.ToJsonString(EdgeJson.Options), JsonSerializer.Serialize(SiteView.From(record, state), EdgeJson.Options));
    }
}
