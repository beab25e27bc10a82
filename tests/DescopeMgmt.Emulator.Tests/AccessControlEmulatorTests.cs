using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>Permissions, roles and password policies on the wire, without our client in between, and across a restart.</summary>
public sealed class AccessControlEmulatorTests
{
    private const string Key = "K2EmulatorTestKey";
    private const string Project = "P2EmulatorAccess";

    private static Task<EmulatorHost> StartAsync(string? dataDir = null, bool seed = false) =>
        EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = dataDir, SeedSample = seed }, TestContext.Current.CancellationToken);

    private static RawApi Api(EmulatorHost host, string project = Project) => new(host.BaseUrl, project, Key);

    private static IEnumerable<string?> Names(JsonNode body, string list) => body[list]!.AsArray().Select(n => n!["name"]!.GetValue<string>());

    [Fact]
    public async Task NewProject_holdsSystemDefaultPermissionsAndTheTenantAdminRole()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        var permissions = (await api.GetAsync("/v1/mgmt/permission/all")).Body!;
        var roles = (await api.GetAsync("/v1/mgmt/role/all")).Body!;

        Assert.All(permissions["permissions"]!.AsArray(), p => Assert.True(p!["systemDefault"]!.GetValue<bool>()));
        Assert.Equal(["Impersonate", "SSO Admin", "User Admin"], Names(permissions, "permissions"));
        var role = Assert.Single(roles["roles"]!.AsArray())!;
        Assert.Equal("Tenant Admin", role["name"]!.GetValue<string>());
        Assert.All(Wire(role["permissionNames"]), p => Assert.Contains(p, Names(permissions, "permissions")));
    }

    [Fact]
    public async Task Restart_withDataDir_keepsPermissionsRolesAndPolicies()
    {
        using var temp = new TempDirectory();
        await using (var host = await StartAsync(temp.Path))
        {
            using var api = Api(host);
            await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"acme","name":"Acme"}""");
            await api.PostAsync("/v1/mgmt/permission/create", """{"name":"docs.read","description":"Read"}""");
            await api.PostAsync("/v1/mgmt/role/create", """{"name":"Reader","permissionNames":["docs.read"],"tenantId":"acme"}""");
            var policy = BuiltInPolicy(minLength: 11);
            policy["tenantId"] = "acme";
            Assert.Equal(200, (await api.PostAsync("/v1/mgmt/password/settings", policy.ToJsonString())).Status);
        }

        await using var restarted = await StartAsync(temp.Path);
        using var again = Api(restarted);
        var permissions = (await again.GetAsync("/v1/mgmt/permission/all")).Body!;
        var roles = (await again.GetAsync("/v1/mgmt/role/all")).Body!;
        var tenantPolicy = (await again.GetAsync("/v1/mgmt/password/settings?tenantId=acme")).Body!;
        var projectPolicy = (await again.GetAsync("/v1/mgmt/password/settings")).Body!;

        Assert.Contains("docs.read", Names(permissions, "permissions"));
        var reader = Assert.Single(roles["roles"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "Reader")!;
        Assert.Equal("acme", reader["tenantId"]!.GetValue<string>());
        Assert.Equal(["docs.read"], Wire(reader["permissionNames"]));
        Assert.Equal(11, tenantPolicy["minLength"]!.GetValue<int>());
        Assert.Equal(8, projectPolicy["minLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task Start_withAStateFileSavedBeforeRoles_givesTheProjectTheBuiltIns()
    {
        using var temp = new TempDirectory();
        var projects = Path.Combine(temp.Path, "projects");
        Directory.CreateDirectory(projects);
        await File.WriteAllTextAsync(Path.Combine(projects, Project + ".json"), """{"flows":{},"theme":null,"tenants":{"acme":{"id":"acme","name":"Acme"}}}""", TestContext.Current.CancellationToken);

        await using var host = await StartAsync(temp.Path);
        using var api = Api(host);

        Assert.Contains("User Admin", Names((await api.GetAsync("/v1/mgmt/permission/all")).Body!, "permissions"));
        Assert.Equal(["Tenant Admin"], Names((await api.GetAsync("/v1/mgmt/role/all")).Body!, "roles"));
        Assert.Equal(8, (await api.GetAsync("/v1/mgmt/password/settings")).Body!["minLength"]!.GetValue<int>());
        Assert.Equal("Acme", (await api.GetAsync("/v1/mgmt/tenant?id=acme")).Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeedSample_addsPermissionsRolesOneOfThemATenantsAndPolicies()
    {
        await using var host = await StartAsync(seed: true);
        using var api = Api(host, EmulatorDefaults.SampleProjectId);

        var permissions = (await api.GetAsync("/v1/mgmt/permission/all")).Body!["permissions"]!.AsArray();
        var roles = (await api.GetAsync("/v1/mgmt/role/all")).Body!["roles"]!.AsArray();
        var tenantRole = Assert.Single(roles, r => r!["tenantId"] is not null)!;
        var project = (await api.GetAsync("/v1/mgmt/password/settings")).Body!;
        var tenant = (await api.GetAsync($"/v1/mgmt/password/settings?tenantId={tenantRole["tenantId"]!.GetValue<string>()}")).Body!;

        Assert.Contains(permissions, p => p!["systemDefault"] is null);
        Assert.True(roles.Count >= 3);
        Assert.Equal(200, (await api.GetAsync($"/v1/mgmt/tenant?id={tenantRole["tenantId"]!.GetValue<string>()}")).Status);
        Assert.Equal(10, project["minLength"]!.GetValue<int>());
        Assert.Equal(14, tenant["minLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task RoleCreate_unknownPermissionOrTenant_is400WithADescopeErrorBody()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        var permission = await api.PostAsync("/v1/mgmt/role/create", """{"name":"R","permissionNames":["nope"]}""");
        var tenant = await api.PostAsync("/v1/mgmt/role/create", """{"name":"R","tenantId":"ghost"}""");

        foreach (var (status, body, _) in new[] { permission, tenant })
        {
            Assert.Equal(400, status);
            Assert.Equal("E011003", body!["errorCode"]!.GetValue<string>());
            Assert.Equal("Request validation failed", body["errorDescription"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["errorMessage"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Update_withoutNewName_is400MissingArguments()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v1/mgmt/permission/create", """{"name":"p"}""");

        var role = await api.PostAsync("/v1/mgmt/role/update", """{"name":"Tenant Admin","description":"x"}""");
        var permission = await api.PostAsync("/v1/mgmt/permission/update", """{"name":"p","description":"x"}""");

        Assert.Equal(400, role.Status);
        Assert.Equal("E011002", role.Body!["errorCode"]!.GetValue<string>());
        Assert.Equal(400, permission.Status);
    }

    [Fact]
    public async Task RoleDeleteBatch_withoutNames_deletesEveryRoleLikeTheService()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        await api.PostAsync("/v1/mgmt/role/create", """{"name":"Other"}""");

        var (status, _, _) = await api.PostAsync("/v1/mgmt/role/delete/batch", "{}");

        Assert.Equal(200, status);
        Assert.Empty((await api.GetAsync("/v1/mgmt/role/all")).Body!["roles"]!.AsArray());
    }

    [Fact]
    public async Task PasswordSettings_nodeSpellingAccepted_answerUsesGoSpelling_andWrongTypeIs400()
    {
        await using var host = await StartAsync();
        using var api = Api(host);
        var policy = BuiltInPolicy(minLength: 9);
        policy.Remove("nonAlphanumeric");
        policy["nonAlphaNumeric"] = false;

        var set = await api.PostAsync("/v1/mgmt/password/settings", policy.ToJsonString());
        var read = (await api.GetAsync("/v1/mgmt/password/settings")).Body!.AsObject();
        var wrongType = await api.PostAsync("/v1/mgmt/password/settings", """{"minLength":"eight"}""");
        var strength = await api.PostAsync("/v1/mgmt/password/settings", """{"minLength":8,"passwordStrengthScore":5}""");

        Assert.Equal(200, set.Status);
        Assert.False(read["nonAlphanumeric"]!.GetValue<bool>());
        Assert.False(read.ContainsKey("nonAlphaNumeric"));
        Assert.Equal(9, read["minLength"]!.GetValue<int>());
        Assert.Equal(400, wrongType.Status);
        Assert.Equal(400, strength.Status);
    }

    private static JsonObject BuiltInPolicy(int minLength) => new()
    {
        ["enabled"] = true, ["minLength"] = minLength, ["lowercase"] = true, ["uppercase"] = true, ["number"] = true, ["nonAlphanumeric"] = true,
        ["expiration"] = false, ["expirationWeeks"] = 0, ["reuse"] = false, ["reuseAmount"] = 0, ["lock"] = false, ["lockAttempts"] = 0,
    };

    private static string[] Wire(JsonNode? list) => (list?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToArray();
}
