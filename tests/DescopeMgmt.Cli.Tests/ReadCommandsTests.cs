using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Emulator;

namespace DescopeMgmt.Cli.Tests;

public sealed class ReadCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FlowList_text_showsTableOfSeededFlows()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, "sign-in", "sign-up");

        var result = await cli.RunAsync("flow", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sign-in", result.Out, StringComparison.Ordinal);
        Assert.Contains("sign-up", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 flows", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowList_json_printsOneItemsDocument()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, "sign-in");

        var result = await cli.RunAsync("flow", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var doc = JsonNode.Parse(result.Out)!;
        Assert.Equal("sign-in", doc["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowExportAll_writesCanonicalFilesWithTrailingNewline()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, "b-flow", "a-flow");
        var dir = Path.Combine(cli.Root, "ws", "flows");

        var result = await cli.RunAsync("flow", "export", "--all", "-o", dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["a-flow.json", "b-flow.json"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var text = await File.ReadAllTextAsync(Path.Combine(dir, "a-flow.json"), Ct);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"contents\": {", text, StringComparison.Ordinal);
        Assert.Equal("a-flow", JsonNode.Parse(text)!["flowId"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowExportOne_withoutOutDir_printsTheFlowToStdout()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, "sign-in");

        var result = await cli.RunAsync("flow", "export", "sign-in");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("sign-in", JsonNode.Parse(result.Out)!["flowId"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowExport_unknownFlow_exits1WithFlowNotFound()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "export", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Flow 'nope' not found in project {CliHarness.ProjectId}", result.Error, StringComparison.Ordinal);
        Assert.Contains("flow list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowExport_unknownFlow_json_printsErrorDocument()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "export", "nope", "--output", "json");

        Assert.Equal(1, result.ExitCode);
        var error = JsonNode.Parse(result.Out)!["error"]!;
        Assert.Equal("flow_not_found", error["code"]!.GetValue<string>());
        Assert.NotNull(error["hint"]);
    }

    [Fact]
    public async Task WrongKey_exits1WithHint_andKeyNowhereInOutput()
    {
        await using var cli = await CliHarness.StartAsync();
        const string wrong = "K2WrongCliKey-never-print-me";
        cli.Variables["DESCOPE_MANAGEMENT_KEY"] = wrong;

        var result = await cli.RunAsync("flow", "list", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("DESCOPE_MANAGEMENT_KEY", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.Key, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantListAndGet_showTenants()
    {
        await using var cli = await CliHarness.StartAsync();
        using (var client = Client(cli))
        {
            await client.Tenants.CreateAsync(new Api.Tenants.TenantWrite { Id = "acme", Name = "Acme", SelfProvisioningDomains = ["acme.test"] }, Ct);
        }

        var list = await cli.RunAsync("tenant", "list");
        var get = await cli.RunAsync("tenant", "get", "acme", "--output", "json");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("acme.test", list.Out, StringComparison.Ordinal);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal("Acme", JsonNode.Parse(get.Out)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantGet_unknown_exits1WithClearMessage()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("tenant", "get", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tenant 'ghost' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThemeExport_toFile_writesTheme()
    {
        await using var cli = await CliHarness.StartAsync();
        using (var client = Client(cli))
        {
            await client.Themes.ImportAsync(JsonNode.Parse("""{"componentsVersion":"2.0.1","styles":{"light":{}}}""")!.AsObject(), Ct);
        }

        var path = Path.Combine(cli.Root, "theme.json");
        var result = await cli.RunAsync("theme", "export", "-o", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2.0.1", JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!["componentsVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoProject_exits1WithGuidance()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Variables.Remove("DESCOPE_PROJECT_ID");
        cli.Variables.Remove("DESCOPE_BASE_URL");

        var result = await cli.RunAsync("flow", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No Descope project was chosen", result.Error, StringComparison.Ordinal);
        Assert.Contains("--local", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpRemoteBaseUrl_isRefused()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("flow", "list", "--base-url", "http://api.example.test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in clear", result.Error, StringComparison.Ordinal);
    }

    internal static DescopeClient Client(CliHarness cli) => new(new DescopeClientOptions
    {
        ProjectId = CliHarness.ProjectId,
        ManagementKey = CliHarness.Key,
        BaseUrl = cli.Host.BaseUrl,
    });

    internal static async Task SeedAsync(CliHarness cli, params string[] flowIds)
    {
        using var client = Client(cli);
        foreach (var id in flowIds)
        {
            var flow = new JsonObject
            {
                ["flowId"] = id,
                ["metadata"] = new JsonObject { ["name"] = $"Flow {id}" },
                ["contents"] = new JsonObject { ["startTask"] = "0", ["tasks"] = new JsonObject { ["0"] = new JsonObject { ["id"] = "0", ["type"] = "automated" } } },
                ["screens"] = new JsonArray(),
            };
            await client.Flows.ImportAsync(id, flow, Ct);
        }
    }
}
