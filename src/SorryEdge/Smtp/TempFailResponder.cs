using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>Answers a connection for one site with the temp-fail dialogue (<see cref="TempFailSession"/>), STARTTLS included.</summary>
internal sealed class TempFailResponder(IOptionsMonitor<SmtpOptions> options, ISmtpCertificateSource certificates, SmtpDialogueRunner runner)
{
    public async Task RunAsync(ConnectionContext connection, SmtpSite site, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var hostname = SmtpFrontHostname.Resolve(o.Hostname);
        var session = new TempFailSession(hostname, site.Settings.DeferAt, SmtpReplyText.DeferText(site.Settings, o.DefaultMessage), o.MaxErrors)
        {
            TlsAvailable = certificates.Select(hostname) is not null,
            RequireTls = o.RequireTls,
        };
        await runner.RunAsync(connection, new TempFailDialogue(session, site.SiteId), cancellationToken);
    }

    public static Task WriteAsync(PipeWriter output, SmtpReply reply, CancellationToken cancellationToken) =>
        SmtpDialogueRunner.WriteAsync(output, reply, cancellationToken);
}
