using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailOutbox;

/// <summary>Sends queued mail through the configured relay with MailKit: one connection per batch, plain-text part, fixed headers.</summary>
internal sealed class MailRelay(SmtpRelayOptions options)
{
    /// <summary>Sends each message; answers per message null (sent) or the error. A relay that cannot be reached fails them all.</summary>
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<QueuedMail> batch, CancellationToken ct)
    {
        var results = new string?[batch.Count];
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, Security(options.StartTls), ct);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? string.Empty, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Array.Fill(results, $"relay {options.Host}:{options.Port}: {ex.Message}");
            return results;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                await client.SendAsync(Build(batch[i]), ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or FormatException or ParseException)
            {
                results[i] = ex.Message;
                if (!client.IsConnected)
                {
                    // Lost the relay mid-batch: the rest wait for the next attempt.
                    for (var j = i + 1; j < batch.Count; j++)
                    {
                        results[j] = "relay connection lost: " + ex.Message;
                    }

                    return results;
                }
            }
        }

        await client.DisconnectAsync(quit: true, ct);
        return results;
    }

    internal MimeMessage Build(QueuedMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName ?? string.Empty, options.From));
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Subject = mail.Subject;
        message.MessageId = mail.MessageId;
        message.Date = mail.CreatedAt;
        // RFC 3834: machine-generated, so auto-responders stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        foreach (var (name, value) in mail.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new TextPart("plain") { Text = mail.TextBody };
        return message;
    }

    private static SecureSocketOptions Security(string startTls) => startTls switch
    {
        "always" => SecureSocketOptions.StartTls,
        "never" => SecureSocketOptions.None,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
