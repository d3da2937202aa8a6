using Microsoft.Extensions.Primitives;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

/// <summary>A mutable site list for tests; every change fires the change token, as the site store does.</summary>
internal sealed class TestSmtpSiteSource : ISmtpSiteSource
{
    private readonly Lock _gate = new();
    private IReadOnlyList<SmtpSite> _sites;
    private CancellationTokenSource _changed = new();

    public TestSmtpSiteSource(params SmtpSite[] sites) => _sites = sites;

    public IReadOnlyList<SmtpSite> Sites
    {
        get
        {
            lock (_gate)
            {
                return _sites;
            }
        }
    }

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Set(params SmtpSite[] sites)
    {
        CancellationTokenSource fired;
        lock (_gate)
        {
            _sites = sites;
            fired = _changed;
            _changed = new CancellationTokenSource();
        }

        fired.Cancel();
    }

    public void Update(string siteId, Func<SmtpSettings, SmtpSettings> change) =>
        Set([.. Sites.Select(s => s.SiteId == siteId ? s with { Settings = change(s.Settings) } : s)]);

    public static SmtpSite Site(string id, SmtpSettings settings) =>
        new(id, id, settings, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), 1, 1);
}
