namespace SorryEdge.Smtp;

/// <summary>One parsed command line: the verb, the raw verb text for logs, and the argument after the first space.</summary>
internal readonly record struct SmtpCommand(SmtpVerb Verb, string Name, string Argument);
