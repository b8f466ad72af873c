using System.Text.Json;
using System.Text.Json.Nodes;
using EtlStudio.Testing;

namespace EtlStudio.Web.Tests.Api;

/// <summary>The REST contract is checked in (<c>EtlStudio.Web/Api/EtlStudio.Web.json</c>, as eShop keeps
/// <c>Catalog.API.json</c>): a change to a DTO, route or status code shows up as a diff in review, never by accident.</summary>
public sealed class ApiContractTests : ApiTest
{
    private static string CheckedIn => Path.Combine(RepoPaths.Root, "EtlStudio.Web", "Api", "EtlStudio.Web.json");

    [Fact]
    public async Task The_served_OpenAPI_document_is_the_checked_in_one()
    {
        var served = Normalize(await GetAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("ETLSTUDIO_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(CheckedIn, served, Ct);

        var expected = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn, Ct))!);

        Assert.True(expected == served,
            $"The API contract changed. If that is intended, run the tests with ETLSTUDIO_UPDATE_OPENAPI=1 and commit {CheckedIn}. " +
            $"First difference at line {FirstDifference(expected, served)}.");
    }

    /// <summary>Indented, with the request-dependent server list removed.</summary>
    private static string Normalize(JsonNode document)
    {
        document.AsObject().Remove("servers");
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var (x, y) = (i < e.Length ? e[i] : "<end>", i < a.Length ? a[i] : "<end>");
            if (x != y) return $"{i + 1}: expected `{x.Trim()}`, served `{y.Trim()}`";
        }
        return "none";
    }
}
