using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>Access keys, tenant SSO and users on the wire, without our client in between, and across a restart.</summary>
public sealed class IdentityEmulatorTests
{
    private const string Key = "K2EmulatorTestKey";
    private const string Project = "P2EmulatorIdentity";
    private const string OidcSecret = "oidc-client-s3cret-value";

    private static Task<EmulatorHost> StartAsync(string? dataDir = null, bool seed = false) =>
        EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key, DataDir = dataDir, SeedSample = seed }, TestContext.Current.CancellationToken);

    private static RawApi Api(EmulatorHost host, string project = Project) => new(host.BaseUrl, project, Key);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static async Task<RawApi> WithTenantAsync(EmulatorHost host)
    {
        var api = Api(host);
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"acme","name":"Acme"}""");
        await api.PostAsync("/v1/mgmt/role/create", """{"name":"Viewer"}""");
        return api;
    }

    [Fact]
    public async Task Restart_withDataDir_keepsKeysSsoAndUsers_andTheStateFileHoldsNoSecret()
    {
        using var temp = new TempDirectory();
        string cleartext;
        await using (var host = await StartAsync(temp.Path))
        {
            using var api = await WithTenantAsync(host);
            cleartext = Text((await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"ci","roleNames":["Viewer"],"expireTime":"0"}""")).Body!["cleartext"]);
            await api.PostAsync("/v1/mgmt/sso/oidc", $$$"""{"tenantId":"acme","ssoId":"google","settings":{"name":"Google","clientId":"cid","clientSecret":"{{{OidcSecret}}}"}}""");
            await api.PostAsync("/v1/mgmt/user/create", """{"loginId":"alice@acme.com","displayName":"Alice","userTenants":[{"tenantId":"acme","roleNames":["Viewer"]}]}""");
        }

        var state = await File.ReadAllTextAsync(Path.Combine(temp.Path, "projects", Project + ".json"), TestContext.Current.CancellationToken);
        await using var restarted = await StartAsync(temp.Path);
        using var again = Api(restarted);
        var keys = (await again.PostAsync("/v1/mgmt/accesskey/search", "{}")).Body!["keys"]!.AsArray();
        var sso = (await again.GetAsync("/v2/mgmt/sso/settings/all?tenantId=acme")).Body!["SSOSettings"]!.AsArray();
        var user = (await again.GetAsync("/v1/mgmt/user?loginId=alice@acme.com")).Body!["user"]!;

        Assert.DoesNotContain(cleartext, state, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcSecret, state, StringComparison.Ordinal);
        Assert.Equal("ci", Text(Assert.Single(keys)!["name"]));
        Assert.Equal("Google", Text(Assert.Single(sso)!["oidc"]!["name"]));
        Assert.Equal("Alice", Text(user["name"]));
        Assert.Equal("Acme", Text(user["userTenants"]![0]!["tenantName"]));
    }

    [Fact]
    public async Task AccessKey_duplicateNameOnCreateOrRename_is400_andAnswersNeverCarryTheHash()
    {
        await using var host = await StartAsync();
        using var api = await WithTenantAsync(host);
        var first = (await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"one"}""")).Body!;
        var second = (await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"two"}""")).Body!;

        var create = await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"one"}""");
        var rename = await api.PostAsync("/v1/mgmt/accesskey/update", $$"""{"id":"{{Text(second["key"]!["id"])}}","name":"one"}""");
        var loaded = (await api.GetAsync($"/v1/mgmt/accesskey?id={Text(first["key"]!["id"])}")).Body!;

        foreach (var (status, body, _) in new[] { create, rename })
        {
            Assert.Equal(400, status);
            Assert.Equal("E011003", Text(body!["errorCode"]));
            Assert.Contains("'one' already exists", Text(body["errorMessage"]), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("cleartextHash", loaded.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sha256", first.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIds_answerTheServiceErrorCodes()
    {
        await using var host = await StartAsync();
        using var api = await WithTenantAsync(host);

        var key = await api.GetAsync("/v1/mgmt/accesskey?id=K2nope");
        var rotate = await api.PostAsync("/v1/mgmt/accesskey/rotate", """{"id":"K2nope"}""");
        var user = await api.GetAsync("/v1/mgmt/user?loginId=ghost@acme.com");
        var status = await api.PostAsync("/v1/mgmt/user/update/status", """{"loginId":"ghost@acme.com","status":"disabled"}""");
        var sso = await api.GetAsync("/v2/mgmt/sso/settings?tenantId=acme&ssoId=nope");
        var ssoDelete = await api.DeleteAsync("/v1/mgmt/sso/settings?tenantId=acme&ssoId=nope");
        var ssoTenant = await api.GetAsync("/v2/mgmt/sso/settings/all?tenantId=ghost");
        var missingId = await api.GetAsync("/v1/mgmt/accesskey");

        Assert.Equal((404, "E011004"), (key.Status, Text(key.Body!["errorCode"])));
        Assert.Equal(404, rotate.Status);
        Assert.Equal((404, "E112102"), (user.Status, Text(user.Body!["errorCode"])));
        Assert.Equal("E112102", Text(status.Body!["errorCode"]));
        Assert.Equal(404, sso.Status);
        Assert.Equal(404, ssoDelete.Status);
        Assert.Equal((400, "E011003"), (ssoTenant.Status, Text(ssoTenant.Body!["errorCode"])));
        Assert.Equal((400, "E011002"), (missingId.Status, Text(missingId.Body!["errorCode"])));
    }

    [Fact]
    public async Task UserSearch_pagesInCreationOrder_capsTheLimit_andRefusesNegativePages()
    {
        await using var host = await StartAsync();
        using var api = await WithTenantAsync(host);
        for (var i = 0; i < 5; i++)
        {
            await api.PostAsync("/v1/mgmt/user/create", $$"""{"loginId":"u{{i}}@acme.com"}""");
        }

        var page = (await api.PostAsync("/v2/mgmt/user/search", """{"page":1,"limit":2}""")).Body!;
        var past = (await api.PostAsync("/v2/mgmt/user/search", """{"page":9,"limit":2}""")).Body!;
        var huge = (await api.PostAsync("/v2/mgmt/user/search", """{"limit":100000}""")).Body!;
        var negative = await api.PostAsync("/v2/mgmt/user/search", """{"page":-1}""");

        Assert.Equal(["u2@acme.com", "u3@acme.com"], page["users"]!.AsArray().Select(u => Text(u!["loginIds"]![0])));
        Assert.Equal(5, page["total"]!.GetValue<int>());
        Assert.Empty(past["users"]!.AsArray());
        Assert.Equal(5, huge["users"]!.AsArray().Count);
        Assert.Equal(400, negative.Status);
    }

    [Fact]
    public async Task OidcConfigure_withoutSecret_keepsTheStoredOne_andNoAnswerOrLogCarriesIt()
    {
        using var temp = new TempDirectory();
        await using var host = await StartAsync(temp.Path);
        using var api = await WithTenantAsync(host);
        var file = Path.Combine(temp.Path, "projects", Project + ".json");

        await api.PostAsync("/v1/mgmt/sso/oidc", $$$"""{"tenantId":"acme","settings":{"name":"G","clientId":"cid","clientSecret":"{{{OidcSecret}}}"}}""");
        var hashAfterSet = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["sso"]!["acme"]![0]!["oidc"]!["clientSecretHash"];
        var (status, _, _) = await api.PostAsync("/v1/mgmt/sso/oidc", """{"tenantId":"acme","settings":{"name":"G2","clientId":"cid"}}""");
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!["sso"]!["acme"]![0]!["oidc"]!;
        var read = (await api.GetAsync("/v2/mgmt/sso/settings?tenantId=acme")).Body!;

        Assert.Equal(200, status);
        Assert.NotNull(hashAfterSet);
        Assert.Equal(Text(hashAfterSet), Text(stored["clientSecretHash"]));
        Assert.Equal("G2", Text(read["oidc"]!["name"]));
        Assert.DoesNotContain("clientSecret", read.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Requests.Snapshot(), r => r.Body.Contains(OidcSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestLog_redactsSecretFieldsAtAnyDepth_andKeepsTheRest()
    {
        await using var host = await StartAsync();
        using var api = Api(host);

        await api.PostAsync("/v1/mgmt/project/snapshot/validate", """{"files":{},"inputSecrets":{"connectors":[{"id":"c","value":"connector-s3cret"}]}}""");
        await api.PostAsync("/v1/mgmt/user/create", """{"loginId":"a@b.c","nested":[{"password":"pw-s3cret"}]}""");
        await api.PostAsync("/v1/mgmt/user/create", "password=not-json-s3cret");
        const string mentionsPassword = """{"name":"Sign in with password","description":"Enter your password"}""";
        await api.PostAsync("/v1/mgmt/tenant/create", mentionsPassword);

        var bodies = host.Requests.Snapshot().Select(r => r.Body).ToList();
        Assert.DoesNotContain(bodies, b => b.Contains("s3cret", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("\"inputSecrets\":\"(redacted)\"", StringComparison.Ordinal));
        Assert.Contains("""{"loginId":"a@b.c","nested":[{"password":"(redacted)"}]}""", bodies);
        Assert.Contains(bodies, b => b.StartsWith("(body withheld", StringComparison.Ordinal));
        Assert.Contains(mentionsPassword, bodies);
    }

    [Fact]
    public async Task TenantDelete_takesItsSsoConfigurationsAndMemberships()
    {
        await using var host = await StartAsync();
        using var api = await WithTenantAsync(host);
        await api.PostAsync("/v1/mgmt/sso/saml", """{"tenantId":"acme","settings":{"idpUrl":"https://idp.example/sso","entityId":"e","idpCert":"c"}}""");
        await api.PostAsync("/v1/mgmt/user/create", """{"loginId":"alice@acme.com","userTenants":[{"tenantId":"acme"}]}""");
        await api.PostAsync("/v1/mgmt/accesskey/create", """{"name":"k","keyTenants":[{"tenantId":"acme"}]}""");

        await api.PostAsync("/v1/mgmt/tenant/delete", """{"id":"acme"}""");
        await api.PostAsync("/v1/mgmt/tenant/create", """{"id":"acme","name":"Acme again"}""");

        Assert.Empty((await api.GetAsync("/v2/mgmt/sso/settings/all?tenantId=acme")).Body!["SSOSettings"]!.AsArray());
        Assert.Null((await api.GetAsync("/v1/mgmt/user?loginId=alice@acme.com")).Body!["user"]!["userTenants"]);
        Assert.Null((await api.PostAsync("/v1/mgmt/accesskey/search", "{}")).Body!["keys"]![0]!["keyTenants"]);
    }

    [Fact]
    public async Task SeedSample_addsAccessKeysASamlConfigurationAndUsers()
    {
        await using var host = await StartAsync(seed: true);
        using var api = Api(host, EmulatorDefaults.SampleProjectId);

        var keys = (await api.PostAsync("/v1/mgmt/accesskey/search", "{}")).Body!["keys"]!.AsArray();
        var sso = Assert.Single((await api.GetAsync("/v2/mgmt/sso/settings/all?tenantId=acme")).Body!["SSOSettings"]!.AsArray())!;
        var users = (await api.PostAsync("/v2/mgmt/user/search", "{}")).Body!;

        Assert.True(keys.Count >= 2);
        Assert.Contains(keys, k => Text(k!["status"]) == "inactive");
        Assert.All(keys, k => Assert.Null(k!["cleartext"]));
        Assert.False(string.IsNullOrEmpty(Text(sso["saml"]!["idpSSOUrl"])));
        Assert.All(sso["saml"]!["groupsMapping"]!.AsArray(), g => Assert.False(string.IsNullOrEmpty(Text(g!["role"]!["id"]))));
        Assert.Equal(["acme.com"], sso["tenant"]!["domains"]!.AsArray().Select(Text));
        Assert.True(users["total"]!.GetValue<int>() >= 5);
        Assert.Contains(users["users"]!.AsArray(), u => Text(u!["status"]) == "invited");
    }
}
