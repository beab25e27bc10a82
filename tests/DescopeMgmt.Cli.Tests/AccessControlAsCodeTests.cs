using System.Text.Json.Nodes;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Permissions, roles and password policies as code, end to end: init --from-live, edit roles.yaml and
/// password.yaml, plan field by field, apply with a backup, an out-of-band change seen by drift, and the
/// apply undone with the command it printed; what live holds is read back through the official Node SDK.
/// </summary>
public sealed class AccessControlAsCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(CliHarness cli)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new Api.Tenants.TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Permissions.CreateBatchAsync([new PermissionWrite { Name = "projects.read", Description = "Read projects" }, new PermissionWrite { Name = "projects.write" }], Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer", Description = "Reads", PermissionNames = ["projects.read"] }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Billing", PermissionNames = ["projects.read"], TenantId = "acme" }, Ct);
    }

    private static JsonNode? Role(JsonNode live, string name, string? tenant = null) =>
        live["roles"]!.AsArray().FirstOrDefault(r => r!["name"]!.GetValue<string>() == name && (r["tenantId"]?.GetValue<string>() ?? "") == (tenant ?? ""));

    private static string[] Permissions(JsonNode role) => [.. role["permissionNames"]!.AsArray().Select(p => p!.GetValue<string>()).Order()];

    [Fact]
    public async Task InitFromLive_editRolesAndPassword_planApplyDriftAndUndo_asTheNodeSdkSeesIt()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out var skip);
        Assert.SkipWhen(node is null, skip ?? "");
        await using var cli = await CliHarness.StartAsync();
        await SeedAsync(cli);

        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        var roles = Path.Combine(cli.WorkingDirectory, "roles.yaml");
        var password = Path.Combine(cli.WorkingDirectory, "password.yaml");
        var rolesText = await File.ReadAllTextAsync(roles, Ct);
        Assert.Contains("name: \"Billing\"", rolesText, StringComparison.Ordinal);
        Assert.DoesNotContain("Tenant Admin", rolesText, StringComparison.Ordinal);
        Assert.Contains("projects.write", await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "permissions.yaml"), Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("plan", "--detailed-exitcode")).ExitCode);

        // A team's edits: the viewer may now write, and the project's passwords get longer.
        const string viewer = "  - name: \"Viewer\"\n    description: \"Reads\"\n    permissions: [\"projects.read\"]\n";
        Assert.Contains(viewer, rolesText, StringComparison.Ordinal);
        await File.WriteAllTextAsync(roles, rolesText.Replace(viewer, viewer.Replace("[\"projects.read\"]", "[\"projects.write\", \"projects.read\"]", StringComparison.Ordinal), StringComparison.Ordinal), Ct);
        await File.WriteAllTextAsync(password, (await File.ReadAllTextAsync(password, Ct)).Replace("minLength: 8", "minLength: 12", StringComparison.Ordinal), Ct);

        var plan = await cli.RunAsync("plan", "--detailed-exitcode");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("~ role \"Viewer\" will be updated", plan.Out, StringComparison.Ordinal);
        Assert.Contains("projects.write", plan.Out, StringComparison.Ordinal);
        Assert.Contains("minLength: 8 → 12", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 2 to update, 0 to delete.", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Built-in", plan.Out, StringComparison.Ordinal);

        var apply = await cli.RunAsync("apply", "--yes");
        Assert.Equal(0, apply.ExitCode);
        var applied = await cli.ReadThroughSdkAsync(node!, "access-control.mjs", "acme");
        Assert.Equal(["projects.read", "projects.write"], Permissions(Role(applied, "Viewer")!));
        Assert.Equal(12, applied["passwordProject"]!["minLength"]!.GetValue<int>());
        Assert.Equal(0, (await cli.RunAsync("drift")).ExitCode);

        // A colleague changes the tenant role outside the tool; drift says so, field by field.
        var change = cli.SdkScriptEnv("set-role-permissions");
        change["ROLE_NAME"] = "Billing";
        change["ROLE_TENANT"] = "acme";
        change["PERMISSIONS"] = "projects.read,projects.write";
        var outOfBand = await NodeScripts.RunAsync(node!, "access-control.mjs", change);
        Assert.True(outOfBand.ExitCode == 0, outOfBand.Output);
        var drift = await cli.RunAsync("drift");
        Assert.Equal(2, drift.ExitCode);
        Assert.Contains("role \"acme/Billing\"", drift.Out, StringComparison.Ordinal);

        // The printed undo restores what the apply changed: the role and the policy, nothing else.
        Assert.StartsWith("backup restore", apply.UndoCommand, StringComparison.Ordinal);
        var undo = await cli.RunAsync([.. apply.UndoCommand.Split(' '), "--yes"]);
        Assert.True(undo.ExitCode == 0, undo.Error);
        var undone = await cli.ReadThroughSdkAsync(node!, "access-control.mjs", "acme");
        Assert.Equal(["projects.read"], Permissions(Role(undone, "Viewer")!));
        Assert.Equal(8, undone["passwordProject"]!["minLength"]!.GetValue<int>());
        Assert.Equal(["projects.read", "projects.write"], Permissions(Role(undone, "Billing", "acme")!));
        Assert.NotNull(Role(undone, "Tenant Admin"));
    }
}
