using System.Text.Json.Nodes;

namespace DescopeMgmt.Cli.Tests;

/// <summary>--output json prints exactly one JSON document on stdout, whatever the command did.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task ChangingCommand_json_printsOneResultDocumentWithTheBackup()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var doc = JsonNode.Parse(result.Out)!;
        Assert.Equal("success", doc["outcome"]!.GetValue<string>());
        Assert.Equal("tenant:acme", doc["done"]![0]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(doc["backupId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DryRunAndNoChange_json_printOneMessageDocument()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);

        var dryRun = await cli.RunAsync("tenant", "update", "acme", "--name", "Other", "--dry-run", "--output", "json");
        var noChange = await cli.RunAsync("tenant", "update", "acme", "--name", "Acme", "--yes", "--output", "json");

        Assert.Contains("Dry run", JsonNode.Parse(dryRun.Out)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("No changes", JsonNode.Parse(noChange.Out)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartialFailure_json_printsTheWholeReportWithItsError_andExits3()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("f1", "f2", "f3");
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        cli.Host.Faults.Add(DescopeMgmt.Emulator.Faults.FaultSpec.Parse("500@/v2/mgmt/flow/import~\"f2\""));
        foreach (var id in new[] { "f1", "f2", "f3" })
        {
            using var client = cli.Client();
            await client.Flows.DeleteAsync([id], TestContext.Current.CancellationToken);
        }

        var result = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes", "--output", "json");

        Assert.Equal(3, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        var error = document["error"]!;
        Assert.Equal("partial_failure", error["code"]!.GetValue<string>());
        Assert.Contains("1 done, 1 failed (1 may have changed), 1 not started", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("partial", document["outcome"]!.GetValue<string>());
        var items = document["items"]!.AsArray().ToDictionary(i => i!["target"]!.GetValue<string>(), i => i!["result"]!.GetValue<string>());
        Assert.Equal("done", items["flow:f1"]);
        Assert.Equal("may-have-changed", items["flow:f2"]);
        Assert.Equal("not-started", items["flow:f3"]);
        Assert.StartsWith("descope-mgmt flow rollback --all --backup ", document["undo"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("descope-mgmt flow rollback --all --backup ", document["finish"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_json_printsTheWholeReportWithItsError_andExits130()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("i1", "i2", "i3", "i4");
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        using (var client = cli.Client())
        {
            await client.Flows.DeleteAsync(["i1", "i2", "i3", "i4"], TestContext.Current.CancellationToken);
        }

        cli.Host.Requests.Clear();
        cli.Host.Faults.Add(DescopeMgmt.Emulator.Faults.FaultSpec.Parse("latency:300ms@/v2/mgmt/flow/import"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = cli.RunAsync(["flow", "rollback", "--all", "--latest", "--yes", "--output", "json"], stdin: null, interactive: false, stop.Token);
        // The stop comes once the first item is written, as Ctrl-C would: the item in flight finishes, the rest never start.
        while (!cli.Host.Requests.Snapshot().Any(r => r.Path == "/v2/mgmt/flow/import") && !running.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        var result = await running;

        Assert.Equal(130, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        Assert.Equal("interrupted", document["outcome"]!.GetValue<string>());
        Assert.Equal("interrupted", document["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(document["backupId"]!.GetValue<string>()));
        var results = document["items"]!.AsArray().Select(i => i!["result"]!.GetValue<string>()).ToList();
        Assert.Equal(4, results.Count);
        Assert.Contains("done", results);
        Assert.Contains("not-started", results);
        Assert.StartsWith("descope-mgmt flow rollback --all --backup ", document["undo"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("descope-mgmt flow rollback --all --backup ", document["finish"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyCommand_connectionFailure_doesNotSayAChangeMayHaveBeenApplied()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Host.Faults.Add(DescopeMgmt.Emulator.Faults.FaultSpec.Parse("reset"));

        var result = await cli.RunAsync("tenant", "list", "--output", "json");

        Assert.Equal(1, result.ExitCode);
        var error = JsonNode.Parse(result.Out)!["error"]!;
        Assert.Equal("connection_failed", error["code"]!.GetValue<string>());
        Assert.DoesNotContain("may or may not", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("changes nothing", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_outputJson_printsNameVersionAndCommit_asOneDocument()
    {
        await using var cli = await CliHarness.StartAsync();

        var text = await cli.RunAsync("--version");
        var json = await cli.RunAsync("--version", "--output", "json");

        Assert.Equal(0, json.ExitCode);
        var document = JsonNode.Parse(json.Out)!.AsObject();
        Assert.Equal("descope-mgmt", document["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+$", document["version"]!.GetValue<string>());
        Assert.True(document.ContainsKey("commit"));
        // Built from a git checkout the commit is a short SHA; the text line names the same one.
        var commit = document["commit"]?.GetValue<string>() ?? "unknown";
        Assert.Matches("^([0-9a-f]{7}|unknown)$", commit);
        Assert.Equal($"{document["version"]!.GetValue<string>()} (commit {commit})", text.Out.Trim());
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task UsageError_textOutput_errorsAndHelpGoToStderr_stdoutStaysEmpty()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("tenant", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("tenant-id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOutputFormat_isAUsageError_onStderr_notACrash()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("tenant", "list", "--output", "yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("'yaml'", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }
}
