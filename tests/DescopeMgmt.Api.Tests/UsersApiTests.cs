using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Users;

namespace DescopeMgmt.Api.Tests;

public sealed class UsersApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DescopeClient> WithRolesAsync(ClientFactory factory)
    {
        var client = factory.Create();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Biller", TenantId = "acme" }, Ct);
        return client;
    }

    [Fact]
    public async Task CreateInviteLoad_roundTripsFields_andInviteIsInvited()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAsync(factory);

        var created = await client.Users.CreateAsync(new UserWrite
        {
            LoginId = "alice@acme.com", Email = "alice@acme.com", DisplayName = "Alice", RoleNames = ["Viewer"],
            UserTenants = [new UserTenantWrite { TenantId = "acme", RoleNames = ["Biller"] }],
        }, Ct);
        var invited = await client.Users.InviteAsync(new UserWrite { LoginId = "bob@acme.com", Email = "bob@acme.com" }, Ct);
        var loaded = await client.Users.LoadAsync("alice@acme.com", Ct);
        var byId = await client.Users.LoadAsync(created.UserId, Ct);

        Assert.Equal(("enabled", "invited"), (created.Status, invited.Status));
        Assert.Equal(("Alice", "alice@acme.com"), (loaded.Name, loaded.Email));
        Assert.Equal(["alice@acme.com"], loaded.LoginIds);
        Assert.Equal(["Viewer"], loaded.RoleNames);
        var tenant = Assert.Single(loaded.UserTenants);
        Assert.Equal(("acme", "Acme"), (tenant.TenantId, tenant.TenantName));
        Assert.Equal(["Biller"], tenant.RoleNames);
        Assert.Equal(created.UserId, byId.UserId);
        Assert.Contains("\"displayName\":\"Alice\"", factory.Host.Requests.Snapshot().First(r => r.Path == "/v1/mgmt/user/create").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAll_pagesThroughEveryMatch_oneRequestPerPage()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAsync(factory);
        for (var i = 0; i < 7; i++)
        {
            await client.Users.CreateAsync(new UserWrite { LoginId = $"user{i}@acme.com", UserTenants = i % 2 == 0 ? [new UserTenantWrite { TenantId = "acme" }] : null }, Ct);
        }

        factory.Host.Requests.Clear();
        var all = new List<User>();
        await foreach (var user in client.Users.SearchAllAsync(new UserSearch { Limit = 3 }, Ct))
        {
            all.Add(user);
        }

        var requests = factory.Host.Requests.Snapshot().Count(r => r.Path == "/v2/mgmt/user/search");
        var inAcme = await client.Users.SearchPageAsync(new UserSearch { TenantIds = ["acme"], Limit = 2, Page = 1 }, Ct);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"user{i}@acme.com"), all.Select(u => u.LoginIds[0]));
        Assert.Equal(3, requests);
        Assert.Equal(4, inAcme.Total);
        Assert.Equal(["user4@acme.com", "user6@acme.com"], inAcme.Users.Select(u => u.LoginIds[0]));
    }

    [Fact]
    public async Task SearchPage_byTextRoleAndStatus_filters()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAsync(factory);
        await client.Users.CreateAsync(new UserWrite { LoginId = "alice@acme.com", DisplayName = "Alice", RoleNames = ["Viewer"] }, Ct);
        await client.Users.CreateAsync(new UserWrite { LoginId = "bob@acme.com", DisplayName = "Bob" }, Ct);
        await client.Users.DisableAsync("bob@acme.com", Ct);

        Assert.Equal(["alice@acme.com"], (await client.Users.SearchPageAsync(new UserSearch { Text = "ALI" }, Ct)).Users.Select(u => u.LoginIds[0]));
        Assert.Equal(["alice@acme.com"], (await client.Users.SearchPageAsync(new UserSearch { RoleNames = ["Viewer"] }, Ct)).Users.Select(u => u.LoginIds[0]));
        Assert.Equal(["bob@acme.com"], (await client.Users.SearchPageAsync(new UserSearch { Statuses = ["disabled"] }, Ct)).Users.Select(u => u.LoginIds[0]));
    }

    [Fact]
    public async Task Update_replacesEveryField_statusAndRolesChangeInPlace()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAsync(factory);
        await client.Users.CreateAsync(new UserWrite { LoginId = "alice@acme.com", Email = "alice@acme.com", DisplayName = "Alice", RoleNames = ["Viewer"] }, Ct);

        var updated = await client.Users.UpdateAsync(new UserWrite { LoginId = "alice@acme.com", DisplayName = "Alice B" }, Ct);
        var disabled = await client.Users.DisableAsync("alice@acme.com", Ct);
        var enabled = await client.Users.EnableAsync("alice@acme.com", Ct);
        var added = await client.Users.AddRolesAsync("alice@acme.com", "acme", ["Biller"], Ct);
        var set = await client.Users.SetRolesAsync("alice@acme.com", null, ["Viewer"], Ct);
        var removed = await client.Users.RemoveRolesAsync("alice@acme.com", "acme", ["Biller"], Ct);

        Assert.Equal("Alice B", updated.Name);
        Assert.Null(updated.Email);
        Assert.Empty(updated.RoleNames);
        Assert.Equal(("disabled", "enabled"), (disabled.Status, enabled.Status));
        Assert.Equal(["Biller"], Assert.Single(added.UserTenants).RoleNames);
        Assert.Equal(["Viewer"], set.RoleNames);
        Assert.Empty(Assert.Single(removed.UserTenants).RoleNames);
    }

    [Fact]
    public async Task UnknownUser_isNotFoundWithE112102_andDuplicateLoginIdIsRefused()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAsync(factory);
        await client.Users.CreateAsync(new UserWrite { LoginId = "alice@acme.com" }, Ct);

        var load = await Assert.ThrowsAsync<DescopeApiException>(() => client.Users.LoadAsync("ghost@acme.com", Ct));
        var delete = await Assert.ThrowsAsync<DescopeApiException>(() => client.Users.DeleteAsync("ghost@acme.com", Ct));
        var duplicate = await Assert.ThrowsAsync<DescopeApiException>(() => client.Users.CreateAsync(new UserWrite { LoginId = "alice@acme.com" }, Ct));
        var role = await Assert.ThrowsAsync<DescopeApiException>(() => client.Users.AddRolesAsync("alice@acme.com", null, ["Ghost"], Ct));

        Assert.Equal(("E112102", true), (load.ErrorCode, load.IsNotFound));
        Assert.True(delete.IsNotFound);
        Assert.Equal(400, duplicate.StatusCode);
        Assert.Equal(400, role.StatusCode);
        await client.Users.DeleteAsync("alice@acme.com", Ct);
        Assert.Equal(0, (await client.Users.SearchPageAsync(new UserSearch(), Ct)).Total);
    }
}
