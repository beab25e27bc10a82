using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Tests;

/// <summary>audit stats, export and list --failed over entries written by real changes.</summary>
public sealed class AuditCommandsTests
{
    /// <summary>Two tenant creations that succeed and one the service refuses.</summary>
    private static async Task<CliHarness> WithThreeChangesOneFailedAsync()
    {
        var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "beta", "--name", "Beta", "--yes")).ExitCode);
        // A refusal the service answered (400): the change failed and nothing changed.
        cli.Host.Faults.Add(FaultSpec.Parse("400@/v1/mgmt/tenant/create"));
        Assert.Equal(1, (await cli.RunAsync("tenant", "create", "gamma", "--name", "Gamma", "--yes")).ExitCode);
        cli.Host.Faults.Clear();
        return cli;
    }

    [Fact]
    public async Task AuditStats_countsByOperationAndOutcome()
    {
        await using var cli = await WithThreeChangesOneFailedAsync();

        var text = await cli.RunAsync("audit", "stats");
        var json = await cli.RunAsync("audit", "stats", "--output", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("3 changes recorded", text.Out, StringComparison.Ordinal);
        Assert.Contains("failed: 1, success: 2", text.Out, StringComparison.Ordinal);
        var stats = JsonNode.Parse(json.Out)!;
        Assert.Equal(3, stats["total"]!.GetValue<int>());
        Assert.Equal(3, stats["byOperation"]!["tenant create"]!.GetValue<int>());
        Assert.Equal(2, stats["byOutcome"]!["success"]!.GetValue<int>());
        Assert.Equal(1, stats["byOutcome"]!["failed"]!.GetValue<int>());
    }

    [Fact]
    public async Task AuditExportJson_printsOneValidDocument_endingInOneNewline()
    {
        await using var cli = await WithThreeChangesOneFailedAsync();

        var result = await cli.RunAsync("audit", "export", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("}\n", result.Out, StringComparison.Ordinal);
        Assert.False(result.Out.EndsWith("\n\n", StringComparison.Ordinal), "no blank line after the document");
        var items = JsonNode.Parse(result.Out)!["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal(["tenant:acme", "tenant:beta", "tenant:gamma"], items.Select(i => i!["targets"]![0]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AuditListFailed_showsOnlyTheFailedChange()
    {
        await using var cli = await WithThreeChangesOneFailedAsync();

        var json = await cli.RunAsync("audit", "list", "--failed", "--output", "json");
        var text = await cli.RunAsync("audit", "list", "--failed");

        Assert.Equal(0, json.ExitCode);
        var item = Assert.Single(JsonNode.Parse(json.Out)!["items"]!.AsArray())!;
        Assert.Equal("failed", item["outcome"]!.GetValue<string>());
        Assert.Equal("tenant:gamma", item["targets"]![0]!.GetValue<string>());
        Assert.Contains("tenant:gamma", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant:acme", text.Out, StringComparison.Ordinal);
    }
}
