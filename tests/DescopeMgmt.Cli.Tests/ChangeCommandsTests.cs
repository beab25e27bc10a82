using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>tenant delete, flow import of other shapes, rollback dry runs and protected environments.</summary>
public sealed class ChangeCommandsTests
{
    private const string ProdProject = "P2CliProtectedProd000000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> WriteAsync(CliHarness cli, string name, string text)
    {
        var path = Path.Combine(cli.Root, name);
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    private static async Task<IReadOnlyList<string>> FlowIdsAsync(CliHarness cli)
    {
        using var client = cli.Client();
        return (await client.Flows.ListAsync(Ct)).Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task CreateParentAndChildAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme-eu", Name = "Acme EU", Parent = "acme" }, Ct);
        cli.Host.Requests.Clear();
    }

    private static async Task AssertBothTenantsRemainAsync(CliHarness cli)
    {
        using var client = cli.Client();
        Assert.Equal(["acme", "acme-eu"], (await client.Tenants.LoadAllAsync(Ct)).Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TenantDelete_parentWithChild_withoutCascade_exits1SayingToDeleteTheSubTenantsFirst()
    {
        await using var cli = await CliHarness.StartAsync();
        await CreateParentAndChildAsync(cli);

        var result = await cli.RunAsync("tenant", "delete", "acme", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tenant 'acme' has sub-tenants (acme-eu). Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("tenant delete acme-eu", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(Directory.Exists(cli.BackupRoot), "no backup is taken for a change that cannot happen");
        await AssertBothTenantsRemainAsync(cli);
    }

    // --cascade covers the tenant's own users and keys (API reference), not its sub-tenants, so the
    // service refuses the parent all the same and the CLI must say so rather than half-delete.
    [Fact]
    public async Task TenantDelete_parentWithChild_withCascade_isRefusedToo_andDeletesNeitherTenant()
    {
        await using var cli = await CliHarness.StartAsync();
        await CreateParentAndChildAsync(cli);

        var result = await cli.RunAsync("tenant", "delete", "acme", "--cascade", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tenant 'acme' has sub-tenants (acme-eu). Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        await AssertBothTenantsRemainAsync(cli);
    }

    [Fact]
    public async Task TenantDelete_childThenParentWithCascade_deletesBoth()
    {
        await using var cli = await CliHarness.StartAsync();
        await CreateParentAndChildAsync(cli);

        var child = await cli.RunAsync("tenant", "delete", "acme-eu", "--yes");
        var parent = await cli.RunAsync("tenant", "delete", "acme", "--cascade", "--yes");

        Assert.Equal(0, child.ExitCode);
        Assert.Equal(0, parent.ExitCode);
        using var client = cli.Client();
        Assert.Empty(await client.Tenants.LoadAllAsync(Ct));
    }

    [Fact]
    public async Task FlowImport_v1ConsoleExport_importsTheFlowUnderFlowDotId()
    {
        await using var cli = await CliHarness.StartAsync();
        var file = await WriteAsync(cli, "legacy.json", """
            {"flow":{"id":"legacy","name":"Legacy flow","dsl":{"startTask":"0","tasks":{"0":{"id":"0","type":"automated"}}}},
             "screens":[{"id":"SC1","inputs":[],"interactions":[],"htmlTemplate":{"root":{"tag":"div"}},"componentsVersion":"2.0.1"}]}
            """);

        var result = await cli.RunAsync("flow", "import", file, "--yes");

        Assert.Equal(0, result.ExitCode);
        var live = await cli.ExportAsync("legacy");
        Assert.Equal("Legacy flow", live["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("0", live["contents"]!["startTask"]!.GetValue<string>());
        Assert.Equal("SC1", live["screens"]![0]!["screenId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "from-flowid")]
    [InlineData("from-flag", "from-flag")]
    public async Task FlowImport_fileWithFlowIdAndFlowDotId_usesFlagThenFlowIdThenFlowDotId(string? flag, string expected)
    {
        await using var cli = await CliHarness.StartAsync();
        var file = await WriteAsync(cli, "both.json", """
            {"flowId":"from-flowid","flow":{"id":"from-flow-dot-id","name":"Both","dsl":{"startTask":"0","tasks":{"0":{"id":"0"}}}},"screens":[]}
            """);
        string[] args = flag is null ? ["flow", "import", file, "--yes"] : ["flow", "import", file, "--flow-id", flag, "--yes"];

        var result = await cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([expected], await FlowIdsAsync(cli));
        Assert.Equal("Both", (await cli.ExportAsync(expected))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowRollback_dryRun_printsTheDiff_andMakesNoWritingCall()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.SeedFlowsAsync("sign-in");
        var flow = await cli.ExportAsync("sign-in");
        flow["metadata"]!["name"] = "Broken";
        Assert.Equal(0, (await cli.RunAsync("flow", "import", await WriteAsync(cli, "broken.json", flow.ToJsonString()), "--yes")).ExitCode);
        var backups = Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId));
        var backupId = Path.GetFileName(Assert.Single(backups));
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("flow", "rollback", "--flow-id", "sign-in", "--backup", backupId, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ flow \"sign-in\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Matches("metadata.name: \"Broken\" → \"[^\"]+\"", result.Error);
        Assert.Contains("Dry run", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Single(Directory.GetDirectories(Path.Combine(cli.BackupRoot, CliHarness.ProjectId)));
        Assert.Equal("Broken", (await cli.ExportAsync("sign-in"))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantRollback_dryRun_printsTheDiff_andMakesNoWritingCall()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync("tenant", "create", "acme", "--name", "Acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("tenant", "update", "acme", "--name", "Acme Renamed", "--yes")).ExitCode);
        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("tenant", "rollback", "--tenant-id", "acme", "--backup", "latest", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ tenant \"acme\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("name: \"Acme Renamed\" → \"Acme\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        using var client = cli.Client();
        Assert.Equal("Acme Renamed", (await client.Tenants.LoadAsync("acme", Ct)).Name);
    }

    private static async Task<CliHarness> ProtectedProdWorkspaceAsync()
    {
        var cli = await CliHarness.StartAsync();
        cli.Variables.Remove("DESCOPE_PROJECT_ID");
        cli.Variables.Remove("DESCOPE_BASE_URL");
        cli.Variables.Remove("DESCOPE_MANAGEMENT_KEY");
        cli.Variables["PROD_KEY"] = CliHarness.Key;
        await File.WriteAllTextAsync(Path.Combine(cli.WorkingDirectory, "descope.yaml"), $$"""
            version: 1
            environments:
              dev:
                projectId: {{CliHarness.ProjectId}}
                managementKey: ${PROD_KEY}
                baseUrl: {{cli.Host.BaseUrl.ToString().TrimEnd('/')}}
              prod:
                projectId: {{ProdProject}}
                managementKey: ${PROD_KEY}
                baseUrl: {{cli.Host.BaseUrl.ToString().TrimEnd('/')}}
                protected: true
            defaultEnvironment: dev
            """, Ct);
        return cli;
    }

    [Fact]
    public async Task FlowRollback_toProtectedEnvironment_needsTheNameTyped()
    {
        await using var cli = await ProtectedProdWorkspaceAsync();
        using var prod = new DescopeClient(new DescopeClientOptions { ProjectId = ProdProject, ManagementKey = CliHarness.Key, BaseUrl = cli.Host.BaseUrl });
        await prod.Flows.ImportAsync("sign-in", FlowGenerator.Create("sign-in", taskCount: 4, seed: 1), Ct);
        var original = (await prod.Flows.ExportAsync("sign-in", Ct))["metadata"]!["name"]!.GetValue<string>();
        var changed = await prod.Flows.ExportAsync("sign-in", Ct);
        changed["metadata"]!["name"] = "Broken in prod";
        Assert.Equal(0, (await cli.RunAsync("flow", "import", await WriteAsync(cli, "prod.json", changed.ToJsonString()), "--env", "prod", "--yes")).ExitCode);
        cli.Host.Requests.Clear();

        var wrong = await cli.RunAsync(["flow", "rollback", "--flow-id", "sign-in", "--backup", "latest", "--env", "prod"], stdin: "y\n", interactive: true, Ct);
        var writesAfterWrong = cli.WritingRequests();
        var right = await cli.RunAsync(["flow", "rollback", "--flow-id", "sign-in", "--backup", "latest", "--env", "prod"], stdin: "prod\n", interactive: true, Ct);

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Aborted. Nothing was changed.", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("Type the environment name", wrong.Error, StringComparison.Ordinal);
        Assert.Empty(writesAfterWrong);
        Assert.Equal(0, right.ExitCode);
        Assert.Equal(original, (await prod.Flows.ExportAsync("sign-in", Ct))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TenantCreate_onTheEmbeddedEmulator_printsAnUndoThatNamesItAndTheBackupFolder_andTheUndoWorks()
    {
        await using var cli = await CliHarness.StartAsync();
        var backups = Path.Combine(cli.Root, "my-backups");

        var create = await cli.RunAsync("tenant", "create", "local-co", "--name", "Local Co", "--local", "--backup-dir", backups, "--yes");

        Assert.Equal(0, create.ExitCode);
        var undo = create.UndoCommand;
        Assert.EndsWith($"--local --backup-dir {backups}", undo, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync([.. undo.Split(' '), "--yes"])).ExitCode);
        var list = await cli.RunAsync("tenant", "list", "--local", "--output", "json");
        Assert.DoesNotContain("local-co", list.Out, StringComparison.Ordinal);
        using var client = cli.Client();
        Assert.Empty(await client.Tenants.LoadAllAsync(Ct));
    }
}
