using System.Globalization;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Core.Locking;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Tests;

/// <summary>One change at a time, Ctrl-C between items, and tenant changes with their rollback.</summary>
public sealed class SafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecondConcurrentChange_waitsThenRefusesNamingTheHolder()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var held = await ProjectLock.AcquireAsync(Path.Combine(cli.Home, "locks"), CliHarness.ProjectId, "flow import", TimeSpan.Zero, TimeProvider.System, Ct);

        var result = await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"pid {Environment.ProcessId}", result.Error, StringComparison.Ordinal);
        Assert.Contains("'flow import'", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task ChangeWaitingForTheLock_readsLiveOnlyOnceItHoldsIt_soAConcurrentChangeIsBackedUpNotLost()
    {
        await using var cli = await CliHarness.StartAsync();
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        var held = await ProjectLock.AcquireAsync(Path.Combine(cli.Home, "locks"), CliHarness.ProjectId, "apply", TimeSpan.Zero, TimeProvider.System, Ct);
        cli.Host.Requests.Clear();

        var waiting = cli.RunAsync("tenant", "update", "acme", "--name", "Name from B", "--yes");
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Empty(cli.Host.Requests.Snapshot());

        // The change that holds the lock lands while B waits.
        await client.Tenants.UpdateAsync(new TenantWrite { Id = "acme", Name = "Name from A", SelfProvisioningDomains = ["a.example.com"] }, Ct);
        await held.DisposeAsync();
        var result = await waiting;

        Assert.Equal(0, result.ExitCode);
        var tenant = await client.Tenants.LoadAsync("acme", Ct);
        Assert.Equal("Name from B", tenant.Name);
        Assert.Equal(["a.example.com"], tenant.SelfProvisioningDomains);
        var backup = Assert.Single(Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)));
        Assert.Contains("Name from A", await File.ReadAllTextAsync(Path.Combine(backup, "tenants", "acme.json"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleLockFromDeadProcess_isTakenOver()
    {
        await using var cli = await CliHarness.StartAsync();
        var locks = Path.Combine(cli.Home, "locks");
        Directory.CreateDirectory(locks);
        // A lock written by a process that has since died (no process has pid int.MaxValue).
        await File.WriteAllTextAsync(Path.Combine(locks, CliHarness.ProjectId + ".lock"),
            $$"""{"pid":{{int.MaxValue.ToString(CultureInfo.InvariantCulture)}},"host":"{{Environment.MachineName}}","operation":"flow import","started":"2020-01-01T00:00:00Z","token":"dead"}""", Ct);

        var result = await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(locks, CliHarness.ProjectId + ".lock")));
    }

    [Fact]
    public async Task CtrlC_duringMultiItemRollback_finishesCurrentItem_reportsAndExits130()
    {
        await using var cli = await CliHarness.StartAsync();
        string[] ids = ["a1", "a2", "a3", "a4"];
        await cli.SeedFlowsAsync(ids);
        Assert.Equal(0, (await cli.RunAsync("backup", "create", "--only", "flows")).ExitCode);
        foreach (var id in ids)
        {
            Assert.Equal(0, (await cli.RunAsync("flow", "delete", id, "--yes")).ExitCode);
        }

        var full = JsonNode.Parse((await cli.RunAsync("backup", "list", "--output", "json")).Out)!["items"]!.AsArray().Last()!["id"]!.GetValue<string>();
        cli.Host.Faults.Add(FaultSpec.Parse("latency:400ms@/v2/mgmt/flow/import"));
        cli.Host.Requests.Clear();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = cli.RunAsync(["flow", "rollback", "--all", "--backup", full, "--yes"], stdin: null, interactive: false, ctrlC.Token);
        while (!cli.Host.Requests.Snapshot().Any(r => r.Path == "/v2/mgmt/flow/import") && !run.IsCompleted)
        {
            await Task.Delay(20, Ct);
        }

        await ctrlC.CancelAsync();
        var result = await run;

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("interrupted", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"done\s+recreate flow:a1", result.Error);
        Assert.Matches(@"not started\s+recreate flow:a4", result.Error);
        using var client = cli.Client();
        var live = (await client.Flows.ListAsync(Ct)).Select(f => f.Id).ToList();
        Assert.Contains("a1", live);
        Assert.DoesNotContain("a4", live);
        var audit = JsonNode.Parse((await cli.RunAsync("audit", "list", "--operation", "flow rollback", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("interrupted", audit["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantUpdate_showsFieldDiff_andTenantRollbackRestoresIt()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--domain", "acme.com", "--attr", "plan=pro", "--yes")).ExitCode);

        var update = await cli.RunAsync("tenant", "update", "acme", "--attr", "plan=enterprise", "--enforce-sso", "true", "--yes");

        Assert.Equal(0, update.ExitCode);
        Assert.Contains("customAttributes.plan", update.Error, StringComparison.Ordinal);
        Assert.Contains("\"pro\" → \"enterprise\"", update.Error, StringComparison.Ordinal);
        using (var client = cli.Client())
        {
            var changed = await client.Tenants.LoadAsync("acme", Ct);
            Assert.True(changed.EnforceSSO);
            Assert.Equal(["acme.com"], changed.SelfProvisioningDomains!);
        }

        var rollback = await cli.RunAsync("tenant", "rollback", "--tenant-id", "acme", "--backup", "latest", "--yes");

        Assert.Equal(0, rollback.ExitCode);
        using var after = cli.Client();
        var restored = await after.Tenants.LoadAsync("acme", Ct);
        Assert.False(restored.EnforceSSO);
        Assert.Equal("pro", restored.CustomAttributes!["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantDelete_thenRollback_recreatesTheTenant()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "delete", "acme", "--yes")).ExitCode);

        var result = await cli.RunAsync("tenant", "rollback", "--all", "--latest", "--yes");

        Assert.Equal(0, result.ExitCode);
        using var client = cli.Client();
        Assert.Equal("Acme", (await client.Tenants.LoadAsync("acme", Ct)).Name);
    }

    [Fact]
    public async Task FlowRollback_fromConsoleExportFile_isAccepted()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var v1 = """{"flow":{"id":"sign-in","name":"From console","dsl":{"startTask":"0","tasks":{"0":{"id":"0"}}}},"screens":[]}""";
        var file = Path.Combine(cli.Root, "console-export.json");
        await File.WriteAllTextAsync(file, v1, Ct);

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", file, "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("From console", (await cli.ExportAsync("sign-in"))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task BackupRef_ambiguousPrefix_listsMatches()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("backup", "create")).ExitCode);

        var result = await cli.RunAsync("backup", "show", "20");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("matches 2 backups", result.Error, StringComparison.Ordinal);
    }
}
