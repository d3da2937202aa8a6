using SorryEdge.Health;

namespace SorryEdge.Admin;

/// <summary>One backend's health as the admin API shows it.</summary>
internal sealed record DestinationView(string Id, string Url, string Health, DateTimeOffset Since, ProbeResult? LastCheck, AgentReading? Agent);
