using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Tests;

/// <summary>Server failures and dropped connections: one clear message, a non-zero exit, an audit record.</summary>
public sealed class FailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FlowImport_droppedConnection_exits1WithClearMessage_andIsAudited()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var flow = await cli.ExportAsync("sign-in");
        flow["metadata"]!["name"] = "will not land";
        var file = Path.Combine(cli.Root, "f.json");
        await File.WriteAllTextAsync(file, flow.ToJsonString(), Ct);
        cli.Host.Faults.Add(FaultSpec.Parse("reset@/v2/mgmt/flow/import"));

        var result = await cli.RunAsync("flow", "import", file, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("import flow 'sign-in'", result.Error, StringComparison.Ordinal);
        Assert.Contains("connection", result.Error, StringComparison.Ordinal);
        var message = System.Text.RegularExpressions.Regex.Replace(result.Error, @"\s+", " ");
        Assert.Contains("sign-in may or may not have changed", message, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt flow rollback --flow-id sign-in --backup", message, StringComparison.Ordinal);
        var audit = JsonNode.Parse((await cli.RunAsync("audit", "list", "--failed", "--output", "json")).Out)!["items"]![0]!;
        // The import was sent and its answer lost: the audit says the flow may have changed, not that it failed.
        Assert.Equal("may-have-changed", audit["outcome"]!.GetValue<string>());
        Assert.Equal("flow:sign-in", audit["targets"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantCreate_server500_exits1_namingTheServiceFailure()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Host.Faults.Add(FaultSpec.Parse("500@/v1/mgmt/tenant/create"));

        var result = await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("HTTP 500", result.Error, StringComparison.Ordinal);
        Assert.Contains("create tenant 'acme'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedFlowFile_exits1NamingTheFile_beforeAnyApiCall()
    {
        await using var cli = await CliHarness.StartAsync();
        var file = Path.Combine(cli.Root, "broken.json");
        await File.WriteAllTextAsync(file, "{\n  \"flowId\": \"x\",\n  \"metadata\": {\n}", Ct);

        var result = await cli.RunAsync("flow", "import", file, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task EmulatorServe_printsBaseUrlFirst_andStopsCleanlyOnCtrlC()
    {
        var output = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = new StringWriter(),
            In = TextReader.Null,
            GetVariable = _ => null,
        };
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = CliApp.RunAsync(["emulator", "serve", "--port", "0", "--seed", "sample"], env, ctrlC.Token);
        while (!output.ToString().Contains('\n', StringComparison.Ordinal) && !run.IsCompleted)
        {
            await Task.Delay(20, Ct);
        }

        var url = output.ToString().Split('\n')[0];
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/v1/mgmt/flow/list");
            request.Headers.Authorization = new("Bearer", "P2LocalSampleProject0000000001:K2LocalEmulatorKeyDoNotUseInProduction");
            var response = await http.SendAsync(request, Ct);
            Assert.Contains("sign-up-or-in", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await ctrlC.CancelAsync();
        Assert.Equal(0, await run);
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowExport_intoAPathThatIsAFile_exits1WithFileError()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var blocker = Path.Combine(cli.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x", Ct);

        var result = await cli.RunAsync("flow", "export", "--all", "-o", blocker);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("File error", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", result.Error, StringComparison.Ordinal);
    }
}
