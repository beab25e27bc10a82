using System.Text.Json;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Api.Tests;

public sealed class AccessKeysApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DescopeClient> WithRolesAndTenantAsync(ClientFactory factory, Action<string>? trace = null)
    {
        var client = factory.Create(trace: trace);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Deployer" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Biller", TenantId = "acme" }, Ct);
        return client;
    }

    private static AccessKeyWrite Deploy() => new()
    {
        Name = "ci-deploy",
        Description = "CI",
        RoleNames = ["Deployer"],
        KeyTenants = [new TenantMembership { TenantId = "acme", RoleNames = ["Biller"] }],
        PermittedIps = ["10.0.0.0/8", "192.168.1.5"],
        CustomClaims = new Dictionary<string, JsonElement> { ["pipeline"] = JsonElement.Parse("\"main\"") },
    };

    [Fact]
    public async Task CreateLoadSearch_roundTripsEveryField_andTheCleartextComesOnce()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);

        var created = await client.AccessKeys.CreateAsync(Deploy(), Ct);
        var loaded = await client.AccessKeys.LoadAsync(created.Key.Id, Ct);
        var found = Assert.Single(await client.AccessKeys.SearchAsync(new AccessKeySearch { TenantIds = ["acme"] }, Ct));

        Assert.False(string.IsNullOrEmpty(created.Cleartext.Reveal()));
        Assert.Equal(created.Key.Id, found.Id);
        Assert.Equal("ci-deploy", loaded.Name);
        Assert.Equal("CI", loaded.Description);
        Assert.Equal(["Deployer"], loaded.RoleNames);
        var tenant = Assert.Single(loaded.KeyTenants);
        Assert.Equal(("acme", "Acme"), (tenant.TenantId, tenant.TenantName));
        Assert.Equal(["Biller"], tenant.RoleNames);
        Assert.Equal(["10.0.0.0/8", "192.168.1.5"], loaded.PermittedIps);
        Assert.Equal("main", loaded.CustomClaims!["pipeline"].GetString());
        Assert.True(loaded.IsActive);
        Assert.True(loaded.CreatedTime > 0);
        Assert.Equal(0, loaded.ExpireTime);
    }

    [Fact]
    public async Task Cleartext_printedOrSerialized_isRedacted()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);

        var created = await client.AccessKeys.CreateAsync(Deploy(), Ct);
        var secret = created.Cleartext.Reveal();

        Assert.DoesNotContain(secret, created.Cleartext.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, $"{created.Cleartext} {created}", StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(new CreatedAccessKeyResponse { Cleartext = created.Cleartext, Key = created.Key }, Json.ApiJsonContext.Default.CreatedAccessKeyResponse);
        Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        Assert.Contains(AccessKeyCleartext.Redacted, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndRotate_cleartextNeverAppearsInTheRequestLogOrTheTrace()
    {
        await using var factory = await ClientFactory.StartAsync();
        var trace = new List<string>();
        var client = await WithRolesAndTenantAsync(factory, trace.Add);

        var created = await client.AccessKeys.CreateAsync(Deploy(), Ct);
        var rotated = await client.AccessKeys.RotateAsync(created.Key.Id, Ct);
        await client.AccessKeys.LoadAsync(created.Key.Id, Ct);
        await client.AccessKeys.SearchAsync(null, Ct);

        var secrets = new[] { created.Cleartext.Reveal(), rotated.Cleartext.Reveal() };
        Assert.NotEqual(secrets[0], secrets[1]);
        Assert.Contains(trace, l => l.StartsWith("POST /v1/mgmt/accesskey/rotate -> 200", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(trace, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(factory.Host.Requests.Snapshot(), r => $"{r.Path} {r.Query} {r.Body}".Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Update_replacesRolesTenantsAndIps_keepsExpiryAndId()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);
        var created = await client.AccessKeys.CreateAsync(Deploy(), Ct);

        var updated = await client.AccessKeys.UpdateAsync(created.Key.Id, new AccessKeyWrite { Name = "ci-deploy-2", RoleNames = [], PermittedIps = ["1.2.3.4"] }, Ct);
        var loaded = await client.AccessKeys.LoadAsync(created.Key.Id, Ct);

        Assert.Equal("ci-deploy-2", updated.Name);
        Assert.Equal("ci-deploy-2", loaded.Name);
        Assert.Null(loaded.Description);
        Assert.Empty(loaded.RoleNames);
        Assert.Empty(loaded.KeyTenants);
        Assert.Equal(["1.2.3.4"], loaded.PermittedIps);
        Assert.Null(loaded.CustomClaims);
        var request = factory.Host.Requests.Snapshot().Single(r => r.Path == "/v1/mgmt/accesskey/update");
        Assert.DoesNotContain("expireTime", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeactivateActivateDelete_changeStatus_thenTheKeyIsNotFound()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);
        var id = (await client.AccessKeys.CreateAsync(Deploy(), Ct)).Key.Id;

        await client.AccessKeys.DeactivateAsync(id, Ct);
        Assert.Equal("inactive", (await client.AccessKeys.LoadAsync(id, Ct)).Status);
        await client.AccessKeys.ActivateAsync(id, Ct);
        Assert.True((await client.AccessKeys.LoadAsync(id, Ct)).IsActive);
        await client.AccessKeys.DeleteAsync(id, Ct);

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.LoadAsync(id, Ct));
        Assert.True(ex.IsNotFound);
        Assert.Empty(await client.AccessKeys.SearchAsync(null, Ct));
    }

    [Fact]
    public async Task Create_duplicateNameOrUnknownRoleOrBadIp_isRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);
        await client.AccessKeys.CreateAsync(Deploy(), Ct);

        var duplicate = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.CreateAsync(Deploy(), Ct));
        var role = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "x", RoleNames = ["Ghost"] }, Ct));
        var ip = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "y", PermittedIps = ["not-an-ip"] }, Ct));

        Assert.Equal((400, "E011003"), (duplicate.StatusCode, duplicate.ErrorCode));
        Assert.Contains("ci-deploy", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("Ghost", role.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-ip", ip.Message, StringComparison.Ordinal);
        Assert.Single(await client.AccessKeys.SearchAsync(null, Ct));
    }

    [Fact]
    public async Task Create_droppedConnection_isNotRepeated()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithRolesAndTenantAsync(factory);
        factory.Host.Faults.Add(FaultSpec.Parse("reset@/v1/mgmt/accesskey/create#1"));
        var attempts = client.Stats.Attempts;

        var ex = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.CreateAsync(Deploy(), Ct));

        Assert.True(ex.IsConnectionFailure);
        Assert.Equal(1, client.Stats.Attempts - attempts);
        Assert.Equal(0, client.Stats.Retries);
    }
}
