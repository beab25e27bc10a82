using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Emulator.Faults;
using DescopeMgmt.Testing;

using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>Issue 5 end to end: a two-environment workspace against the emulator, state read back through the API.</summary>
public sealed class WorkspaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> RedirectAsync(CliHarness cli, string projectId)
    {
        using var client = Client(cli, projectId);
        var flow = await client.Flows.ExportAsync("sign-in", Ct);
        return flow["contents"]!["tasks"]!["2"]!["arguments"]!["redirectUrl"]!["value"]!.GetValue<string>();
    }

    [Fact]
    public async Task Apply_toTwoEnvironments_deploysTheSameTemplatedFlowWithEachEnvironmentsValues()
    {
        await using var cli = await WorkspaceAsync();

        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("apply", "--env", "prod", "--yes")).ExitCode);

        Assert.Equal("https://dev.example.com/callback", await RedirectAsync(cli, CliHarness.ProjectId));
        Assert.Equal("https://example.com/callback", await RedirectAsync(cli, ProdProject));
        using var prod = Client(cli, ProdProject);
        var tenant = await prod.Tenants.LoadAsync("acme-eu", Ct);
        Assert.Equal("acme", tenant.Parent);
    }

    [Fact]
    public async Task Plan_afterApply_andAfterPull_showsNoChanges()
    {
        await using var cli = await WorkspaceAsync();
        var first = await cli.RunAsync("plan", "--detailed-exitcode");
        Assert.Equal(2, first.ExitCode);
        Assert.Contains("Plan: 3 to create, 0 to update, 0 to delete.", first.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        var afterApply = await cli.RunAsync("plan", "--detailed-exitcode");
        Assert.Equal(0, afterApply.ExitCode);
        Assert.Contains("No changes. Live matches the workspace.", afterApply.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
        Assert.Contains("${APP_URL}", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"), Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("plan", "--detailed-exitcode")).ExitCode);
    }

    [Fact]
    public async Task Drift_afterOutOfBandChangeByNodeSdk_exits2AndNamesTheField()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("drift")).ExitCode);

        var change = await NodeScripts.RunAsync(node!, "out-of-band.mjs", new Dictionary<string, string>
        {
            ["DESCOPE_BASE_URL"] = cli.Host.BaseUrl.ToString().TrimEnd('/'),
            ["DESCOPE_PROJECT_ID"] = CliHarness.ProjectId,
            ["DESCOPE_MANAGEMENT_KEY"] = CliHarness.Key,
            ["TENANT_ID"] = "acme",
            ["TENANT_NAME"] = "Acme (renamed in the console)",
        });
        Assert.True(change.ExitCode == 0, change.Output);

        var drift = await cli.RunAsync("drift");
        var markdown = await cli.RunAsync("drift", "--format", "markdown");
        var json = await cli.RunAsync("drift", "--format", "json");

        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("name: \"Acme (renamed in the console)\" → \"Acme\"", drift.Out, StringComparison.Ordinal);
        Assert.Equal(2, markdown.ExitCode);
        Assert.Contains("| update | `tenant:acme` | 1 |", markdown.Out, StringComparison.Ordinal);
        Assert.Equal("update", JsonNode.Parse(json.Out)!["changes"]![0]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_through503StormAndA429_completesWithNoFailedItem()
    {
        await using var cli = await WorkspaceAsync();
        cli.Host.Faults.Add(FaultSpec.Parse("503@/v1/mgmt/tenant/create*3"));
        cli.Host.Faults.Add(FaultSpec.Parse("503@/v2/mgmt/flow/import*2"));
        cli.Host.Faults.Add(FaultSpec.Parse("429@/v1/mgmt/tenant/create#5"));

        var result = await cli.RunAsync("apply", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, (await cli.RunAsync("plan", "--detailed-exitcode")).ExitCode);
        Assert.Contains(cli.Host.Requests.Snapshot(), r => r.StatusCode == 429);
        Assert.True(cli.Host.Requests.Snapshot().Count(r => r.StatusCode == 503) >= 5);
    }

    [Fact]
    public async Task Apply_faultOnThirdOfFive_exits3_andSecondApplyFinishesTheRest()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", """
            tenants:
              - { id: t1, name: T1 }
              - { id: t2, name: T2 }
              - { id: t3, name: T3 }
              - { id: t4, name: T4 }
              - { id: t5, name: T5 }
            """);
        File.Delete(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"));
        cli.Host.Faults.Add(FaultSpec.Parse("500@/v1/mgmt/tenant/create~\"t3\""));

        var failed = await cli.RunAsync("apply", "--yes");

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("2 done, 1 failed (1 may have changed), 2 not started", failed.Error, StringComparison.Ordinal);
        Assert.Contains("To undo: descope-mgmt backup restore", failed.Error, StringComparison.Ordinal);

        cli.Host.Faults.Clear();
        var second = await cli.RunAsync("apply", "--yes");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Plan: 3 to create", second.Error, StringComparison.Ordinal);
        using var client = Client(cli, CliHarness.ProjectId);
        Assert.Equal(5, (await client.Tenants.LoadAllAsync(Ct)).Count);
    }

    [Fact]
    public async Task Apply_toProtectedEnvironment_needsTheNameTyped()
    {
        await using var cli = await WorkspaceAsync(protectProd: true);

        var wrong = await cli.RunAsync(["apply", "--env", "prod"], stdin: "y\n", interactive: true, Ct);
        var right = await cli.RunAsync(["apply", "--env", "prod"], stdin: "prod\n", interactive: true, Ct);

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Aborted. Nothing was changed.", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("Type the environment name", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(0, right.ExitCode);
    }

    [Fact]
    public async Task Apply_printedUndoCommand_putsTheEnvironmentBack_deletingWhatTheApplyCreated()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--env", "prod", "--yes")).ExitCode);
        Write(cli, "tenants.yaml", """
            tenants:
              - { id: acme, name: Acme Renamed, selfProvisioningDomains: [acme.com], customAttributes: { portal: "${APP_URL}" } }
              - { id: acme-eu, name: Acme EU, parent: acme }
              - { id: newco, name: NewCo }
            """);
        var apply = await cli.RunAsync("apply", "--env", "prod", "--yes");
        Assert.Equal(0, apply.ExitCode);
        var undo = apply.UndoCommand;
        Assert.EndsWith("--env prod", undo, StringComparison.Ordinal);

        var result = await cli.RunAsync([.. undo.Split(' '), "--yes"]);

        Assert.Equal(0, result.ExitCode);
        using var prod = Client(cli, ProdProject);
        var tenants = await prod.Tenants.LoadAllAsync(Ct);
        Assert.Equal(["acme", "acme-eu"], tenants.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Acme", tenants.Single(t => t.Id == "acme").Name);
        using var dev = Client(cli, CliHarness.ProjectId);
        Assert.Empty(await dev.Tenants.LoadAllAsync(Ct));
    }

    [Fact]
    public async Task Apply_thatAlsoSetsTheTheme_isUndoneByItsPrintedCommand_withoutTryingToDeleteTheTheme()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "theme.json", """{ "styles": { "light": { "primary": "#123456" } } }""");

        var apply = await cli.RunAsync("apply", "--yes");
        Assert.Equal(0, apply.ExitCode);
        var undo = apply.UndoCommand;

        var result = await cli.RunAsync([.. undo.Split(' '), "--yes"]);

        Assert.True(result.ExitCode == 0, result.All);
        using var dev = Client(cli, CliHarness.ProjectId);
        Assert.Empty(await dev.Tenants.LoadAllAsync(Ct));
        Assert.Empty(await dev.Flows.ListAsync(Ct));
    }

    [Fact]
    public async Task ProtectedEnvironment_chosenByProjectId_stillNeedsTheNameTyped()
    {
        await using var cli = await WorkspaceAsync(protectProd: true);
        cli.Variables["DESCOPE_MANAGEMENT_KEY"] = CliHarness.Key;

        var result = await cli.RunAsync(["apply", "--project-id", ProdProject], stdin: "y\n", interactive: true, Ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Type the environment name", result.Error, StringComparison.Ordinal);
        Assert.Contains("environment 'prod'", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task ManagementKey_readFromAWorkspaceVariable_appearsInNoOutputBackupOrAuditFile()
    {
        await using var cli = await WorkspaceAsync();
        var outputs = new List<CliResult>
        {
            await cli.RunAsync("apply", "--yes", "--verbose"),
            await cli.RunAsync("flow", "rollback", "--all", "--latest", "--yes", "--verbose"),
            await cli.RunAsync("plan", "--verbose", "--output", "json"),
            await cli.RunAsync("audit", "export", "--format", "json"),
        };

        Assert.All(outputs, o => Assert.DoesNotContain(CliHarness.Key, o.All, StringComparison.Ordinal));
        var files = Directory.GetFiles(cli.Home, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.Contains("backups", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.DoesNotContain(CliHarness.Key, await File.ReadAllTextAsync(file, Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlanOut_writesThePlanAsJson()
    {
        await using var cli = await WorkspaceAsync();
        var file = Path.Combine(cli.Root, "plan.json");

        Assert.Equal(0, (await cli.RunAsync("plan", "--out", file)).ExitCode);

        var plan = JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!;
        Assert.Equal(3, plan["summary"]!["create"]!.GetValue<int>());
        Assert.Equal(3, plan["changes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Plan_readsLiveWithConstantApiCalls_whateverTheFlowCount()
    {
        await using var cli = await WorkspaceAsync();
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            for (var i = 0; i < 12; i++)
            {
                await client.Flows.ImportAsync($"extra-{i}", FlowGenerator.Create($"extra-{i}", 5, i), Ct);
            }
        }

        cli.Host.Requests.Clear();
        var result = await cli.RunAsync("plan", "--verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, cli.Host.Requests.Count);
        Assert.Contains("plan read live with 2 API calls (project snapshot)", result.Error, StringComparison.Ordinal);
        Assert.Contains("Unmanaged", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_whenSnapshotExportIsRefused_fallsBackToPerFlowExport()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        cli.Host.SnapshotExportDisabled = true;

        var result = await cli.RunAsync("plan", "--detailed-exitcode");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("reading flows one by one", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowValidate_brokenWorkspace_listsEveryProblemAndExits1()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "flows/bad.json", """{"errorCode":"E103003"}""");
        Write(cli, "flows/other.json", "{ \"flowId\": \"x\", ");

        var result = await cli.RunAsync("flow", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("flows/bad.json:1:1: error: this file holds a Descope API error response", result.Out, StringComparison.Ordinal);
        Assert.Contains("flows/other.json:1:", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowValidate_namedFileInAWorkspace_fillsPlaceholdersFromTheEnvironmentsVars()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "flows/broken-start.json", (await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"), Ct))
            .Replace("\"sign-in\"", "\"broken-start\"", StringComparison.Ordinal)
            .Replace("${APP_URL}", "${NOT_DEFINED}", StringComparison.Ordinal));

        var templated = await cli.RunAsync("flow", "validate", "flows/sign-in.json");
        var undefined = await cli.RunAsync("flow", "validate", "flows/broken-start.json");

        Assert.True(templated.ExitCode == 0, templated.All);
        Assert.Contains("Valid: 1 file.", templated.Out, StringComparison.Ordinal);
        Assert.Equal(1, undefined.ExitCode);
        Assert.Contains("${NOT_DEFINED} is not defined", undefined.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowSync_isADryRunUnlessApply()
    {
        await using var cli = await WorkspaceAsync();

        var dry = await cli.RunAsync("flow", "sync");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("Dry run", dry.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());

        var applied = await cli.RunAsync("flow", "sync", "--apply", "--yes");
        Assert.Equal(0, applied.ExitCode);
        Assert.Equal("https://dev.example.com/callback", await RedirectAsync(cli, CliHarness.ProjectId));
        using var client = Client(cli, CliHarness.ProjectId);
        Assert.Empty(await client.Tenants.LoadAllAsync(Ct));
    }

    [Fact]
    public async Task InitFromLive_thenPlan_showsNoChanges()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("a", "b");
        using (var client = cli.Client())
        {
            await client.Tenants.CreateAsync(new Api.Tenants.TenantWrite { Id = "t1", Name = "T1", SelfProvisioningDomains = ["t1.test"] }, Ct);
        }

        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        var plan = await cli.RunAsync("plan", "--detailed-exitcode");

        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "flows", "a.json")));
        Assert.Contains("t1.test", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct), StringComparison.Ordinal);
        Assert.Equal(0, plan.ExitCode);
    }
}
