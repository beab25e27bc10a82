using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Roles;

namespace DescopeMgmt.Api.Tests;

public sealed class PermissionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadAll_newProject_holdsTheSystemDefaultPermissions()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var all = await client.Permissions.LoadAllAsync(Ct);

        Assert.Contains(all, p => p.Name == "User Admin" && p.SystemDefault);
        Assert.Contains(all, p => p.Name == "SSO Admin" && p.SystemDefault);
        Assert.All(all, p => Assert.False(string.IsNullOrEmpty(p.Id)));
    }

    [Fact]
    public async Task CreateUpdateDelete_permission_roundTripsAndUpdateReplacesTheDescription()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        await client.Permissions.CreateAsync(new PermissionWrite { Name = "docs.read", Description = "Read documents" }, Ct);
        var created = Assert.Single(await client.Permissions.LoadAllAsync(Ct), p => p.Name == "docs.read");
        await client.Permissions.UpdateAsync("docs.read", new PermissionWrite { Name = "docs.read" }, Ct);
        var updated = Assert.Single(await client.Permissions.LoadAllAsync(Ct), p => p.Name == "docs.read");
        await client.Permissions.DeleteAsync("docs.read", Ct);

        Assert.Equal("Read documents", created.Description);
        Assert.False(created.SystemDefault);
        Assert.Null(updated.Description);
        Assert.Equal(created.Id, updated.Id);
        Assert.DoesNotContain(await client.Permissions.LoadAllAsync(Ct), p => p.Name == "docs.read");
    }

    [Fact]
    public async Task Update_rename_sendsNewNameAndRenamesItInRoles()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Permissions.CreateAsync(new PermissionWrite { Name = "old" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Reader", PermissionNames = ["old"] }, Ct);

        await client.Permissions.UpdateAsync("old", new PermissionWrite { Name = "new", Description = "renamed" }, Ct);

        var names = (await client.Permissions.LoadAllAsync(Ct)).Select(p => p.Name).ToList();
        Assert.Contains("new", names);
        Assert.DoesNotContain("old", names);
        Assert.Equal(["new"], Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Reader").PermissionNames);
        var update = factory.Host.Requests.Snapshot().Last(r => r.Path == "/v1/mgmt/permission/update");
        Assert.Contains("\"newName\":\"new\"", update.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_permissionARoleGrants_dropsItFromTheRole()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Permissions.CreateBatchAsync([new PermissionWrite { Name = "a" }, new PermissionWrite { Name = "b" }], Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Both", PermissionNames = ["a", "b"] }, Ct);

        await client.Permissions.DeleteAsync("a", Ct);

        Assert.Equal(["b"], Assert.Single(await client.Roles.LoadAllAsync(Ct), r => r.Name == "Both").PermissionNames);
    }

    [Fact]
    public async Task Create_duplicateName_isRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Permissions.CreateAsync(new PermissionWrite { Name = "dup" }, Ct);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.CreateAsync(new PermissionWrite { Name = "dup" }, Ct));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("E011003", ex.ErrorCode);
    }

    [Fact]
    public async Task UpdateAndDelete_unknownPermission_answerNotFound()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var update = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.UpdateAsync("nope", new PermissionWrite { Name = "nope" }, Ct));
        var delete = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.DeleteAsync("nope", Ct));

        Assert.Equal(404, update.StatusCode);
        Assert.Equal(404, delete.StatusCode);
    }

    [Fact]
    public async Task UpdateAndDelete_systemDefaultPermission_areRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();

        var update = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.UpdateAsync("User Admin", new PermissionWrite { Name = "User Admin" }, Ct));
        var delete = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.DeleteAsync("Impersonate", Ct));

        Assert.Equal(400, update.StatusCode);
        Assert.Equal(400, delete.StatusCode);
        Assert.Contains(await client.Permissions.LoadAllAsync(Ct), p => p.Name == "Impersonate");
    }

    [Fact]
    public async Task DeleteBatch_emptyList_sendsNothing_andNamedList_deletesOnlyThose()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        await client.Permissions.CreateBatchAsync([new PermissionWrite { Name = "x" }, new PermissionWrite { Name = "y" }], Ct);

        await client.Permissions.DeleteBatchAsync([], Ct);
        var afterEmpty = await client.Permissions.LoadAllAsync(Ct);
        await client.Permissions.DeleteBatchAsync(["x"], Ct);
        var afterNamed = await client.Permissions.LoadAllAsync(Ct);

        var batch = Assert.Single(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/permission/delete/batch");
        Assert.Contains("\"names\":[\"x\"]", batch.Body, StringComparison.Ordinal);
        Assert.Contains(afterEmpty, p => p.Name == "x");
        Assert.DoesNotContain(afterNamed, p => p.Name == "x");
        Assert.Contains(afterNamed, p => p.Name == "y");
    }
}
