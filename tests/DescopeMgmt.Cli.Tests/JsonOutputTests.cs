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
}
