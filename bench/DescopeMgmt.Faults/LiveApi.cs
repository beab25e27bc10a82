using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Faults;

/// <summary>
/// The suite's own view of the emulator, over plain HTTP: it seeds the starting state and reads what is
/// live afterwards, independently of the CLI under test. An item's state is its name: every scenario
/// gives each state of an item a distinct name, so "which state is live" is one string comparison.
/// </summary>
internal sealed class LiveApi : IDisposable
{
    private readonly HttpClient _http;

    public LiveApi(Uri baseUrl)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{Sandbox.ProjectId}:{Sandbox.Key}");
    }

    public async Task CreateTenantAsync(string id, string name) =>
        await PostAsync("/v1/mgmt/tenant/create", new JsonObject { ["id"] = id, ["name"] = name });

    public async Task ImportFlowAsync(JsonObject flow) =>
        await PostAsync("/v2/mgmt/flow/import", new JsonObject { ["flow"] = flow.DeepClone() });

    /// <summary>Every tenant and flow live now, as "tenant:ID" / "flow:ID" to its name.</summary>
    public async Task<Dictionary<string, string>> ReadAsync()
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var response = await _http.GetAsync(new Uri("/v1/mgmt/tenant/all", UriKind.Relative)))
        {
            var json = await Body(response, "tenant/all");
            foreach (var tenant in json["tenants"]?.AsArray() ?? [])
            {
                state[$"tenant:{tenant!["id"]}"] = tenant["name"]?.GetValue<string>() ?? "";
            }
        }

        var flows = await PostAsync("/v1/mgmt/flow/list", []);
        foreach (var flow in flows["flows"]?.AsArray() ?? [])
        {
            state[$"flow:{flow!["id"]}"] = flow["name"]?.GetValue<string>() ?? "";
        }

        return state;
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        return await Body(response, path);
    }

    private static async Task<JsonObject> Body(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }
}
