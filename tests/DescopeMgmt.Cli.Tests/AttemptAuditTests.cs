using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Tests;

/// <summary>One audit line per attempted change, also when it stops before anything changes.</summary>
public sealed class AttemptAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonArray> AuditAsync(CliHarness cli) =>
        JsonNode.Parse((await cli.RunAsync("audit", "list", "--output", "json")).Out)!["items"]!.AsArray();

    private static async Task<string> ChangedFlowFileAsync(CliHarness cli)
    {
        var flow = await cli.ExportAsync("sign-in");
        flow["metadata"]!["name"] = "Changed";
        var path = Path.Combine(cli.Root, "changed.json");
        await File.WriteAllTextAsync(path, CanonicalJson.Serialize(flow), Ct);
        return path;
    }

    [Fact]
    public async Task DeclinedPrompt_isAuditedAsAborted_withItsTarget()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");

        var result = await cli.RunAsync(["flow", "import", await ChangedFlowFileAsync(cli)], stdin: "n\n", interactive: true, Ct);

        Assert.Equal(1, result.ExitCode);
        var entry = Assert.Single(await AuditAsync(cli))!;
        Assert.Equal("aborted", entry["outcome"]!.GetValue<string>());
        Assert.Equal("flow import", entry["operation"]!.GetValue<string>());
        Assert.Equal("flow:sign-in", entry["targets"]![0]!.GetValue<string>());
        Assert.Contains("nothing was changed", entry["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusalWithoutTerminal_isAuditedAsAborted()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");

        var result = await cli.RunAsync("flow", "delete", "sign-in");

        Assert.Equal(1, result.ExitCode);
        var entry = Assert.Single(await AuditAsync(cli))!;
        Assert.Equal("aborted", entry["outcome"]!.GetValue<string>());
        Assert.Equal("flow delete", entry["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task RollbackFromACorruptBackup_isAuditedAsFailed_withTheReason()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);
        var folder = Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)).Single();
        File.Delete(Path.Combine(folder, "flows", "sign-in.json"));

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", "latest", "--yes");

        Assert.Equal(1, result.ExitCode);
        var entry = Assert.Single(await AuditAsync(cli))!;
        Assert.Equal("failed", entry["outcome"]!.GetValue<string>());
        Assert.Equal("flow rollback", entry["operation"]!.GetValue<string>());
        Assert.Contains("corrupt", entry["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_isNotAnAttemptedChange_andLeavesNoAuditLine()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");

        Assert.Equal(0, (await cli.RunAsync("flow", "import", await ChangedFlowFileAsync(cli), "--dry-run")).ExitCode);

        Assert.Empty(await AuditAsync(cli));
    }
}
