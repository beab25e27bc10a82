using System.Text.Json.Nodes;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// user list, get, invite, update, enable, disable, delete and role add/remove/set against the emulator: each change
/// backed up, undoable, and read back through the official Node SDK.
/// </summary>
public sealed class UserCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tenant acme, project roles Editor and Viewer, acme's role Billing, and alice (Editor; acme with Billing) and bob.</summary>
    private static async Task SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Billing", TenantId = "acme" }, Ct);
        await client.Users.CreateAsync(new UserWrite
        {
            LoginId = "alice@acme.com", Email = "alice@acme.com", DisplayName = "Alice Admin", Phone = "+15550100", RoleNames = ["Editor"],
            UserTenants = [new UserTenantWrite { TenantId = "acme", RoleNames = ["Billing"] }],
        }, Ct);
        await client.Users.CreateAsync(new UserWrite { LoginId = "bob@acme.com", Email = "bob@acme.com", DisplayName = "Bob" }, Ct);
        cli.Host.Requests.Clear();
    }

    private static async Task<User?> FindAsync(CliHarness cli, string loginId)
    {
        using var client = cli.Client();
        try
        {
            return await client.Users.LoadAsync(loginId, Ct);
        }
        catch (Api.DescopeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Requests that are not reads: anything but a GET or a search.</summary>
    private static List<string> Writes(CliHarness cli) => cli.Host.Requests.Snapshot()
        .Where(r => r.Method != "GET" && !r.Path.EndsWith("/search", StringComparison.Ordinal))
        .Select(r => r.Path)
        .ToList();

    private static string Fingerprint(User u) =>
        $"{string.Join(",", u.LoginIds)}|{u.Name}|{u.Email}|{u.Phone}|{u.Status}|{string.Join(",", u.RoleNames)}|" +
        string.Join(";", u.UserTenants.Select(t => $"{t.TenantId}:{string.Join(",", t.RoleNames)}"));

    private static JsonNode? SdkUser(JsonNode live, string loginId) =>
        live["users"]!.AsArray().FirstOrDefault(u => u!["loginIds"]!.AsArray().Any(l => l!.GetValue<string>() == loginId));

    private static string[] Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task UserList_limitAndPage_requestsOnlyThatPage_andReportsTheTotal()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        using (var client = cli.Client())
        {
            for (var i = 0; i < 5; i++)
            {
                await client.Users.CreateAsync(new UserWrite { LoginId = $"user{i}@example.com", Email = $"user{i}@example.com" }, Ct);
            }
        }

        cli.Host.Requests.Clear();

        var json = await cli.RunAsync("user", "list", "--limit", "3", "--page", "2", "--output", "json");
        var text = await cli.RunAsync("user", "list", "--limit", "3");

        Assert.Equal(0, json.ExitCode);
        var document = JsonNode.Parse(json.Out)!;
        Assert.Equal(2, document["page"]!.GetValue<int>());
        Assert.Equal(7, document["total"]!.GetValue<int>());
        Assert.Equal(["user1@example.com", "user2@example.com", "user3@example.com"],
            document["items"]!.AsArray().Select(u => u!["loginId"]!.GetValue<string>()));
        var searches = cli.Host.Requests.Snapshot().Where(r => r.Path == "/v2/mgmt/user/search").ToList();
        Assert.Equal(2, searches.Count);
        Assert.Equal(1, JsonNode.Parse(searches[0].Body)!["page"]!.GetValue<int>());
        Assert.All(searches, s => Assert.Equal(3, JsonNode.Parse(s.Body)!["limit"]!.GetValue<int>()));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Page 1 of 3: 3 of 7 users. Next: --page 2", text.Out, StringComparison.Ordinal);
        Assert.Contains("alice@acme.com", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserList_tenantRoleAndText_areSentAsSearchFilters_andOnlyMatchesShow()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var byTenant = await cli.RunAsync("user", "list", "--tenant", "acme", "--output", "json");
        var byRole = await cli.RunAsync("user", "list", "--role", "Editor", "--output", "json");
        var byText = await cli.RunAsync("user", "list", "--text", "bob", "--output", "json");

        Assert.Equal(["alice@acme.com"], JsonNode.Parse(byTenant.Out)!["items"]!.AsArray().Select(u => u!["loginId"]!.GetValue<string>()));
        Assert.Equal(["alice@acme.com"], JsonNode.Parse(byRole.Out)!["items"]!.AsArray().Select(u => u!["loginId"]!.GetValue<string>()));
        Assert.Equal(["bob@acme.com"], JsonNode.Parse(byText.Out)!["items"]!.AsArray().Select(u => u!["loginId"]!.GetValue<string>()));
        var bodies = cli.Host.Requests.Snapshot().Where(r => r.Path == "/v2/mgmt/user/search").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["acme"], Strings(bodies[0]["tenantIds"]));
        Assert.Equal(["Editor"], Strings(bodies[1]["roleNames"]));
        Assert.Equal("bob", bodies[2]["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserGet_showsTenantsRolesStatusAndIsoCreatedAt_andNoSecret()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("user", "get", "alice@acme.com", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var user = JsonNode.Parse(result.Out)!;
        Assert.Equal("Alice Admin", user["name"]!.GetValue<string>());
        Assert.Equal("enabled", user["status"]!.GetValue<string>());
        Assert.Equal(["Editor"], Strings(user["roleNames"]));
        Assert.Equal("acme", user["userTenants"]![0]!["tenantId"]!.GetValue<string>());
        Assert.Equal(["Billing"], Strings(user["userTenants"]![0]!["roleNames"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", user["createdAt"]!.GetValue<string>());
        Assert.Null(user["createdTime"]);
        Assert.DoesNotContain(CliHarness.Key, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserGet_unknownLoginId_exits1NamingIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var get = await cli.RunAsync("user", "get", "ghost@acme.com");
        var disable = await cli.RunAsync("user", "disable", "ghost@acme.com", "--yes");

        Assert.Equal(1, get.ExitCode);
        Assert.Contains("User 'ghost@acme.com' does not exist", get.Error, StringComparison.Ordinal);
        Assert.Contains("user list --text ghost@acme.com", get.Error, StringComparison.Ordinal);
        Assert.Equal(1, disable.ExitCode);
        Assert.Contains("User 'ghost@acme.com' does not exist", disable.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
    }

    [Fact]
    public async Task UserInvite_dryRun_showsTheInvite_andSendsNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("user", "invite", "--email", "carol@acme.com", "--name", "Carol", "--role", "Billing", "--tenant", "acme", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("+ user \"carol@acme.com\" will be created", result.Error, StringComparison.Ordinal);
        Assert.Contains("Billing", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was changed.", result.Error, StringComparison.Ordinal);
        Assert.Empty(Writes(cli));
        Assert.False(Directory.Exists(cli.BackupRoot));
        Assert.Null(await FindAsync(cli, "carol@acme.com"));
    }

    [Fact]
    public async Task UserChanges_withoutTerminalOrYes_areRefused_andSendNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        string[][] commands =
        [
            ["user", "invite", "--email", "carol@acme.com"],
            ["user", "update", "alice@acme.com", "--name", "A"],
            ["user", "disable", "alice@acme.com"],
            ["user", "delete", "alice@acme.com"],
            ["user", "role", "set", "alice@acme.com", "--role", "Viewer"],
        ];
        foreach (var command in commands)
        {
            var result = await cli.RunAsync(command);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("no terminal to confirm on", result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(Writes(cli));
    }

    [Fact]
    public async Task UserChanges_dryRun_showTheChange_andSendNothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = Fingerprint((await FindAsync(cli, "alice@acme.com"))!);

        var update = await cli.RunAsync("user", "update", "alice@acme.com", "--name", "A", "--dry-run");
        var disable = await cli.RunAsync("user", "disable", "alice@acme.com", "--dry-run");
        var role = await cli.RunAsync("user", "role", "set", "alice@acme.com", "--role", "Viewer", "--dry-run");
        var delete = await cli.RunAsync("user", "delete", "alice@acme.com", "--dry-run");

        Assert.Contains("name: \"Alice Admin\" → \"A\"", update.Error, StringComparison.Ordinal);
        Assert.Contains("status: \"enabled\" → \"disabled\"", disable.Error, StringComparison.Ordinal);
        Assert.Contains("Viewer", role.Error, StringComparison.Ordinal);
        Assert.Contains("- user \"alice@acme.com\" will be deleted", delete.Error, StringComparison.Ordinal);
        Assert.All(new[] { update, disable, role, delete }, r =>
        {
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("Dry run: nothing was changed.", r.Error, StringComparison.Ordinal);
        });
        Assert.Empty(Writes(cli));
        Assert.False(Directory.Exists(cli.BackupRoot));
        Assert.Equal(before, Fingerprint((await FindAsync(cli, "alice@acme.com"))!));
    }

    [Fact]
    public async Task UserDelete_ofAnInvitedUser_restoresItInvited_withoutSendingAnotherInvitation()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("user", "invite", "--email", "carol@acme.com", "--yes")).ExitCode);
        var delete = await cli.RunAsync("user", "delete", "carol@acme.com", "--yes");
        cli.Host.Requests.Clear();

        var restore = await cli.RunAsync([.. delete.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, restore.ExitCode);
        Assert.Equal("invited", (await FindAsync(cli, "carol@acme.com"))!.Status);
        var create = JsonNode.Parse(cli.Host.Requests.Snapshot().Single(r => r.Path == "/v1/mgmt/user/create").Body)!;
        Assert.False(create["sendMail"]!.GetValue<bool>());
        Assert.False(create["sendSMS"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UserDisable_onATerminal_asksFirst_noChangesNothing_yesDisables()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var declined = await cli.RunAsync(["user", "disable", "alice@acme.com"], stdin: "n\n", interactive: true, Ct);

        Assert.Equal(1, declined.ExitCode);
        Assert.Empty(Writes(cli));
        Assert.Equal("enabled", (await FindAsync(cli, "alice@acme.com"))!.Status);

        var confirmed = await cli.RunAsync(["user", "disable", "alice@acme.com"], stdin: "y\n", interactive: true, Ct);

        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains("Disable user:alice@acme.com", confirmed.All, StringComparison.Ordinal);
        Assert.Equal("disabled", (await FindAsync(cli, "alice@acme.com"))!.Status);
    }

    [Theory]
    [InlineData("--limit", "0", "--limit must be at least 1")]
    [InlineData("--page", "0", "--page counts from 1")]
    public async Task UserList_limitOrPageBelowOne_exits1SayingWhatToUse_withoutSearching(string option, string value, string message)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("user", "list", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(cli.Host.Requests.Snapshot(), r => r.Path == "/v2/mgmt/user/search");
    }

    [Fact]
    public async Task UserInvite_createsAnInvitedUser_andItsUndoDeletesIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var invite = await cli.RunAsync("user", "invite", "--email", "carol@acme.com", "--name", "Carol", "--role", "Billing", "--tenant", "acme", "--yes");

        Assert.Equal(0, invite.ExitCode);
        Assert.Equal(["/v1/mgmt/user/create"], Writes(cli));
        Assert.True(JsonNode.Parse(cli.Host.Requests.Snapshot().Single(r => r.Path == "/v1/mgmt/user/create").Body)!["invite"]!.GetValue<bool>());
        var carol = await FindAsync(cli, "carol@acme.com");
        Assert.Equal("invited", carol!.Status);
        Assert.Equal("Billing", Assert.Single(Assert.Single(carol.UserTenants).RoleNames));
        Assert.Contains("backup restore", invite.UndoCommand, StringComparison.Ordinal);
        Assert.Contains("--only users", invite.UndoCommand, StringComparison.Ordinal);

        var undo = await cli.RunAsync([.. invite.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, undo.ExitCode);
        Assert.Null(await FindAsync(cli, "carol@acme.com"));
        Assert.NotNull(await FindAsync(cli, "alice@acme.com"));
    }

    [Fact]
    public async Task UserUpdate_sendsTheWholeUser_keepsRolesAndTenants_andShowsTheFieldDiff()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        var result = await cli.RunAsync("user", "update", "alice@acme.com", "--name", "Alice A.", "--phone", "", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~ user \"alice@acme.com\" will be updated", result.Error, StringComparison.Ordinal);
        Assert.Contains("Alice A.", result.Error, StringComparison.Ordinal);
        var alice = await FindAsync(cli, "alice@acme.com");
        Assert.Equal("Alice A.", alice!.Name);
        Assert.Null(alice.Phone);
        // Update replaces every field: roles, tenant and email survive only because the whole user was sent.
        Assert.Equal(["Editor"], alice.RoleNames);
        Assert.Equal("Billing", Assert.Single(Assert.Single(alice.UserTenants).RoleNames));
        Assert.Equal("alice@acme.com", alice.Email);
    }

    [Fact]
    public async Task UserDisableThenEnable_changesOnlyTheStatus_andTheUndoOfDisableEnablesAgain()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = Fingerprint((await FindAsync(cli, "alice@acme.com"))!);

        var disable = await cli.RunAsync("user", "disable", "alice@acme.com", "--yes");

        Assert.Equal(0, disable.ExitCode);
        Assert.Equal(["/v1/mgmt/user/update/status"], Writes(cli));
        Assert.Equal("disabled", (await FindAsync(cli, "alice@acme.com"))!.Status);
        var undo = await cli.RunAsync([.. disable.UndoCommand.Split(' '), "--yes"]);
        Assert.Equal(0, undo.ExitCode);
        Assert.Equal(before, Fingerprint((await FindAsync(cli, "alice@acme.com"))!));

        await cli.RunAsync("user", "disable", "alice@acme.com", "--yes");
        var enable = await cli.RunAsync("user", "enable", "alice@acme.com", "--yes");
        Assert.Equal(0, enable.ExitCode);
        Assert.Equal("enabled", (await FindAsync(cli, "alice@acme.com"))!.Status);
    }

    [Fact]
    public async Task UserRole_addRemoveSet_inProjectAndTenant_changeOnlyThoseRoles_andUndoPutsThemBack()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = Fingerprint((await FindAsync(cli, "alice@acme.com"))!);

        var add = await cli.RunAsync("user", "role", "add", "alice@acme.com", "--role", "Viewer", "--yes");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal(["Editor", "Viewer"], (await FindAsync(cli, "alice@acme.com"))!.RoleNames);

        var remove = await cli.RunAsync("user", "role", "remove", "alice@acme.com", "--role", "Editor", "--yes");
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(["Viewer"], (await FindAsync(cli, "alice@acme.com"))!.RoleNames);

        var set = await cli.RunAsync("user", "role", "set", "alice@acme.com", "--role", "", "--tenant", "acme", "--yes");
        Assert.Equal(0, set.ExitCode);
        var alice = await FindAsync(cli, "alice@acme.com");
        Assert.Empty(Assert.Single(alice!.UserTenants).RoleNames);
        Assert.Equal(["Viewer"], alice.RoleNames);
        Assert.Equal(["/v2/mgmt/user/update/role/add", "/v1/mgmt/user/update/role/remove", "/v1/mgmt/user/update/role/set"], Writes(cli));

        // Undo in reverse order puts back the roles each change replaced.
        foreach (var change in new[] { set, remove, add })
        {
            Assert.Equal(0, (await cli.RunAsync([.. change.UndoCommand.Split(' '), "--yes"])).ExitCode);
        }

        Assert.Equal(before, Fingerprint((await FindAsync(cli, "alice@acme.com"))!));
    }

    [Fact]
    public async Task UserDelete_backsUpTheRecord_andRestoreRecreatesIt_sayingPasswordsAndSessionsAreNotRestored()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var before = Fingerprint((await FindAsync(cli, "alice@acme.com"))!);

        var delete = await cli.RunAsync("user", "delete", "alice@acme.com", "--yes");

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("not its password, sessions or MFA devices", delete.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync(cli, "alice@acme.com"));
        var backups = Directory.GetFiles(cli.BackupRoot, "*.json", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}users{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.Contains("Alice Admin", await File.ReadAllTextAsync(Assert.Single(backups), Ct), StringComparison.Ordinal);

        var restore = await cli.RunAsync([.. delete.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("+ user \"alice@acme.com\" will be created", restore.Error, StringComparison.Ordinal);
        Assert.Contains("not its password, sessions or MFA devices", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint((await FindAsync(cli, "alice@acme.com"))!));
    }

    [Fact]
    public async Task UserDelete_byUserId_isBackedUpUnderItsLoginId_soRestoreRecreatesIt()
    {
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);
        var bob = (await FindAsync(cli, "bob@acme.com"))!;

        var delete = await cli.RunAsync("user", "delete", bob.UserId, "--yes");
        var restore = await cli.RunAsync([.. delete.UndoCommand.Split(' '), "--yes"]);

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("user \"bob@acme.com\" will be deleted", delete.Error, StringComparison.Ordinal);
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(Fingerprint(bob), Fingerprint((await FindAsync(cli, "bob@acme.com"))!));
    }

    [Fact]
    public async Task PlanOnlyUsers_isRefused_usersAreNotWorkspaceKinds()
    {
        await using var cli = await CliHarness.StartAsync();

        var plan = await cli.RunAsync("plan", "--only", "users");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("users cannot be used with --only here", plan.Error, StringComparison.Ordinal);
        Assert.Contains("descope-mgmt user", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCommands_inviteUpdateRoleSetDisable_areWhatTheNodeSdkReadsBack()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        Assert.Equal(0, (await cli.RunAsync("user", "invite", "--email", "carol@acme.com", "--name", "Carol", "--role", "Viewer", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("user", "update", "carol@acme.com", "--name", "Carol C.", "--given-name", "Carol", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("user", "role", "set", "carol@acme.com", "--role", "Billing", "--tenant", "acme", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("user", "role", "set", "alice@acme.com", "--role", "Viewer", "--yes")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("user", "disable", "bob@acme.com", "--yes")).ExitCode);

        var live = await cli.ReadThroughSdkAsync(node!, "identity.mjs");

        var carol = SdkUser(live, "carol@acme.com")!;
        Assert.Equal("Carol C.", carol["name"]!.GetValue<string>());
        Assert.Equal("Carol", carol["givenName"]!.GetValue<string>());
        Assert.Equal("carol@acme.com", carol["email"]!.GetValue<string>());
        Assert.Equal("invited", carol["status"]!.GetValue<string>());
        Assert.Equal(["Viewer"], Strings(carol["roleNames"]));
        Assert.Equal("acme", carol["userTenants"]![0]!["tenantId"]!.GetValue<string>());
        Assert.Equal(["Billing"], Strings(carol["userTenants"]![0]!["roleNames"]));
        var alice = SdkUser(live, "alice@acme.com")!;
        Assert.Equal(["Viewer"], Strings(alice["roleNames"]));
        Assert.Equal(["Billing"], Strings(alice["userTenants"]![0]!["roleNames"]));
        Assert.Equal("disabled", SdkUser(live, "bob@acme.com")!["status"]!.GetValue<string>());
    }
}
