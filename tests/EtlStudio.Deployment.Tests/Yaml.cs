using YamlDotNet.RepresentationModel;

namespace EtlStudio.Deployment.Tests;

/// <summary>Loads a YAML file of the repository as a node tree and walks it by key.</summary>
public static class Yaml
{
    public static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(this YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path) current = current?.Child(key);
        return (current as YamlScalarNode)?.Value;
    }
}
