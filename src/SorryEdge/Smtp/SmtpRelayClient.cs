using System.Net;

namespace SorryEdge.Smtp;

/// <summary>What the backend MX is told about the real client: its addresses and the name it greeted with.</summary>
internal sealed record SmtpRelayClient(EndPoint? Remote, EndPoint? Local, string? Helo, bool Esmtp);
