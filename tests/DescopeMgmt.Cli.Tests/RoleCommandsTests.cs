using System.Text.Json.Nodes;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Cli.Tests;

/// <summary>role list, get, create, update and delete against the emulator, for project and tenant roles.</summary>
public sealed class RoleCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Permissions read and write, tenant acme, a project role Editor and acme's own Editor.</summary>
    private static async Task SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Permissions.CreateBatchAsync([new PermissionWrite { Name = "read" }, new PermissionWrite { Name = "write" }], Ct);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor", Description = "Edits", PermissionNames = ["read", "write"] }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor", TenantId = "acme", Description = "Acme editors", PermissionNames = ["read"], Default = true }, Ct);
        cli.Host.Requests.Clear();
    }

    private static async Task<IReadOnlyList<Role>> RolesAsync(CliHarness cli)
    {
        using var client = cli.Client();
        return await client.Roles.LoadAllAsync(Ct);
    }

    private static async Task<Role?> FindAsync(CliHarness cli, string? tenantId, string name) =>
        (await RolesAsync(cli)).SingleOrDefault(r => r.Name == name && (r.TenantId ?? "") == (tenantId ?? ""));

    /// <summary>Every role's fields that a change could touch, for comparing the whole set before and after.</summary>
    private static async Task<List<string>> FingerprintAsync(CliHarness cli) =>
        (await RolesAsync(cli))
            .Select(r => $"{r.TenantId}|{r.Name}|{r.Description}|{string.Join(",", r.PermissionNames)}|{r.Default}|{r.Private}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool HasBackups(CliHarness cli) => Directory.Exists(cli.BackupRoot);

    [Fact]
    public async Task RoleCreate_tenantRole_withEveryFlag_thenGetWithTenant_showsEveryField()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var create = await cli.RunAsync("role", "create", "Auditor", "--tenant", "acme", "--description", "Reads logs",
            "--permission", "read", "--permission", "write", "--default", "--private", "--yes");
        var get = await cli.RunAsync("role", "get", "Auditor", "--tenant", "acme", "--output", "json");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("+ role \"acme/Auditor\" will be created", create.Error, StringComparison.Ordinal);
        Assert.Equal(0, get.ExitCode);
        var role = JsonNode.Parse(get.Out)!.AsObject();
        Assert.Equal("Auditor", role["name"]!.GetValue<string>());
        Assert.Equal("acme", role["tenant"]!.GetValue<string>());
        Assert.Equal("Reads logs", role["description"]!.GetValue<string>());
        Assert.Equal(["read", "write"], role["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(role["default"]!.GetValue<bool>());
        Assert.True(role["private"]!.GetValue<bool>());
        Assert.False(role.ContainsKey("builtIn"));
        Assert.Null(await FindAsync(cli, null, "Auditor"));
    }

    [Fact]
    public async Task RoleGet_projectRole_withoutTenant_isTheProjectsNotTheTenants()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var project = await cli.RunAsync("role", "get", "Editor", "--output", "json");
        var tenant = await cli.RunAsync("role", "get", "Editor", "--tenant", "acme");

        Assert.Equal("Edits", JsonNode.Parse(project.Out)!["description"]!.GetValue<string>());
        Assert.False(JsonNode.Parse(project.Out)!.AsObject().ContainsKey("tenant"));
        Assert.Equal(0, tenant.ExitCode);
        Assert.Contains("Acme editors", tenant.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleGet_unknown_exits1NamingTheRoleAndTenant()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "get", "Ghost", "--tenant", "acme");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Role 'Ghost' of tenant 'acme' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains("role list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleCreate_existing_exits1SayingItExists_withoutWrites()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "create", "Editor", "--tenant", "acme", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Role 'Editor' of tenant 'acme' already exists", result.Error, StringComparison.Ordinal);
        Assert.Contains("role update Editor --tenant acme", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task RoleCreate_unknownPermission_exits1WithTheServicesMessage_andCreatesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "create", "Broken", "--permission", "read", "--permission", "no-such-permission", "--yes");

        Assert.Equal(1, result.ExitCode);
        // The report wraps long lines at the terminal's width.
        var error = System.Text.RegularExpressions.Regex.Replace(result.Error, @"\s+", " ");
        Assert.Contains("role 'Broken' names permission(s) that do not exist: 'no-such-permission'", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", result.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync(cli, null, "Broken"));
    }

    [Fact]
    public async Task RoleCreate_dryRun_showsTheCreation_andWritesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FingerprintAsync(cli);

        var result = await cli.RunAsync("role", "create", "Auditor", "--permission", "read", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("+ role \"Auditor\" will be created", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(HasBackups(cli));
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task RoleCreate_undo_deletesTheNewRoleOnly()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FingerprintAsync(cli);
        var create = await cli.RunAsync("role", "create", "Auditor", "--tenant", "acme", "--permission", "read", "--yes");
        Assert.NotNull(await FindAsync(cli, "acme", "Auditor"));

        var undo = await cli.RunAsync([.. create.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task RoleUpdate_tenantRole_replacesTheGivenFields_keepsTheOthers_andLeavesTheProjectRoleAlone()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "update", "Editor", "--tenant", "acme", "--permission", "write", "--private", "true", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ role \"acme/Editor\" will be updated", result.Error, StringComparison.Ordinal);
        var updated = await FindAsync(cli, "acme", "Editor");
        Assert.Equal(["write"], updated!.PermissionNames);
        Assert.True(updated.Private);
        // The API replaces every field: the description and default flag survive only because the whole role was sent.
        Assert.Equal("Acme editors", updated.Description);
        Assert.True(updated.Default);
        var project = await FindAsync(cli, null, "Editor");
        Assert.Equal(["read", "write"], project!.PermissionNames);
    }

    [Fact]
    public async Task RoleUpdate_thenItsUndoCommand_putsBackExactlyThatRole_andTouchesNoOther()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FingerprintAsync(cli);
        var update = await cli.RunAsync("role", "update", "Editor", "--tenant", "acme", "--description", "Changed", "--permission", "", "--default", "false", "--yes");
        Assert.Equal(0, update.ExitCode);
        Assert.Empty((await FindAsync(cli, "acme", "Editor"))!.PermissionNames);
        // Another role changes after the update: the undo must not revert it.
        using (var client = cli.Client())
        {
            await client.Roles.UpdateAsync("Editor", new RoleWrite { Name = "Editor", Description = "Edited later", PermissionNames = ["read"] }, Ct);
        }

        cli.Host.Requests.Clear();

        var undo = await cli.RunAsync([.. update.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        var restored = await FindAsync(cli, "acme", "Editor");
        Assert.Equal("Acme editors", restored!.Description);
        Assert.Equal(["read"], restored.PermissionNames);
        Assert.True(restored.Default);
        Assert.Equal("Edited later", (await FindAsync(cli, null, "Editor"))!.Description);
        Assert.Single(cli.WritingRequests());
        Assert.Equal(before.Count, (await FingerprintAsync(cli)).Count);
    }

    [Fact]
    public async Task RoleUpdate_dryRun_showsTheFieldDiff_andWritesNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FingerprintAsync(cli);

        var result = await cli.RunAsync("role", "update", "Editor", "--permission", "read", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ role \"Editor\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("permissions[1]", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task RoleUpdate_unknownTenantRole_exits1SayingItDoesNotExist_withoutWrites()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "update", "Viewer", "--tenant", "acme", "--description", "x", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Role 'Viewer' of tenant 'acme' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Theory]
    [InlineData("update", "changed")]
    [InlineData("delete", "deleted")]
    public async Task RoleChange_builtInTenantAdmin_isRefusedLocally_withoutWritesOrBackup(string verb, string word)
    {
        await using var cli = await CliHarness.StartAsync();
        var before = await FingerprintAsync(cli);
        cli.Host.Requests.Clear();
        string[] args = verb == "update"
            ? ["role", "update", "Tenant Admin", "--description", "mine now", "--yes"]
            : ["role", "delete", "Tenant Admin", "--yes"];

        var result = await cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Role 'Tenant Admin' is built in: Descope manages it, and it cannot be {word}. Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(HasBackups(cli));
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task RoleDelete_tenantRole_deletesOnlyThatOne_andUndoRecreatesIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = await FingerprintAsync(cli);

        var delete = await cli.RunAsync("role", "delete", "Editor", "--tenant", "acme", "--yes");

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("- role \"acme/Editor\" will be deleted", delete.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync(cli, "acme", "Editor"));
        Assert.NotNull(await FindAsync(cli, null, "Editor"));

        var undo = await cli.RunAsync([.. delete.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Equal(before, await FingerprintAsync(cli));
    }

    [Fact]
    public async Task RoleList_text_showsProjectAndTenantRoles_withFlags()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Contains("built-in", lines.Single(l => l.Contains("Tenant Admin", StringComparison.Ordinal)), StringComparison.Ordinal);
        var acmeEditor = lines.Single(l => l.Contains("Acme editors", StringComparison.Ordinal));
        Assert.Contains("acme", acmeEditor, StringComparison.Ordinal);
        Assert.Contains("default", acmeEditor, StringComparison.Ordinal);
        Assert.Contains("read, write", lines.Single(l => l.Contains("Edits", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("3 roles", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleList_json_printsOneItemsDocument_projectRolesFirst()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("role", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var items = JsonNode.Parse(result.Out)!["items"]!.AsArray();
        Assert.Equal(["|Editor", "|Tenant Admin", "acme|Editor"],
            items.Select(i => $"{i!["tenant"]?.GetValue<string>()}|{i["name"]!.GetValue<string>()}"));
        Assert.True(items[1]!["builtIn"]!.GetValue<bool>());
        Assert.False(items[2]!["builtIn"]!.GetValue<bool>());
        Assert.Equal(["read"], items[2]!["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(items[2]!["default"]!.GetValue<bool>());
    }
}
