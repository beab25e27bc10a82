using System.Text.Json.Nodes;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Roles;

namespace DescopeMgmt.Cli.Tests;

/// <summary>permission list, create, update and delete against the emulator: diff, dry run, backup, undo, built-ins.</summary>
public sealed class PermissionCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(CliHarness cli, params PermissionWrite[] permissions)
    {
        using var client = cli.Client();
        await client.Permissions.CreateBatchAsync(permissions, Ct);
        cli.Host.Requests.Clear();
    }

    private static async Task<Permission?> FindAsync(CliHarness cli, string name)
    {
        using var client = cli.Client();
        return (await client.Permissions.LoadAllAsync(Ct)).SingleOrDefault(p => p.Name == name);
    }

    private static bool HasBackups(CliHarness cli) => Directory.Exists(cli.BackupRoot);

    [Fact]
    public async Task PermissionCreate_withDescription_createsIt_andPrintsTheUndoCommand()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("permission", "create", "reports.read", "--description", "Read reports", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("+ permission \"reports.read\" will be created", result.Error, StringComparison.Ordinal);
        Assert.Contains("backup restore", result.UndoCommand, StringComparison.Ordinal);
        Assert.Contains("--only permissions", result.UndoCommand, StringComparison.Ordinal);
        Assert.Equal("Read reports", (await FindAsync(cli, "reports.read"))?.Description);
    }

    [Fact]
    public async Task PermissionCreate_undo_removesThePermissionAgain()
    {
        await using var cli = await CliHarness.StartAsync();
        var create = await cli.RunAsync("permission", "create", "reports.read", "--yes");

        var undo = await cli.RunAsync([.. create.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Null(await FindAsync(cli, "reports.read"));
        Assert.NotNull(await FindAsync(cli, "User Admin"));
    }

    [Fact]
    public async Task PermissionCreate_existing_exits1SayingItExists_withoutWrites()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read" });

        var result = await cli.RunAsync("permission", "create", "reports.read", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Permission 'reports.read' already exists", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Fact]
    public async Task PermissionCreate_dryRun_showsTheCreation_andWritesNothing()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("permission", "create", "reports.read", "--description", "Read reports", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("+ permission \"reports.read\" will be created", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.Null(await FindAsync(cli, "reports.read"));
        Assert.False(HasBackups(cli));
    }

    [Fact]
    public async Task PermissionUpdate_description_showsTheFieldDiff_andUndoRestoresTheOldDescription()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read", Description = "Read reports" }, new PermissionWrite { Name = "other", Description = "Other" });

        var update = await cli.RunAsync("permission", "update", "reports.read", "--description", "Read every report", "--yes");

        Assert.Equal(0, update.ExitCode);
        Assert.Contains("~ permission \"reports.read\" will be updated", update.Error, StringComparison.Ordinal);
        Assert.Contains("description: \"Read reports\"", update.Error, StringComparison.Ordinal);
        Assert.Equal("Read every report", (await FindAsync(cli, "reports.read"))?.Description);

        var undo = await cli.RunAsync([.. update.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Equal("Read reports", (await FindAsync(cli, "reports.read"))?.Description);
        Assert.Equal("Other", (await FindAsync(cli, "other"))?.Description);
    }

    [Fact]
    public async Task PermissionUpdate_unknown_exits1SayingItDoesNotExist_withoutWrites()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("permission", "update", "ghost", "--description", "x", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Permission 'ghost' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains("permission list", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
    }

    [Theory]
    [InlineData("update", "changed")]
    [InlineData("delete", "deleted")]
    public async Task PermissionChange_builtIn_isRefusedLocally_withoutWritesOrBackup(string verb, string word)
    {
        await using var cli = await CliHarness.StartAsync();
        string[] args = verb == "update"
            ? ["permission", "update", "User Admin", "--description", "mine now", "--yes"]
            : ["permission", "delete", "User Admin", "--yes"];

        var result = await cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Permission 'User Admin' is built in: Descope manages it, and it cannot be {word}. Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(HasBackups(cli));
        Assert.Equal("Allows managing users of a tenant", (await FindAsync(cli, "User Admin"))?.Description);
    }

    [Fact]
    public async Task PermissionDelete_removesIt_andUndoRecreatesIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read", Description = "Read reports" });

        var delete = await cli.RunAsync("permission", "delete", "reports.read", "--yes");

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("- permission \"reports.read\" will be deleted", delete.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync(cli, "reports.read"));

        var undo = await cli.RunAsync([.. delete.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Equal("Read reports", (await FindAsync(cli, "reports.read"))?.Description);
    }

    // Deleting it would silently drop it from the role, and the permission's own backup could not grant it back.
    [Fact]
    public async Task PermissionDelete_grantedByARole_isRefusedNamingTheRoleAndTheFix_withoutWrites()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read" }, new PermissionWrite { Name = "reports.write" });
        using (var client = cli.Client())
        {
            await client.Roles.CreateAsync(new RoleWrite { Name = "Reporter", PermissionNames = ["reports.read", "reports.write"] }, Ct);
        }

        cli.Host.Requests.Clear();

        var result = await cli.RunAsync("permission", "delete", "reports.read", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Permission 'reports.read' is granted by 1 role: 'Reporter'. Nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt role update Reporter --permission reports.write", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.WritingRequests());
        Assert.False(HasBackups(cli));
        Assert.NotNull(await FindAsync(cli, "reports.read"));
    }

    [Fact]
    public async Task PermissionList_text_showsEveryPermission_withBuiltInsMarked()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read", Description = "Read reports" });

        var result = await cli.RunAsync("permission", "list");

        Assert.Equal(0, result.ExitCode);
        var userAdmin = result.Out.Split('\n').Single(l => l.Contains("User Admin", StringComparison.Ordinal));
        var mine = result.Out.Split('\n').Single(l => l.Contains("reports.read", StringComparison.Ordinal));
        Assert.Contains("built-in", userAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("built-in", mine, StringComparison.Ordinal);
        Assert.Contains("Read reports", mine, StringComparison.Ordinal);
        Assert.Contains("4 permissions", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermissionList_json_printsOneItemsDocument_sortedByName()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli, new PermissionWrite { Name = "reports.read", Description = "Read reports" });

        var result = await cli.RunAsync("permission", "list", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var items = JsonNode.Parse(result.Out)!["items"]!.AsArray();
        Assert.Equal(["Impersonate", "SSO Admin", "User Admin", "reports.read"], items.Select(i => i!["name"]!.GetValue<string>()));
        var mine = items.Single(i => i!["name"]!.GetValue<string>() == "reports.read")!;
        Assert.Equal("Read reports", mine["description"]!.GetValue<string>());
        Assert.False(mine["builtIn"]!.GetValue<bool>());
        Assert.True(items[0]!["builtIn"]!.GetValue<bool>());
    }
}
