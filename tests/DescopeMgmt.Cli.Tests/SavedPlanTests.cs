using System.Text.Json.Nodes;
using DescopeMgmt.Api.Tenants;

using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>`plan --out` then `apply PLANFILE`: exactly the reviewed plan, or a refusal that changes and writes nothing.</summary>
public sealed class SavedPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PlanFile(CliHarness cli) => Path.Combine(cli.Root, "plan.json");

    private static bool AnyBackup(CliHarness cli) => Directory.Exists(cli.BackupRoot) && Directory.EnumerateFiles(cli.BackupRoot, "manifest.json", SearchOption.AllDirectories).Any();

    [Fact]
    public async Task ApplyPlanFile_nothingChangedSince_appliesExactlyThePlan()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);

        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Plan sha256:", apply.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("plan", "--detailed-exitcode")).ExitCode);
        using var client = Client(cli, CliHarness.ProjectId);
        Assert.Equal("acme", (await client.Tenants.LoadAsync("acme-eu", Ct)).Parent);
    }

    [Theory]
    [InlineData("apply", "--dry-run")]
    [InlineData("flow", "export", "--bogus")]
    [InlineData("backup", "show", "--latest")]
    public async Task Command_unknownOptionWhereAnArgumentGoes_isAUsageErrorNamingTheOption(params string[] args)
    {
        await using var cli = await WorkspaceAsync();

        var result = await cli.RunAsync([.. args, "--output", "json"]);

        Assert.Equal(1, result.ExitCode);
        var error = JsonNode.Parse(result.Out)!["error"]!;
        Assert.Equal("usage_error", error["code"]!.GetValue<string>());
        Assert.Contains($"Unrecognized option '{args[^1]}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(AnyBackup(cli));
    }

    [Fact]
    public async Task ApplyPlanFile_liveChangedSince_refusesNamingTheItemAndChangesNothing()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Made by hand" }, Ct);
        }

        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("is out of date: tenant:acme was added live", apply.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", apply.Error, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt plan --out", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(AnyBackup(cli));
    }

    [Fact]
    public async Task ApplyPlanFile_workspaceChangedSince_refusesNamingTheFile()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        Write(cli, "tenants.yaml", """
            tenants:
              - id: acme
                name: Acme Renamed
              - id: acme-eu
                name: Acme EU
                parent: acme
            """);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("tenant:acme changed in the workspace (tenants.yaml)", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(AnyBackup(cli));
    }

    [Fact]
    public async Task ApplyPlanFile_anotherEnvironment_isRefusedBeforeAnyRequest()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--env", "prod", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"was made for project {CliHarness.ProjectId} (environment 'dev') on local, not for project {ProdProject} (environment 'prod')", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Theory]
    [InlineData("{\"format\":\"descope-mgmt-plan/1\",\"fingerprint\":\"sha256:00\"", "not JSON")]
    [InlineData("[]", "has no \"format\" field")]
    [InlineData("{\"format\":\"descope-mgmt-plan/9\"}", "format 'descope-mgmt-plan/9'")]
    [InlineData("{\"format\":\"descope-mgmt-plan/1\",\"fingerprint\":\"sha256:00\"}", "incomplete or has a field of the wrong type")]
    public async Task ApplyPlanFile_malformedTruncatedOrOtherVersion_isAClearErrorBeforeAnyRequest(string text, string expected)
    {
        await using var cli = await WorkspaceAsync();
        await File.WriteAllTextAsync(PlanFile(cli), text, Ct);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains(expected, apply.Error, StringComparison.Ordinal);
        Assert.Contains("Hint:", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task ApplyPlanFile_changesEditedByHand_isRefused()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(PlanFile(cli), Ct))!;
        var tenant = plan["changes"]!.AsArray().First(c => c!["id"]!.GetValue<string>() == "acme")!;
        tenant["desired"]!["name"] = "Not what was reviewed";
        await File.WriteAllTextAsync(PlanFile(cli), plan.ToJsonString(), Ct);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("was it edited?", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task PlanOut_savedPlan_neverHoldsTheManagementKeyAndNamesItsTarget()
    {
        await using var cli = await WorkspaceAsync();

        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);

        var text = await File.ReadAllTextAsync(PlanFile(cli), Ct);
        Assert.DoesNotContain(CliHarness.Key, text, StringComparison.Ordinal);
        var plan = JsonNode.Parse(text)!;
        Assert.Equal("descope-mgmt-plan/1", plan["format"]!.GetValue<string>());
        Assert.Equal(CliHarness.ProjectId, plan["target"]!["projectId"]!.GetValue<string>());
        Assert.Equal("dev", plan["target"]!["environment"]!.GetValue<string>());
        Assert.Equal("local", plan["target"]!["host"]!.GetValue<string>());
        Assert.EndsWith("Z", plan["createdAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, plan["changes"]!.AsArray().Count);
    }

    [Fact]
    public async Task PlanOut_withOutputJson_writesTheFileAndPrintsOneDocumentWithTheSameFingerprint()
    {
        await using var cli = await WorkspaceAsync();

        var result = await cli.RunAsync("plan", "--out", PlanFile(cli), "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(PlanFile(cli), Ct))!;
        Assert.StartsWith("sha256:", saved["fingerprint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(saved["fingerprint"]!.GetValue<string>(), document["fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlanMarkdown_forAPullRequest_carriesTheFingerprintTheSavedPlanHas()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        var fingerprint = JsonNode.Parse(await File.ReadAllTextAsync(PlanFile(cli), Ct))!["fingerprint"]!.GetValue<string>();

        var markdown = await cli.RunAsync("plan", "--format", "markdown");

        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains($"Plan fingerprint: `{fingerprint}`", markdown.Out, StringComparison.Ordinal);
        Assert.StartsWith("### descope-mgmt plan: project", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPlanFile_flowAsDeepAsTheLimit_savesAndApplies()
    {
        await using var cli = await WorkspaceAsync();
        var flow = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"), Ct))!.AsObject();
        var nested = string.Concat(Enumerable.Repeat("[", Core.Workspace.WorkspaceFiles.MaxDepth - 1)) + new string(']', Core.Workspace.WorkspaceFiles.MaxDepth - 1);
        var compact = flow.ToJsonString();
        Write(cli, "flows/sign-in.json", compact[..^1] + ", \"deep\": " + nested + "}");

        var plan = await cli.RunAsync("plan", "--out", PlanFile(cli), "--output", "json");
        var apply = await cli.RunAsync("apply", "--yes", PlanFile(cli));

        Assert.True(plan.ExitCode == 0, plan.All);
        Assert.True(apply.ExitCode == 0, apply.All);
    }

    [Fact]
    public async Task ApplyPlanFile_noTerminalAndNoYes_printsTheSavedPlanThenRefuses()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);
        cli.Host.Requests.Clear();

        var apply = await cli.RunAsync("apply", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("+ tenant \"acme-eu\" will be created", apply.Error, StringComparison.Ordinal);
        Assert.Contains("there is no terminal to confirm on", apply.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Host.Requests.Snapshot());
    }

    [Fact]
    public async Task ApplyPlanFile_withOnly_isAUsageError()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("plan", "--out", PlanFile(cli))).ExitCode);

        var apply = await cli.RunAsync("apply", "--only", "tenants", "--yes", PlanFile(cli));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("--only cannot be combined with a plan file", apply.Error, StringComparison.Ordinal);
    }
}
