using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.Tests;

public sealed class RolesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DescopeClient> WithPermissionsAndTenantAsync(ClientFactory factory)
    {
        var client = factory.Create();
        await client.Permissions.CreateBatchAsync([new PermissionWrite { Name = "read" }, new PermissionWrite { Name = "write" }], Ct);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        return client;
    }

    [Fact]
    public async Task LoadAll_newProject_holdsTheTenantAdminRole()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var role = Assert.Single(await client.Roles.LoadAllAsync(Ct));

        Assert.Equal("Tenant Admin", role.Name);
        Assert.Null(role.TenantId);
        Assert.Contains("User Admin", role.PermissionNames);
    }

    [Fact]
    public async Task CreateUpdateDelete_projectRole_roundTripsEveryField()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);

        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor", Description = "Edits", PermissionNames = ["read", "write"], Default = true, Private = true }, Ct);
        var created = Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Editor");

        Assert.Equal("Edits", created.Description);
        Assert.Equal(["read", "write"], created.PermissionNames);
        Assert.True(created.Default);
        Assert.True(created.Private);
        Assert.True(created.CreatedTime > 0);
        Assert.False(string.IsNullOrEmpty(created.Id));

        await client.Roles.DeleteAsync("Editor", null, Ct);
        Assert.DoesNotContain(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Editor");
    }

    [Fact]
    public async Task Update_replacesEveryField_andSendsNewNameEvenWhenNotRenaming()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Editor", Description = "Edits", PermissionNames = ["read", "write"], Default = true }, Ct);

        await client.Roles.UpdateAsync("Editor", new RoleWrite { Name = "Editor", PermissionNames = ["read"] }, Ct);

        var updated = Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Editor");
        Assert.Null(updated.Description);
        Assert.Equal(["read"], updated.PermissionNames);
        Assert.False(updated.Default);
        var request = factory.Host.Requests.Snapshot().Single(r => r.Path == "/v1/mgmt/role/update");
        Assert.Contains("\"name\":\"Editor\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"newName\":\"Editor\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_rename_keepsTheRoleId()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Old" }, Ct);
        var before = Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Old");

        await client.Roles.UpdateAsync("Old", new RoleWrite { Name = "New" }, Ct);

        var after = await client.Roles.LoadAllAsync(Ct);
        Assert.DoesNotContain(after, r => r.Name == "Old");
        Assert.Equal(before.Id, Assert.Single(after, r => r.Name == "New").Id);
    }

    [Fact]
    public async Task TenantRole_identityIsTenantAndName_sameNameMayExistInTheProject()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer", PermissionNames = ["read"] }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer", TenantId = "acme", PermissionNames = ["read", "write"] }, Ct);

        await client.Roles.UpdateAsync("Viewer", new RoleWrite { Name = "Viewer", TenantId = "acme", Description = "acme's" }, Ct);
        await client.Roles.DeleteAsync("Viewer", null, Ct);

        var left = Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Viewer");
        Assert.Equal("acme", left.TenantId);
        Assert.Equal("acme's", left.Description);
    }

    [Fact]
    public async Task Create_unknownPermission_isRefusedWith400NamingIt()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.CreateAsync(new RoleWrite { Name = "Bad", PermissionNames = ["read", "nope"] }, Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("E011003", ex.ErrorCode);
        Assert.Contains("'nope'", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Bad");
    }

    [Fact]
    public async Task CreateAndUpdate_unknownTenant_areRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.CreateAsync(new RoleWrite { Name = "R", TenantId = "ghost" }, Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("'ghost'", ex.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_unknownPermission_isRefused_andTheRoleIsUnchanged()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateAsync(new RoleWrite { Name = "R", PermissionNames = ["read"] }, Ct);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.UpdateAsync("R", new RoleWrite { Name = "R", PermissionNames = ["nope"] }, Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(["read"], Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "R").PermissionNames);
    }

    [Fact]
    public async Task UpdateAndDelete_unknownRole_answerNotFound()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);

        var update = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.UpdateAsync("nope", new RoleWrite { Name = "nope" }, Ct));
        var delete = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.DeleteAsync("Tenant Admin", "acme", Ct));

        Assert.Equal(404, update.StatusCode);
        Assert.Equal(404, delete.StatusCode);
    }

    [Fact]
    public async Task Search_byTenantAndPermission_returnsMatchingRoles()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateBatchAsync(
        [
            new RoleWrite { Name = "Reader", PermissionNames = ["read"] },
            new RoleWrite { Name = "Writer", PermissionNames = ["write"] },
            new RoleWrite { Name = "Acme Reader", TenantId = "acme", PermissionNames = ["read"] },
        ], Ct);

        var tenantOnly = await client.Roles.SearchAsync(new RoleSearch { TenantIds = ["acme"] }, Ct);
        var withProject = await client.Roles.SearchAsync(new RoleSearch { TenantIds = ["acme"], IncludeProjectRoles = true, PermissionNames = ["read"] }, Ct);
        var like = await client.Roles.SearchAsync(new RoleSearch { RoleNameLike = "writ" }, Ct);

        Assert.Equal(["Acme Reader"], tenantOnly.Select(r => r.Name));
        Assert.Equal(["Reader", "Acme Reader"], withProject.Select(r => r.Name));
        Assert.Equal(["Writer"], like.Select(r => r.Name));
    }

    [Fact]
    public async Task CreateBatch_oneRoleRefused_createsNone()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);

        await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.CreateBatchAsync(
            [new RoleWrite { Name = "Fine" }, new RoleWrite { Name = "Broken", PermissionNames = ["nope"] }], Ct));

        Assert.DoesNotContain(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Fine");
    }

    [Fact]
    public async Task DeleteBatch_emptyList_sendsNothing_andNamedList_deletesOnlyThoseOfItsScope()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateBatchAsync([new RoleWrite { Name = "A" }, new RoleWrite { Name = "A", TenantId = "acme" }, new RoleWrite { Name = "B" }], Ct);

        await client.Roles.DeleteBatchAsync([], null, Ct);
        await client.Roles.DeleteBatchAsync(["A"], "acme", Ct);

        var left = await client.Roles.LoadAllAsync(Ct);
        Assert.Single(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/role/delete/batch");
        Assert.Equal(["Tenant Admin", "A", "B"], left.Select(r => r.Name));
        Assert.All(left, r => Assert.Null(r.TenantId));
    }

    [Fact]
    public async Task DeleteTenant_deletesItsRoles()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithPermissionsAndTenantAsync(factory);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Acme only", TenantId = "acme" }, Ct);

        await client.Tenants.DeleteAsync("acme", cascade: false, Ct);

        Assert.DoesNotContain(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Acme only");
    }
}
