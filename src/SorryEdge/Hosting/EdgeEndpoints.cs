using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SorryEdge.Hosting;

/// <summary>
/// The listeners as bound: Kestrel writes the real port back into each ListenOptions, so a
/// listener configured on port 0 (tests) can still be told apart from the others.
/// </summary>
internal sealed class EdgeEndpoints
{
    private readonly Dictionary<string, ListenOptions> _listeners = [];

    public IPEndPoint? Http => Get("http");

    public IPEndPoint? Https => Get("https");

    public IPEndPoint? Admin => Get("admin");

    internal void Add(string name, ListenOptions options) => _listeners[name] = options;

    private IPEndPoint? Get(string name) => _listeners.TryGetValue(name, out var options) ? options.IPEndPoint : null;
}
