namespace MailOutbox;

/// <summary>
/// The SMTP relay mail goes through (<c>Edge:Notifications:Smtp</c> on the edge, <c>Status:Notifications:Smtp</c> on the
/// status site), and how long the outbox keeps retrying. An empty <see cref="Host"/> keeps mail queued, unsent.
/// </summary>
public sealed class SmtpRelayOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>auto</c> (STARTTLS when offered), <c>always</c> (refuse a relay without it), <c>never</c>, or <c>tls</c> (implicit TLS, port 465).</summary>
    public string StartTls { get; set; } = "auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "sorryedge@localhost";

    public string? FromName { get; set; }

    /// <summary>Longest wait between two attempts of one message (backoff doubles from one second).</summary>
    public int MaxRetrySeconds { get; set; } = 300;

    /// <summary>A message not delivered after this long is given up and reported.</summary>
    public int GiveUpAfterHours { get; set; } = 24;

    /// <summary>Every problem, each naming its key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (Port is < 1 or > 65535)
        {
            yield return $"{section}:Port must be 1–65535, got {Port}.";
        }

        if (StartTls is not ("auto" or "always" or "never" or "tls"))
        {
            yield return $"{section}:StartTls must be auto, always, never or tls, got '{StartTls}'.";
        }

        if (!MimeKit.MailboxAddress.TryParse(From, out _) || !From.Contains('@'))
        {
            yield return $"{section}:From must be an e-mail address, got '{From}'.";
        }

        if (!string.IsNullOrEmpty(User) && Password is null)
        {
            yield return $"{section}:Password must be set when {section}:User is.";
        }

        if (MaxRetrySeconds is < 1 or > 86400)
        {
            yield return $"{section}:MaxRetrySeconds must be 1–86400.";
        }

        if (GiveUpAfterHours is < 1 or > 720)
        {
            yield return $"{section}:GiveUpAfterHours must be 1–720.";
        }
    }
}
