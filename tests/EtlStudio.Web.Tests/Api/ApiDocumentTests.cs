using System.Net;
using System.Text.Json.Nodes;

namespace EtlStudio.Web.Tests.Api;

public sealed class ApiDocumentTests : ApiTest
{
    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var document = await GetAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();

        foreach (var (path, verb) in new[]
        {
            ("/api/groups", "post"), ("/api/groups/{id}", "put"), ("/api/groups/{id}/run", "post"), ("/api/groups/{id}/export", "get"),
            ("/api/groups/import", "post"), ("/api/flows", "get"), ("/api/flows/{id}", "delete"), ("/api/flows/{id}/run", "post"),
            ("/api/flows/{id}/reset-cursor", "post"), ("/api/connections/{id}", "put"), ("/api/triggers", "post"), ("/api/runs", "get"),
            ("/api/runs/{id}", "get"), ("/api/runs/{id}/rejects", "get"), ("/api/runs/{id}/cancel", "post"), ("/api/runs/{id}/replay", "post"),
        })
        {
            Assert.True(paths[path]?[verb] is not null, $"{verb.ToUpperInvariant()} {path} is missing from the OpenAPI document.");
        }
        var loadModes = document["components"]!["schemas"]!["LoadMode"]!["enum"]!.AsArray().OfType<JsonNode>().Select(v => v.GetValue<string>());
        Assert.Equal(["Append", "TruncateReplace", "Upsert"], loadModes);
    }

    [Fact]
    public async Task Unreadable_body_is_a_400_problem_that_says_where_without_a_stack_trace()
    {
        using var content = new StringContent("""{ "name": "x", "maxParallelFlows": "many" }""", System.Text.Encoding.UTF8, "application/json");

        var response = await Admin.PostAsync("/api/groups", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("maxParallelFlows", JsonNode.Parse(text)!["detail"]!.GetValue<string>()); // the test host runs as Development
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_path_is_a_404_problem_not_the_portal_page()
    {
        var response = await Admin.GetAsync("/api/nothing-here", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Admin.PatchAsync("/api/groups", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_415_problem()
    {
        using var content = new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await Admin.PostAsync("/api/groups", content, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unreadable_body_outside_development_is_still_a_400_problem()
    {
        await using var production = new ApiHost(environment: "Production");
        using var admin = production.Client();
        using var content = new StringContent("""{ "name": "x", "maxParallelFlows": "many" }""", System.Text.Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/api/groups", content, Ct);
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("could not be read", problem["detail"]!.GetValue<string>());
    }
}
