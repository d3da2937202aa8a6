namespace EdgeAgent.Health;

/// <summary>Why the host is not green: one counted non-OK check.</summary>
internal sealed record HealthReason(string Check, string Status, double? Value, string Message, DateTimeOffset Since);
