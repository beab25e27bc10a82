using System.Text.Json.Nodes;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Cli.Tests;

/// <summary>backup prune (design.md §6 defaults, with a set clock) and backup restore, state read back through the API.</summary>
public sealed class BackupPruneAndRestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Only the time of day is set; timers stay real so the HTTP client behaves as in production.</summary>
    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Today = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Takes one backup per age (in days before <see cref="Today"/>) and returns their IDs by age.</summary>
    private static async Task<Dictionary<int, string>> BackupsAgedAsync(CliHarness cli, SetClock clock, params int[] ages)
    {
        var ids = new Dictionary<int, string>();
        foreach (var age in ages.OrderDescending())
        {
            clock.Now = Today.AddDays(-age);
            var created = await cli.RunAsync("backup", "create", "--only", "flows", "--output", "json");
            Assert.Equal(0, created.ExitCode);
            ids[age] = JsonNode.Parse(created.Out)!["id"]!.GetValue<string>();
        }

        clock.Now = Today;
        return ids;
    }

    private static async Task<List<string>> ListedIdsAsync(CliHarness cli) =>
        JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task BackupPrune_defaults_keepTheNewestTenWhateverTheirAge()
    {
        await using var cli = await CliHarness.StartAsync();
        var clock = new SetClock(Today);
        cli.TimeProvider = clock;
        await cli.SeedFlowsAsync("sign-in");
        var ids = await BackupsAgedAsync(cli, clock, [.. Enumerable.Range(40, 12)]);

        var result = await cli.RunAsync("backup", "prune", "--output", "json", "--yes");

        Assert.Equal(0, result.ExitCode);
        var doc = JsonNode.Parse(result.Out)!;
        Assert.Equal([ids[51], ids[50]], doc["removed"]!.AsArray().Select(i => i!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(10, doc["kept"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(40, 10).Select(age => ids[age]), await ListedIdsAsync(cli));
    }

    [Fact]
    public async Task BackupPrune_defaults_beyondTheNewestTen_removeOnlyThoseOlderThanThirtyDays()
    {
        await using var cli = await CliHarness.StartAsync();
        var clock = new SetClock(Today);
        cli.TimeProvider = clock;
        await cli.SeedFlowsAsync("sign-in");
        var ids = await BackupsAgedAsync(cli, clock, [.. Enumerable.Range(1, 11), 29, 31]);

        var result = await cli.RunAsync("backup", "prune", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"removed {ids[31]}", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 backup removed, 12 kept.", result.Out, StringComparison.Ordinal);
        var listed = await ListedIdsAsync(cli);
        Assert.Equal(12, listed.Count);
        Assert.Contains(ids[29], listed);
        Assert.Contains(ids[11], listed);
        Assert.DoesNotContain(ids[31], listed);
    }

    private static async Task<string> SeedFlowAndTenantsThenBackUpAsync(CliHarness cli)
    {
        await cli.SeedFlowsAsync("sign-in");
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme", SelfProvisioningDomains = ["acme.com"] }, Ct);
            await client.Tenants.CreateAsync(new TenantWrite { Id = "beta", Name = "Beta" }, Ct);
        }

        var created = await cli.RunAsync("backup", "create", "--output", "json");
        Assert.Equal(0, created.ExitCode);
        return JsonNode.Parse(created.Out)!["id"]!.GetValue<string>();
    }

    private static async Task ChangeFlowAndTenantsOutsideTheToolAsync(CliHarness cli)
    {
        using var client = cli.Client();
        var flow = await cli.ExportAsync("sign-in");
        flow["metadata"]!["name"] = "Changed in console";
        await client.Flows.ImportAsync("sign-in", flow, Ct);
        await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Acme Renamed" }, Ct);
        await client.Tenants.DeleteAsync("beta", cascade: false, Ct);
        cli.Host.Requests.Clear();
    }

    [Fact]
    public async Task BackupRestore_onlyTenantsDryRun_showsOnlyTenantChanges_andMakesNoWritingCall()
    {
        await using var cli = await CliHarness.StartAsync();
        var backupId = await SeedFlowAndTenantsThenBackUpAsync(cli);
        await ChangeFlowAndTenantsOutsideTheToolAsync(cli);

        var result = await cli.RunAsync("backup", "restore", backupId, "--only", "tenants", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ tenant \"acme\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"Acme Renamed\" → \"Acme\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("+ tenant \"beta\" will be created", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("flow \"sign-in\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: 2 items would be restored", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        using var client = cli.Client();
        Assert.Equal("Acme Renamed", (await client.Tenants.LoadAsync("acme", Ct)).Name);
    }

    [Fact]
    public async Task BackupRestore_withYes_restoresFlowsAndTenants()
    {
        await using var cli = await CliHarness.StartAsync();
        var backupId = await SeedFlowAndTenantsThenBackUpAsync(cli);
        await ChangeFlowAndTenantsOutsideTheToolAsync(cli);

        var result = await cli.RunAsync("backup", "restore", backupId, "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("To undo: descope-mgmt backup restore", result.Error, StringComparison.Ordinal);
        Assert.NotEqual("Changed in console", (await cli.ExportAsync("sign-in"))["metadata"]!["name"]!.GetValue<string>());
        using var client = cli.Client();
        var acme = await client.Tenants.LoadAsync("acme", Ct);
        Assert.Equal("Acme", acme.Name);
        Assert.Equal(["acme.com"], acme.SelfProvisioningDomains!);
        Assert.Equal("Beta", (await client.Tenants.LoadAsync("beta", Ct)).Name);
    }

    [Fact]
    public async Task ThemeImport_thenBackupRestoreOnlyTheme_putsTheOriginalThemeBack()
    {
        await using var cli = await CliHarness.StartAsync();
        var original = JsonNode.Parse("""{"componentsVersion":"2.0.1","styles":{"light":{"colors":{"primary":"#111111"}}}}""")!.AsObject();
        using var client = cli.Client();
        await client.Themes.ImportAsync(original, Ct);
        var file = Path.Combine(cli.Root, "theme.json");
        await File.WriteAllTextAsync(file, """{"componentsVersion":"2.0.1","styles":{"light":{"colors":{"primary":"#ff0000"}}}}""", Ct);
        Assert.Equal(0, (await cli.RunAsync("theme", "import", file, "--yes")).ExitCode);
        Assert.Equal("#ff0000", (await client.Themes.ExportAsync(Ct))["styles"]!["light"]!["colors"]!["primary"]!.GetValue<string>());
        var backupId = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]![0]!["id"]!.GetValue<string>();

        var result = await cli.RunAsync("backup", "restore", backupId, "--only", "theme", "--yes");

        Assert.Equal(0, result.ExitCode);
        var restored = await client.Themes.ExportAsync(Ct);
        Assert.Equal("#111111", restored["styles"]!["light"]!["colors"]!["primary"]!.GetValue<string>());
    }
}
