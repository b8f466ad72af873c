using System.Text.RegularExpressions;
using EtlStudio.Testing;

namespace EtlStudio.Web.Tests.Conventions;

/// <summary>The portal's namespaces (features, Api, Security …) depend on each other in one direction only: a cycle such
/// as the old <c>Jobs ⇄ Editing</c> means two folders are really one, or a type lives in the wrong one.</summary>
/// <remarks>Dependencies are read from the C# files: <c>using EtlStudio.Web.X;</c> and fully qualified
/// <c>EtlStudio.Web.X.Type</c> references. Razor files are left out: <c>_Imports.razor</c> imports every feature.</remarks>
public sealed partial class NamespaceCycleTests
{
    [Fact]
    public void No_two_namespaces_of_the_portal_depend_on_each_other()
    {
        var graph = Dependencies();

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => Describe(c, graph))));
    }

    [Fact]
    public void The_check_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, Dictionary<string, List<string>>>
        {
            ["A"] = new() { ["B"] = ["A/One.cs"] },
            ["B"] = new() { ["C"] = ["B/Two.cs"] },
            ["C"] = new() { ["A"] = ["C/Three.cs"] },
            ["D"] = new() { ["A"] = ["D/Four.cs"] },
        };

        var cycle = Assert.Single(StronglyConnected(graph), c => c.Count > 1);

        Assert.Equal(["A", "B", "C"], cycle.Order());
        Assert.Contains("C → A (C/Three.cs)", Describe(cycle, graph));
    }

    /// <summary>Namespace → namespace it uses → the files that use it.</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> Dependencies()
    {
        var web = Path.Combine(RepoPaths.Root, "EtlStudio.Web");
        var files = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(web, f), @"^(bin|obj)[/\\]|Migrations"))
            .Select(f => (Path: Path.GetRelativePath(web, f), Text: File.ReadAllText(f)))
            .Select(f => (f.Path, Namespace: NamespaceDeclaration().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null, f.Text))
            .Where(f => f.Namespace is not null)
            .ToList();
        var namespaces = files.Select(f => f.Namespace!).ToHashSet();
        var graph = namespaces.ToDictionary(n => n, _ => new Dictionary<string, List<string>>());
        foreach (var (path, ns, text) in files)
        {
            foreach (var used in WebReference().Matches(text).Select(m => m.Value))
            {
                // The longest declared namespace the reference starts with (EtlStudio.Web.Runs.RunStates → EtlStudio.Web.Runs).
                var target = namespaces.Where(n => used == n || used.StartsWith(n + ".", StringComparison.Ordinal)).MaxBy(n => n.Length);
                if (target is null || target == ns) continue;
                var users = graph[ns!].TryGetValue(target, out var list) ? list : graph[ns!][target] = [];
                if (!users.Contains(path)) users.Add(path);
            }
        }
        return graph;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, List<string>>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        foreach (var node in graph.Keys.Order()) if (!index.ContainsKey(node)) Visit(node);
        return result;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node)?.Keys.Order() ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                component.Add(member);
            }
            while (member != node);
            result.Add(component);
        }
    }

    private static string Describe(List<string> cycle, Dictionary<string, Dictionary<string, List<string>>> graph) =>
        "Namespaces that depend on each other: " + string.Join(", ", cycle.Order()) + "\n" + string.Join("\n",
            from source in cycle.Order()
            from edge in graph[source].Where(e => cycle.Contains(e.Key)).OrderBy(e => e.Key)
            select $"  {Short(source)} → {Short(edge.Key)} ({string.Join(", ", edge.Value.Order())})");

    private static string Short(string ns) => ns.StartsWith("EtlStudio.Web.", StringComparison.Ordinal) ? ns["EtlStudio.Web.".Length..] : ns;

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bEtlStudio\.Web(\.[A-Z]\w*)+")]
    private static partial Regex WebReference();
}
