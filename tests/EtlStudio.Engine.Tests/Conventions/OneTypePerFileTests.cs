using EtlStudio.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace EtlStudio.Engine.Tests.Conventions;

/// <summary>One top-level type per file, named after it (STYLE.md, issue #12 point 3), for the three product projects.
/// <c>file</c>-scoped helpers and nested types do not count; <c>Foo.Bar.cs</c> may hold part of a partial <c>Foo</c>, and
/// <c>Foo`1.cs</c> or <c>Foo{T}.cs</c> a generic <c>Foo</c>.</summary>
public sealed class OneTypePerFileTests
{
    private static readonly string[] Projects = ["EtlStudio.Engine", "EtlStudio.Data", "EtlStudio.Web"];

    [Fact]
    public void Every_product_file_declares_at_most_one_top_level_type_named_after_the_file()
    {
        var files = SourceFiles().ToList();
        foreach (var project in Projects)
            Assert.Contains(files, f => f.StartsWith(project + "/", StringComparison.Ordinal));

        var problems = files
            .Select(f => Problem(f, File.ReadAllText(Path.Combine(RepoPaths.Root, f))))
            .OfType<string>()
            .ToList();

        Assert.True(problems.Count == 0,
            $"{problems.Count} file(s) break one type per file, named after it:\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("A/Widget.cs", "namespace A; public sealed class Widget;")]
    [InlineData("A/Widget.cs", "namespace A; public sealed class Widget { private sealed record Part; }")]
    [InlineData("A/Widget.cs", "namespace A; public sealed class Widget; file sealed class Helper;")]
    [InlineData("A/Widget.cs", "namespace A { internal readonly record struct Widget(int X); }")]
    [InlineData("A/Widget.Rendering.cs", "namespace A; public sealed partial class Widget;")]
    [InlineData("A/Widget`1.cs", "namespace A; public sealed class Widget<T>;")]
    [InlineData("A/Widget{T}.cs", "namespace A; public sealed class Widget<T>;")]
    [InlineData("A/Widget.cs", "namespace A; public sealed class Widget<T>;")]
    [InlineData("A/Handler.cs", "namespace A; public delegate void Handler(int x);")]
    [InlineData("A/Program.cs", "System.Console.WriteLine(1);")]
    public void A_file_with_one_type_named_after_it_passes(string path, string source) =>
        Assert.Null(Problem(path, source));

    [Theory]
    [InlineData("A/Widget.cs", "namespace A; public sealed class Widget; public enum WidgetKind { One }", "Widget, WidgetKind")]
    [InlineData("A/Widgets.cs", "namespace A; public sealed class Widget;", "Widget, not Widgets")]
    [InlineData("A/Widget.cs", "namespace A; public interface IWidget; internal delegate void Handler();", "IWidget, Handler")]
    [InlineData("A/Widget.Rendering.cs", "namespace A; public sealed class Widget;", "not partial")]
    [InlineData("A/Widget.cs", "namespace A { public struct Widget; } namespace B { public struct Other; }", "Widget, Other")]
    public void A_file_with_another_or_a_second_type_fails(string path, string source, string expected) =>
        Assert.Contains(expected, Problem(path, source), StringComparison.Ordinal);

    /// <summary>The product .cs files, relative to the repository root with '/' separators, generated migrations and
    /// build output left out.</summary>
    private static IEnumerable<string> SourceFiles() =>
        from project in Projects
        from file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, project), "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(RepoPaths.Root, file).Replace(Path.DirectorySeparatorChar, '/')
        where !relative.Split('/').Any(part => part is "Migrations" or "obj" or "bin")
        orderby relative
        select relative;

    /// <summary>What is wrong with the file at <paramref name="path"/>, or null when it holds at most one top-level
    /// type and the file is named after it.</summary>
    private static string? Problem(string path, string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)).GetCompilationUnitRoot();
        var types = TopLevelTypes(root.Members).Where(t => !t.Modifiers.Any(SyntaxKind.FileKeyword)).ToList();
        if (types.Count == 0) return null;
        var names = string.Join(", ", types.Select(Name));
        if (types.Count > 1) return $"{path}: declares {names}";

        var type = types[0];
        var fileName = Path.GetFileName(path)[..^".cs".Length];
        var parts = fileName.Split('.');
        var stem = parts[0];
        var generic = stem.IndexOfAny(['`', '{']);
        if (generic > 0) stem = stem[..generic];
        if (stem != Name(type)) return $"{path}: declares {names}, not {fileName}";
        if (parts.Length > 1 && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            return $"{path}: {names} is not partial, so the file is named {names}.cs";
        return null;
    }

    private static IEnumerable<MemberDeclarationSyntax> TopLevelTypes(SyntaxList<MemberDeclarationSyntax> members) =>
        members.SelectMany(member => member switch
        {
            BaseNamespaceDeclarationSyntax ns => TopLevelTypes(ns.Members),
            BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => [member],
            _ => [],
        });

    private static string Name(MemberDeclarationSyntax type) => type switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
        DelegateDeclarationSyntax d => d.Identifier.ValueText,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
