using System.Text.Json.Nodes;

namespace EtlStudio.Deployment.Tests;

/// <summary>Read access to a compiled ARM template, nested module templates included.</summary>
public sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public string Text { get; } = root.ToJsonString();

    /// <summary>Every resource at any depth: objects with a <c>type</c> and an <c>apiVersion</c>.</summary>
    public IEnumerable<JsonObject> Resources => Walk(Root).Where(o =>
        o["type"] is JsonValue type && type.TryGetValue<string>(out _) && o["apiVersion"] is JsonValue);

    public IReadOnlyList<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type)
    {
        var found = ResourcesOfType(type);
        Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}");
        return found[0];
    }

    /// <summary>The module deployment (a Microsoft.Resources/deployments resource) of that name.</summary>
    public JsonObject Module(string name) =>
        ResourcesOfType("Microsoft.Resources/deployments").SingleOrDefault(d => (string?)d["name"] == name)
        ?? throw new InvalidOperationException($"no module deployment named '{name}'");

    /// <summary>
    /// The value a module is given for one of its parameters; for a value that depends on a condition, the
    /// expression that builds the whole <c>{ "value": … }</c> object.
    /// </summary>
    public JsonNode? ModuleParameter(string module, string parameter) =>
        Module(module)["properties"]?["parameters"]?[parameter] is JsonObject given ? given["value"]
            : Module(module)["properties"]?["parameters"]?[parameter];

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var found in Walk(child)) yield return found;
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var found in Walk(child)) yield return found;
                }
                break;
        }
    }
}
