namespace SorryEdge.Smtp;

/// <summary>Placeholder until the SMTP front lands; the SMTP branch replaces this file.</summary>
public sealed record SmtpSettings;
