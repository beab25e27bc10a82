using System.Text.Json.Nodes;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Locking;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// backup prune asks, locks and refuses bad values; backup list survives a damaged backup and shows the
/// host; a backup of another host is never offered to the emulator the harness targets (host "local").
/// </summary>
public sealed class BackupHostAndPruneSafetyTests
{
    private const string Real = "api.descope.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Only the time of day is set; timers stay real so the HTTP client behaves as in production.</summary>
    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Today = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Three flow backups 60, 50 and 40 days old; with --keep 1 the two older are due for removal.</summary>
    private static async Task<List<string>> OldBackupsAsync(CliHarness cli)
    {
        var clock = new SetClock(Today);
        cli.TimeProvider = clock;
        await cli.SeedFlowsAsync("sign-in");
        var ids = new List<string>();
        foreach (var age in new[] { 60, 50, 40 })
        {
            clock.Now = Today.AddDays(-age);
            var created = await cli.RunAsync("backup", "create", "--only", "flows", "--output", "json");
            Assert.Equal(0, created.ExitCode);
            ids.Add(JsonNode.Parse(created.Out)!["id"]!.GetValue<string>());
        }

        clock.Now = Today;
        return ids;
    }

    private static async Task<List<string>> ListedIdsAsync(CliHarness cli) =>
        JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>()).ToList();

    private static Task<BackupManifest> BackUpFromRealHostAsync(CliHarness cli, string flowId, string title)
    {
        var flow = new JsonObject
        {
            ["flowId"] = flowId,
            ["metadata"] = new JsonObject { ["name"] = title },
            ["contents"] = new JsonObject { ["startTask"] = "1", ["tasks"] = new JsonObject() },
        };
        var request = new BackupRequest(CliHarness.ProjectId, "prod", "apply", null, "bob", "0.1.0",
            [new BackupItemContent(ResourceType.Flow, flowId, flow)], Host: Real);
        return new BackupStore(cli.BackupRoot, TimeProvider.System).CreateAsync(request, Ct);
    }

    [Fact]
    public async Task BackupPrune_noTerminalAndNoYes_refusesWithExit1_andRemovesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync("backup", "prune", "--keep", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no terminal to confirm on", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await ListedIdsAsync(cli)).Count);
        Assert.Contains(ids[0], await ListedIdsAsync(cli));
    }

    [Fact]
    public async Task BackupPrune_onATerminal_showsWhatItWillRemoveAndAsks_declinedRemovesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync(["backup", "prune", "--keep", "1"], stdin: "n\n", interactive: true, Ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(ids[0], result.Error, StringComparison.Ordinal);
        Assert.Contains(ids[1], result.Error, StringComparison.Ordinal);
        Assert.Contains("[y/N]", result.Error, StringComparison.Ordinal);
        Assert.Contains("Aborted. Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await ListedIdsAsync(cli)).Count);
    }

    [Fact]
    public async Task BackupPrune_onATerminal_accepted_removesWhatItShowed()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync(["backup", "prune", "--keep", "1"], stdin: "y\n", interactive: true, Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([ids[2]], await ListedIdsAsync(cli));
    }

    [Fact]
    public async Task BackupPrune_dryRun_needsNoConfirmation_andRemovesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync("backup", "prune", "--keep", "1", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"would remove {ids[0]}", result.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await ListedIdsAsync(cli)).Count);
    }

    [Fact]
    public async Task BackupPrune_whileAChangeHoldsTheProjectLock_refusesNamingIt_andRemovesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await OldBackupsAsync(cli);
        await using var held = await ProjectLock.AcquireAsync(Path.Combine(cli.Home, "locks"), CliHarness.ProjectId, "apply", TimeSpan.Zero, TimeProvider.System, Ct);

        var result = await cli.RunAsync("backup", "prune", "--keep", "0", "--older-than", "1d", "--yes", "--output", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("project_locked", JsonNode.Parse(result.Out)!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("'apply'", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await ListedIdsAsync(cli)).Count);
    }

    [Fact]
    public async Task BackupPrune_keepZero_stillKeepsTheNewestBackup()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync("backup", "prune", "--keep", "0", "--older-than", "1d", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([ids[2]], await ListedIdsAsync(cli));
    }

    [Theory]
    [InlineData("--keep", "-1", "--keep must be")]
    [InlineData("--older-than", "99999999999d", "longer than")]
    [InlineData("--older-than", "-5d", "is not a duration")]
    [InlineData("--older-than", "1e400d", "longer than")]
    [InlineData("--older-than", "NaNd", "is not a duration")]
    [InlineData("--older-than", "soon", "is not a duration")]
    public async Task BackupPrune_badValue_isAUsageErrorWithExit1_neverACrash(string option, string value, string expected)
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);

        var result = await cli.RunAsync("backup", "prune", option, value, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", result.All, StringComparison.Ordinal);
        Assert.Equal(ids.Count, (await ListedIdsAsync(cli)).Count);
    }

    [Fact]
    public async Task BackupList_oneManifestWithAbsentNull_warnsWithItsPath_andListsTheOthers()
    {
        await using var cli = await CliHarness.StartAsync();
        var ids = await OldBackupsAsync(cli);
        var damaged = Path.Combine(cli.BackupRoot, CliHarness.ProjectId, ids[1]);
        var manifestPath = Path.Combine(damaged, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath, Ct))!;
        manifest["absent"] = new JsonArray((JsonNode?)null);
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString(), Ct);

        var result = await cli.RunAsync("backup", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([ids[2], ids[0]], JsonNode.Parse(result.Out)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Contains("Warning:", result.Error, StringComparison.Ordinal);
        Assert.Contains(damaged, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupList_showsEachBackupsHost()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        await BackUpFromRealHostAsync(cli, "sign-in", "From prod");

        var text = await cli.RunAsync("backup", "list");
        var json = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]!.AsArray();

        Assert.Contains("Host", text.Out, StringComparison.Ordinal);
        Assert.Contains("local", text.Out, StringComparison.Ordinal);
        Assert.Contains(Real, text.Out, StringComparison.Ordinal);
        Assert.Equal([Real, "local"], json.Select(i => i!["targetHost"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FlowRollbackAllLatest_newerBackupOfARealHost_isNotOfferedToTheLocalTarget()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var original = await cli.ExportAsync("sign-in");
        var changed = await cli.ExportAsync("sign-in");
        changed["metadata"]!["name"] = "Changed";
        var file = Path.Combine(cli.Root, "changed.json");
        await File.WriteAllTextAsync(file, changed.ToJsonString(), Ct);
        Assert.Equal(0, (await cli.RunAsync("flow", "import", file, "--yes")).ExitCode);
        await BackUpFromRealHostAsync(cli, "sign-in", "From prod");

        var result = await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(original["metadata"]!["name"]!.GetValue<string>(), (await cli.ExportAsync("sign-in"))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task BackupRestore_fullIdOfARealHostsBackup_isRefusedNamingBothHosts_andChangesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var prod = await BackUpFromRealHostAsync(cli, "sign-in", "From prod");
        cli.Host.Requests.Clear();

        var byId = await cli.RunAsync("backup", "restore", prod.Id, "--yes");
        var byPath = await cli.RunAsync("backup", "restore", prod.Directory, "--yes");

        foreach (var result in new[] { byId, byPath })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(Real, result.Error, StringComparison.Ordinal);
            Assert.Contains("local", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task FlowImport_onTheEmulator_recordsHostLocal_inItsBackupAndAuditEntry()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var flow = await cli.ExportAsync("sign-in");
        flow["metadata"]!["name"] = "Changed";
        var file = Path.Combine(cli.Root, "flow.json");
        await File.WriteAllTextAsync(file, flow.ToJsonString(), Ct);

        Assert.Equal(0, (await cli.RunAsync("flow", "import", file, "--yes")).ExitCode);

        var backup = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]![0]!;
        var audit = JsonNode.Parse((await cli.RunAsync("audit", "list", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("local", backup["targetHost"]!.GetValue<string>());
        Assert.Equal(["flow"], backup["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("local", audit["targetHost"]!.GetValue<string>());
    }
}
