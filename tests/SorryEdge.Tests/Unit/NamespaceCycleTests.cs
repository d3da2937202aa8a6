using System.Reflection;
using System.Text;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Unit;

/// <summary>
/// Dependencies between the edge's feature namespaces point one way (STYLE rule 14): read from the
/// compiled assembly — signatures, attributes and method bodies — so a lambda or a fully-qualified
/// name counts as much as a using.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = "SorryEdge";

    /// <summary>The composition root: Program and the wiring in Hosting; features never refer to it.</summary>
    private static readonly HashSet<string> CompositionRoot = [Root, "SorryEdge.Hosting"];

    private static readonly HashSet<string> LocatorMethods = ["GetService", "GetRequiredService", "GetKeyedService", "GetRequiredKeyedService", "GetServices", "GetKeyedServices"];

    private static readonly Assembly Edge = typeof(SorryEdge.Cli.EdgeCli).Assembly;

    private static readonly Lazy<IReadOnlyList<TypeReference>> Edges = new(() =>
        TypeReferenceScanner.References(Edge)
            .Where(r => Feature(r.From) is not null && Feature(r.To) is not null && Feature(r.From) != Feature(r.To))
            .ToList());

    /// <summary>
    /// The namespace a type counts for: its first two segments (the global Program counts for the root;
    /// the compiler's own top-level types, such as &lt;PrivateImplementationDetails&gt;, for nobody).
    /// </summary>
    private static string? Feature(Type type)
    {
        if (type.Assembly != Edge || TypeReferenceScanner.Outermost(type).Name.StartsWith('<')) { return null; }
        var name = type.Namespace ?? Root;
        if (name != Root && !name.StartsWith(Root + ".", StringComparison.Ordinal)) { return null; }
        var parts = name.Split('.');
        return parts.Length == 1 ? Root : parts[0] + "." + parts[1];
    }

    /// <summary>A feature's own AddX(IServiceCollection) registrations are wiring too.</summary>
    private static bool IsWiring(Type type) =>
        CompositionRoot.Contains(Feature(type)!) || type.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal);

    [Fact]
    public void FeatureNamespaces_HaveNoCycles()
    {
        var graph = Edges.Value
            .Where(r => !CompositionRoot.Contains(Feature(r.From)!) && !CompositionRoot.Contains(Feature(r.To)!))
            .GroupBy(r => (From: Feature(r.From)!, To: Feature(r.To)!))
            .ToDictionary(g => g.Key, g => g.ToList());
        var components = StronglyConnected(graph.Keys.ToList()).Where(c => c.Count > 1).ToList();

        var report = new StringBuilder();
        foreach (var component in components)
        {
            report.AppendLine($"Cycle among {string.Join(", ", component.Order(StringComparer.Ordinal))}:");
            report.AppendLine("  e.g. " + string.Join(" -> ", ShortestCycle(component, graph.Keys)));
            foreach (var edge in graph.Keys.Where(e => component.Contains(e.From) && component.Contains(e.To)).OrderBy(e => e.From).ThenBy(e => e.To))
            {
                var examples = graph[edge].Select(r => $"{r.From.Name} -> {r.To.Name} via {r.Via}").Distinct().ToList();
                report.AppendLine($"  {edge.From} -> {edge.To} ({examples.Count}):");
                foreach (var example in examples.Take(6)) { report.AppendLine("      " + example); }
            }
        }
        Assert.True(components.Count == 0, report.ToString());
    }

    [Fact]
    public void FeatureNamespaces_DoNotReferTheCompositionRoot()
    {
        var wrong = Edges.Value
            .Where(r => !CompositionRoot.Contains(Feature(r.From)!) && CompositionRoot.Contains(Feature(r.To)!))
            .Select(r => $"{Feature(r.From)}: {r.From.Name} -> {r.To.FullName} via {r.Via}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void ServiceLocatorLookups_OnlyInCompositionRoot()
    {
        var wrong = TypeReferenceScanner.Calls(Edge)
            .Where(c => LocatorMethods.Contains(c.Callee.Name) && IsProviderType(c.Callee.DeclaringType) && !IsWiring(c.From))
            .Select(c => $"{c.From.FullName}: {c.Caller.DeclaringType?.Name}.{c.Caller.Name} calls {c.Callee.DeclaringType?.Name}.{c.Callee}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void FeatureTypes_HoldNoObjectTypedState()
    {
        var wrong = new List<string>();
        foreach (var type in Edge.GetTypes().Where(t => Feature(t) is not null && !TypeReferenceScanner.IsGenerated(t)))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var state = type.GetFields(all).Where(f => !TypeReferenceScanner.IsCompilerGenerated(f)).Select(f => (f.Name, Type: f.FieldType))
                .Concat(type.GetProperties(all).Select(p => (p.Name, Type: p.PropertyType)));
            wrong.AddRange(state.Where(s => MentionsObject(s.Type)).Select(s => $"{type.FullName}.{s.Name}: {s.Type}"));
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static bool IsProviderType(Type? type) =>
        type is not null && (type == typeof(IServiceProvider) || type.Namespace == "Microsoft.Extensions.DependencyInjection"
            && type.Name is "ServiceProviderServiceExtensions" or "ServiceProviderKeyedServiceExtensions" or "IKeyedServiceProvider");

    private static bool MentionsObject(Type type) =>
        type == typeof(object)
        || (type.HasElementType && MentionsObject(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(MentionsObject));

    /// <summary>Tarjan's strongly connected components of the namespace graph.</summary>
    private static List<HashSet<string>> StronglyConnected(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<HashSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(to)) { Visit(to); low[node] = Math.Min(low[node], low[to]); }
                else if (stack.Contains(to)) { low[node] = Math.Min(low[node], index[to]); }
            }
            if (low[node] != index[node]) { return; }
            var component = new HashSet<string>();
            string popped;
            do { popped = stack.Pop(); component.Add(popped); } while (popped != node);
            result.Add(component);
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n))) { Visit(node); }
        return result;
    }

    /// <summary>The shortest cycle through the alphabetically first member of a component, for the message.</summary>
    private static List<string> ShortestCycle(HashSet<string> component, IEnumerable<(string From, string To)> edges)
    {
        var inside = edges.Where(e => component.Contains(e.From) && component.Contains(e.To)).ToList();
        var start = component.Order(StringComparer.Ordinal).First();
        var parent = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var to in inside.Where(e => e.From == node).Select(e => e.To).Order(StringComparer.Ordinal))
            {
                if (to == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = parent[at]) { path.Insert(1, at); }
                    path.Add(start);
                    return path;
                }
                if (parent.TryAdd(to, node)) { queue.Enqueue(to); }
            }
        }
        return [start];
    }
}
