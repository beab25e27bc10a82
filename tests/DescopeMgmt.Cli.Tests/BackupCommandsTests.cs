using System.Text.Json.Nodes;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Cli.Tests;

/// <summary>backup diff, verify and show (design.md §5-§6) against the emulator.</summary>
public sealed class BackupCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CreateBackupAsync(CliHarness cli, params string[] extra)
    {
        var result = await cli.RunAsync(["backup", "create", .. extra, "--output", "json"]);
        Assert.Equal(0, result.ExitCode);
        return JsonNode.Parse(result.Out)!["id"]!.GetValue<string>();
    }

    private static async Task RenameFlowAsync(CliHarness cli, string flowId, string name)
    {
        var flow = await cli.ExportAsync(flowId);
        flow["metadata"]!["name"] = name;
        using var client = cli.Client();
        await client.Flows.ImportAsync(flowId, flow, Ct);
    }

    private static string ItemFile(CliHarness cli, string backupId, string relative) =>
        Path.Combine(cli.BackupRoot, CliHarness.ProjectId, backupId, relative);

    private static async Task TamperAsync(CliHarness cli, string backupId, string relative)
    {
        var path = ItemFile(cli, backupId, relative);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, Ct)).Replace("Generated", "Tampered", StringComparison.Ordinal), Ct);
    }

    private static JsonObject Item(JsonNode doc, string type, string id) =>
        doc["items"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == type && i["id"]!.GetValue<string>() == id)!.AsObject();

    [Fact]
    public async Task BackupDiffLive_changedAndNewLiveItems_listsFieldChangesAndItemsOnlyLive()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in", "sign-up");
        var backupId = await CreateBackupAsync(cli, "--only", "flows");
        await RenameFlowAsync(cli, "sign-in", "Renamed in console");
        await cli.SeedFlowsAsync("added-later");

        var text = await cli.RunAsync("backup", "diff", backupId, "--live");
        var json = await cli.RunAsync("backup", "diff", backupId, "--live", "--output", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("~ flow \"sign-in\": 1 field differs", text.Out, StringComparison.Ordinal);
        Assert.Contains("~ metadata.name:", text.Out, StringComparison.Ordinal);
        Assert.Contains("\"Renamed in console\"", text.Out, StringComparison.Ordinal);
        Assert.Contains("+ flow \"added-later\": only in live", text.Out, StringComparison.Ordinal);
        Assert.Contains($"2 of 3 items differ (backup {backupId} → live)", text.Out, StringComparison.Ordinal);
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal("changed", Item(doc, "flow", "sign-in")["status"]!.GetValue<string>());
        Assert.Equal("metadata.name", Item(doc, "flow", "sign-in")["properties"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("unchanged", Item(doc, "flow", "sign-up")["status"]!.GetValue<string>());
        Assert.Equal("added", Item(doc, "flow", "added-later")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task BackupDiffLive_itemDeletedSinceTheBackup_isReportedAsOnlyInTheBackup()
    {
        await using var cli = await CliHarness.StartAsync();
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        }

        var backupId = await CreateBackupAsync(cli, "--only", "tenants");
        Assert.Equal(0, (await cli.RunAsync("tenant", "delete", "acme", "--yes")).ExitCode);

        var result = await cli.RunAsync("backup", "diff", backupId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"- tenant \"acme\": only in backup {backupId}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupDiffLive_backupRecordingACreatedItemAsAbsent_showsItAsOnlyLive()
    {
        await using var cli = await CliHarness.StartAsync();
        var created = await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes");
        Assert.Equal(0, created.ExitCode);
        var backupId = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]![0]!["id"]!.GetValue<string>();

        var result = await cli.RunAsync("backup", "diff", backupId, "--live", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("added", Item(JsonNode.Parse(result.Out)!, "tenant", "acme")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task BackupDiff_twoBackups_printsFieldLevelDifferences_withoutCallingTheApi()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var first = await CreateBackupAsync(cli);
        await RenameFlowAsync(cli, "sign-in", "Second name");
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        }

        var second = await CreateBackupAsync(cli);
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("backup", "diff", first, second);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ flow \"sign-in\": 1 field differs", result.Out, StringComparison.Ordinal);
        Assert.Matches("~ metadata.name: \"[^\"]+\" → \"Second name\"", result.Out);
        Assert.Contains($"+ tenant \"acme\": only in backup {second}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"(backup {first} → backup {second})", result.Out, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task BackupDiff_backupOfAnotherProject_isRefusedBeforeAnyApiCall()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var backupId = await CreateBackupAsync(cli);
        var folder = Path.Combine(cli.BackupRoot, CliHarness.ProjectId, backupId);
        cli.Variables["DESCOPE_PROJECT_ID"] = "P2SomeOtherProject";
        cli.Host.Requests.Clear();

        var live = await cli.RunAsync("backup", "diff", folder, "--live");
        var twoBackups = await cli.RunAsync("backup", "diff", folder, folder);

        Assert.Equal(1, live.ExitCode);
        Assert.Contains($"belongs to project {CliHarness.ProjectId}, not to project P2SomeOtherProject", live.Error, StringComparison.Ordinal);
        Assert.Equal(1, twoBackups.ExitCode);
        Assert.Contains($"belongs to project {CliHarness.ProjectId}", twoBackups.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task BackupDiff_secondBackupAndLive_isRefused()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var backupId = await CreateBackupAsync(cli);

        var result = await cli.RunAsync("backup", "diff", backupId, backupId, "--live");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("either a second backup or --live", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupVerify_wholeBackup_exits0ReportingOk()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var backupId = await CreateBackupAsync(cli);

        var result = await cli.RunAsync("backup", "verify", backupId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"OK       {backupId}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupVerify_tamperedItem_exits1NamingTheItem()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in", "sign-up");
        var backupId = await CreateBackupAsync(cli);
        await TamperAsync(cli, backupId, "flows/sign-up.json");

        var result = await cli.RunAsync("backup", "verify", backupId);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"DAMAGED  {backupId}: item flow:sign-up (flows/sign-up.json): the file does not match its checksum", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("flow:sign-in", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupVerifyAll_oneTamperedAmongTwo_exits1_reportingBoth()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var good = await CreateBackupAsync(cli);
        var bad = await CreateBackupAsync(cli);
        File.Delete(ItemFile(cli, bad, "flows/sign-in.json"));

        var result = await cli.RunAsync("backup", "verify", "--all", "--output", "json");

        Assert.Equal(1, result.ExitCode);
        var items = JsonNode.Parse(result.Out)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(items.Single(i => i!["id"]!.GetValue<string>() == good)!["ok"]!.GetValue<bool>());
        var damaged = items.Single(i => i!["id"]!.GetValue<string>() == bad)!;
        Assert.False(damaged["ok"]!.GetValue<bool>());
        Assert.Equal("item flow:sign-in (flows/sign-in.json): the file is missing", damaged["problems"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task BackupVerifyAll_allWhole_exits0()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var first = await CreateBackupAsync(cli);
        var second = await CreateBackupAsync(cli);

        var result = await cli.RunAsync("backup", "verify", "--all");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"OK       {first}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"OK       {second}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupShow_wholeBackup_exits0ListingItemsWithVerifiedChecksums()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var backupId = await CreateBackupAsync(cli, "--note", "before the migration");

        var result = await cli.RunAsync("backup", "show", backupId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("before the migration", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"flow\W+sign-in\W+content \(checksum OK\)", result.Out);
    }

    [Fact]
    public async Task BackupShow_tamperedItem_exits1NamingTheItem()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var backupId = await CreateBackupAsync(cli);
        await TamperAsync(cli, backupId, "flows/sign-in.json");

        var text = await cli.RunAsync("backup", "show", backupId);
        var json = await cli.RunAsync("backup", "show", backupId, "--output", "json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("DAMAGED", text.Out, StringComparison.Ordinal);
        Assert.Contains($"Backup {backupId} is corrupt: item flow:sign-in (flows/sign-in.json): the file does not match its checksum", text.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var error = JsonNode.Parse(json.Out)!["error"]!;
        Assert.Equal("backup_corrupt", error["code"]!.GetValue<string>());
        Assert.Contains("flow:sign-in", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
