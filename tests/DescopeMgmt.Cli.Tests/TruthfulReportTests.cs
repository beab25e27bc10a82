using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Tests;

/// <summary>What a change reports when the write worked but the answer after it did not: never "nothing was changed".</summary>
public sealed class TruthfulReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("500")]
    [InlineData("414")]
    public async Task TenantUpdate_readBackFails_saysMayHaveChanged_printsUndo_andAuditsTheItem(string fault)
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        // The first load is the read before the change, the second the read-back after the write.
        cli.Host.Faults.Add(FaultSpec.Parse($"{fault}@/v1/mgmt/tenant$#2"));

        var result = await cli.RunAsync("tenant", "update", "acme", "--name", "Acme Corp", "--yes");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("Nothing was changed", result.Error, StringComparison.Ordinal);
        Assert.Contains("may have changed", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("tenant rollback --tenant-id acme --backup ", result.UndoCommand, StringComparison.Ordinal);
        using (var client = cli.Client())
        {
            Assert.Equal("Acme Corp", (await client.Tenants.LoadAsync("acme", Ct)).Name);
        }

        var entry = JsonNode.Parse((await cli.RunAsync("audit", "list", "--operation", "tenant update", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("may-have-changed", entry["items"]![0]!["result"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(entry["backupId"]!.GetValue<string>()));

        var undo = await cli.RunAsync([.. result.UndoCommand.Split(" "), "--yes"], stdin: null, interactive: false, Ct);
        Assert.Equal(0, undo.ExitCode);
        using var after = cli.Client();
        Assert.Equal("Acme", (await after.Tenants.LoadAsync("acme", Ct)).Name);
    }

    [Fact]
    public async Task FlowRollbackAll_readBackSnapshotFails_reportsEveryRestoredFlowAsMayHaveChanged()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("f1", "f2");
        var backup = await cli.RunAsync("backup", "create", "--only", "flows", "--output", "json");
        Assert.Equal(0, backup.ExitCode);
        var backupId = JsonNode.Parse(backup.Out)!["id"]!.GetValue<string>();
        foreach (var id in new[] { "f1", "f2" })
        {
            Assert.Equal(0, (await cli.RunAsync("flow", "delete", id, "--yes")).ExitCode);
        }

        // The restore reads live once before and once after the imports, both through the snapshot.
        cli.Host.Faults.Add(FaultSpec.Parse("500@/v1/mgmt/project/snapshot/export#2"));

        var result = await cli.RunAsync("flow", "rollback", "--all", "--backup", backupId, "--yes", "--output", "json");

        Assert.True(result.ExitCode == 1, result.All);
        var document = JsonNode.Parse(result.Out)!;
        Assert.Equal(2, document["items"]!.AsArray().Count);
        Assert.All(document["items"]!.AsArray(), i => Assert.Equal("may-have-changed", i!["result"]!.GetValue<string>()));
        Assert.NotNull(document["undo"]);
        Assert.NotNull(document["finish"]);
        Assert.DoesNotContain("Nothing was changed", result.All, StringComparison.Ordinal);
    }
}
