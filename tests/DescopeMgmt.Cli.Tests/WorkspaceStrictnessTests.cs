using DescopeMgmt.Testing;
using static DescopeMgmt.Cli.Tests.TestWorkspace;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// End to end: malformed workspace input stops a command before any backup or API write, server-chosen
/// flow IDs never become paths outside the workspace, and templates cannot reach a management key.
/// </summary>
public sealed class WorkspaceStrictnessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The two-environment workspace, applied, then set to delete live items missing from it.</summary>
    private static async Task<CliHarness> AppliedWithDeleteMissingAsync()
    {
        var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        var yaml = Path.Combine(cli.WorkingDirectory, "descope.yaml");
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml, Ct)).Replace("deleteMissing: false", "deleteMissing: true", StringComparison.Ordinal), Ct);
        cli.Host.Requests.Clear();
        return cli;
    }

    private static int BackupCount(CliHarness cli) =>
        Directory.Exists(cli.BackupRoot) ? Directory.GetFiles(cli.BackupRoot, "manifest.json", SearchOption.AllDirectories).Length : 0;

    [Theory]
    [InlineData("flows/sign-in.json", "null")]
    [InlineData("flows/sign-in.json", "[1, 2]")]
    [InlineData("tenants.yaml", "# every tenant was here\n")]
    [InlineData("tenants.yaml", "")]
    public async Task Apply_deleteMissingWithAMalformedFile_exits1NamingIt_andDeletesNothing(string relative, string text)
    {
        await using var cli = await AppliedWithDeleteMissingAsync();
        var backups = BackupCount(cli);
        Write(cli, relative, text);

        var result = await cli.RunAsync("apply", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(relative + ":1", result.All, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(backups, BackupCount(cli));
        using var client = Client(cli, CliHarness.ProjectId);
        Assert.Contains(await client.Flows.ListAsync(Ct), f => f.Id == "sign-in");
        Assert.Equal(2, (await client.Tenants.LoadAllAsync(Ct)).Count);
    }

    [Fact]
    public async Task Apply_tenantFieldOfTheWrongType_isFoundByValidate_andApplyStopsBeforeAnyBackupOrWrite()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n    enforceSSO: ture\n");
        var backups = BackupCount(cli);

        var validate = await cli.RunAsync("flow", "validate");
        var apply = await cli.RunAsync("apply", "--yes");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("tenants.yaml:4:17: error: enforceSSO must be true or false, not 'ture'", validate.Out, StringComparison.Ordinal);
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("tenants.yaml:4:17", apply.All, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(backups, BackupCount(cli));
    }

    [Fact]
    public async Task ValidateAndPlan_tenThousandDeepCustomAttributes_bothReportTheSameLine()
    {
        await using var cli = await WorkspaceAsync();
        var deep = string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000);
        Write(cli, "tenants.yaml", $"tenants:\n  - id: acme\n    name: Acme\n    customAttributes: {deep}\n");

        var validate = await cli.RunAsync("flow", "validate");
        var plan = await cli.RunAsync("plan");

        Assert.Equal(1, validate.ExitCode);
        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("tenants.yaml:4:", validate.Out, StringComparison.Ordinal);
        Assert.Contains("tenants.yaml:4:", plan.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePlanApply_flowAsDeepAsTheLimit_passEveryStep_soValidateNeverAcceptsWhatApplyRefuses()
    {
        await using var cli = await WorkspaceAsync();
        var flow = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json"), Ct))!.AsObject();
        var nested = string.Concat(Enumerable.Repeat("[", Core.Workspace.WorkspaceFiles.MaxDepth - 1)) + new string(']', Core.Workspace.WorkspaceFiles.MaxDepth - 1);
        flow["metadata"]!["description"] = "deep";
        var compact = flow.ToJsonString();
        var text = compact[..^1] + ", \"deep\": " + nested + "}";
        Write(cli, "flows/sign-in.json", text);

        var validate = await cli.RunAsync("flow", "validate");
        var plan = await cli.RunAsync("plan", "--output", "json");
        var markdown = await cli.RunAsync("drift", "--format", "markdown");
        var apply = await cli.RunAsync("apply", "--yes");
        var tooDeep = compact[..^1] + ", \"deep\": [" + nested + "]}";
        Write(cli, "flows/sign-in.json", tooDeep);
        var refused = await cli.RunAsync("flow", "validate");

        Assert.True(validate.ExitCode == 0, validate.All);
        Assert.True(plan.ExitCode == 0, plan.All);
        Assert.True(markdown.ExitCode == 2, markdown.All);
        Assert.True(apply.ExitCode == 0, apply.All);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("flows/sign-in.json:1:", refused.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/tmp/descope-mgmt-escape")]
    [InlineData("CON")]
    public async Task Pull_hostileFlowIdFromTheFlowList_exits1NamingIt_andWritesNothing(string hostile)
    {
        await using var cli = await WorkspaceAsync();
        using (var client = Client(cli, CliHarness.ProjectId))
        {
            await client.Flows.ImportAsync(hostile, FlowGenerator.Create(hostile, taskCount: 2, seed: 1), Ct);
        }

        cli.Host.SnapshotExportDisabled = true;
        var flowFile = Path.Combine(cli.WorkingDirectory, "flows", "sign-in.json");
        var before = await File.ReadAllTextAsync(flowFile, Ct);

        var result = await cli.RunAsync("pull", "--force");

        Assert.Equal(1, result.ExitCode);
        // Refused where the ID first arrives (the flow list), naming the request and the ID.
        Assert.Contains("POST /v1/mgmt/flow/list", result.All, StringComparison.Ordinal);
        Assert.Contains($"'{hostile}'", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(cli.WorkingDirectory, "flows", hostile + ".json"))));
        Assert.Equal(before, await File.ReadAllTextAsync(flowFile, Ct));
        Assert.Equal(["sign-in.json"], Directory.GetFiles(Path.Combine(cli.WorkingDirectory, "flows")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task FlowExportAll_hostileFlowIdFromTheFlowList_exits1NamingIt_andWritesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        using (var client = cli.Client())
        {
            await client.Flows.ImportAsync("../x", FlowGenerator.Create("x", taskCount: 2, seed: 1), Ct);
        }

        var result = await cli.RunAsync("flow", "export", "--all", "-o", "out/flows");

        Assert.Equal(1, result.ExitCode);
        // Refused where the ID first arrives (the flow list), naming the request and the ID.
        Assert.Contains("POST /v1/mgmt/flow/list", result.All, StringComparison.Ordinal);
        Assert.Contains("'../x'", result.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.WorkingDirectory, "out")));
    }

    [Fact]
    public async Task InitFromLive_hostileFlowIdFromTheFlowList_exits1_andLeavesTheFolderAsItWas()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        using (var client = cli.Client())
        {
            await client.Flows.ImportAsync("../../x", FlowGenerator.Create("x", taskCount: 2, seed: 1), Ct);
        }

        cli.Host.SnapshotExportDisabled = true;
        cli.WorkingDirectory = Path.Combine(cli.Root, "a", "b", "new-workspace");
        Directory.CreateDirectory(cli.WorkingDirectory);

        var result = await cli.RunAsync("init", "--from-live");

        Assert.Equal(1, result.ExitCode);
        // Refused where the ID first arrives (the flow list), naming the request and the ID.
        Assert.Contains("POST /v1/mgmt/flow/list", result.All, StringComparison.Ordinal);
        Assert.Contains("'../../x'", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Root, "a", "x.json")));
        Assert.Empty(Directory.GetFileSystemEntries(cli.WorkingDirectory));
    }

    [Fact]
    public async Task PlanAndDrift_placeholderNamingTheKeysVariable_isUndefined_andTheKeyIsNeverPrinted()
    {
        await using var cli = await WorkspaceAsync();
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n    name: \"${DEV_KEY}\"\n");

        var plan = await cli.RunAsync("plan");
        var drift = await cli.RunAsync("drift", "--format", "markdown");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("tenants.yaml:3:", plan.All, StringComparison.Ordinal);
        Assert.Contains("${DEV_KEY} is not defined", plan.All, StringComparison.Ordinal);
        Assert.Contains("DESCOPE_VAR_DEV_KEY", plan.All, StringComparison.Ordinal);
        Assert.NotEqual(0, drift.ExitCode);
        Assert.DoesNotContain(CliHarness.Key, plan.All + drift.All, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task Plan_prefixedVariableHoldingTheManagementKey_isRefused_andTheKeyIsNeverPrinted()
    {
        await using var cli = await WorkspaceAsync();
        cli.Variables["DESCOPE_VAR_LEAK"] = CliHarness.Key;
        Write(cli, "tenants.yaml", "tenants:\n  - id: acme\n    name: \"${LEAK}\"\n");

        var plan = await cli.RunAsync("plan", "--output", "json");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("management key in DEV_KEY", plan.All, StringComparison.Ordinal);
        Assert.DoesNotContain(CliHarness.Key, plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_prefixedProcessVariable_fillsThePlaceholder()
    {
        await using var cli = await WorkspaceAsync();
        Assert.Equal(0, (await cli.RunAsync("apply", "--yes")).ExitCode);
        cli.Variables["DESCOPE_VAR_SUFFIX"] = "Europe";
        Write(cli, "tenants.yaml", (await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "tenants.yaml"), Ct))
            .Replace("name: Acme EU", "name: Acme ${SUFFIX}", StringComparison.Ordinal));

        var plan = await cli.RunAsync("plan");

        Assert.True(plan.ExitCode == 0, plan.All);
        Assert.Contains("Acme Europe", plan.All, StringComparison.Ordinal);
    }
}
