using SorryEdge.Sites;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpSettingsRulesTests
{
    private static readonly SmtpSettings Valid = new()
    {
        Listen = ["192.0.2.10:25", "[2001:db8::10]:25"],
        Backend = "mx1.customer.test:25",
        Mode = SmtpMode.Auto,
        DeferAt = SmtpDeferAt.Rcpt,
        Message = "Maintenance until 18:00 UTC",
        ProxyProtocol = ProxyProtocolVersion.V2,
    };

    [Fact]
    public void Validate_ValidSettings_HasNoErrors()
    {
        Assert.Empty(SmtpSettingsRules.Validate(Valid));
        Assert.Empty(SmtpSettingsRules.Validate(new SmtpSettings { Listen = ["127.0.0.1:2525"], Mode = SmtpMode.Tempfail }));
    }

    [Theory]
    [InlineData("listen-empty", "smtp.listen")]
    [InlineData("listen-bad", "smtp.listen")]
    [InlineData("listen-port0", "smtp.listen")]
    [InlineData("listen-repeat", "smtp.listen")]
    [InlineData("backend-bad", "smtp.backend")]
    [InlineData("passthrough-no-backend", "smtp.backend")]
    [InlineData("mode", "smtp.mode")]
    [InlineData("deferAt", "smtp.deferAt")]
    [InlineData("proxy", "smtp.proxyProtocol")]
    [InlineData("message-crlf", "smtp.message")]
    [InlineData("message-empty", "smtp.message")]
    [InlineData("message-utf8", "smtp.message")]
    [InlineData("domain-bad", "smtp.domains[1]")]
    [InlineData("domain-repeat", "smtp.domains")]
    public void Validate_BadField_NamesIt(string scenario, string field)
    {
        var settings = scenario switch
        {
            "listen-empty" => Valid with { Listen = [] },
            "listen-bad" => Valid with { Listen = ["mx.test:25"] },
            "listen-port0" => Valid with { Listen = ["127.0.0.1:0"] },
            "listen-repeat" => Valid with { Listen = ["127.0.0.1:25", "127.0.0.1:25"] },
            "backend-bad" => Valid with { Backend = "mx.test" },
            "passthrough-no-backend" => Valid with { Backend = null, Mode = SmtpMode.Passthrough },
            "mode" => Valid with { Mode = (SmtpMode)7 },
            "deferAt" => Valid with { DeferAt = (SmtpDeferAt)7 },
            "proxy" => Valid with { ProxyProtocol = (ProxyProtocolVersion)7 },
            "message-crlf" => Valid with { Message = "down\r\n250 ok" },
            "message-empty" => Valid with { Message = "" },
            "domain-bad" => Valid with { Domains = ["ok.test", "*.*.test"] },
            "domain-repeat" => Valid with { Domains = ["a.test", "A.test"] },
            _ => Valid with { Message = "Wartung bis 18 Uhr – später" },
        };

        var errors = SmtpSettingsRules.Validate(settings);

        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(errors[field][0]);
    }

    [Fact]
    public void Validate_DomainsWithoutListener_IsValid() =>
        Assert.Empty(SmtpSettingsRules.Validate(new SmtpSettings { Domains = ["example.test", "*.example.test"], Backend = "mx.test:25" }));

    [Fact]
    public void DomainTaken_ClaimedByAnotherSite_NamesFieldDomainAndSite()
    {
        var mine = new SmtpSettings { Domains = ["free.test", "Shop.Test"] };
        (string, SmtpSettings?)[] others = [("other", new SmtpSettings { Domains = ["shop.test"] }), ("plain", null), ("me", new SmtpSettings { Domains = ["free.test"] })];

        Assert.Equal(("smtp.domains[1]", "Shop.Test", "other"), SmtpSettingsRules.DomainTaken("me", mine, others));
        Assert.Null(SmtpSettingsRules.DomainTaken("other", mine, others[..1]));
    }
}
