using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Api.Tests;

/// <summary>
/// Access key, SSO and user answers as a live service (or something posing as one) may send them, and which of
/// their writes are repeated after a dropped connection.
/// </summary>
public sealed class IdentityAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"keys":[{"name":"k"}]}""")]
    [InlineData("""{"keys":[null]}""")]
    [InlineData("""{"keys":null}""")]
    [InlineData("""{"keys":[{"id":"../k","name":"k"}]}""")]
    [InlineData("""{"keys":[{"id":"K1","name":"k","keyTenants":[{"tenantId":"a/b"}]}]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"keys":[{"id":"K1","name":"k","roleNames":[null]}]}""")]
    [InlineData("""{"keys":[{"id":"K1","name":"k","permittedIps":["10.0.0.0/8",null]}]}""")]
    [InlineData("""{"keys":[{"id":"K1","name":"k","keyTenants":[{"tenantId":"t","roleNames":[null]}]}]}""")]
    public async Task AccessKeySearch_answerThatCannotNameEachKey_isMalformedNotFewerKeys(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.SearchAsync(null, Ct));

        Assert.True(error.IsMalformedAnswer);
    }

    [Theory]
    [InlineData("""{"key":{"id":"K1","name":"k"}}""")]
    [InlineData("""{"cleartext":"","key":{"id":"K1","name":"k"}}""")]
    [InlineData("""{"cleartext":"secret-value-1","key":{"name":"k"}}""")]
    [InlineData("""{"cleartext":42,"key":{"id":"K1","name":"k"}}""")]
    public async Task AccessKeyCreate_answerWithoutCleartextOrKeyId_isMalformed_andNeverQuotesTheSecret(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "k" }, Ct));

        Assert.True(error.IsMalformedAnswer);
        Assert.DoesNotContain("secret-value-1", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"SSOSettings":null}""")]
    [InlineData("""{"SSOSettings":[{"ssoId":"a"},{"ssoId":"a"}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"../t"}}]}""")]
    public async Task SsoLoadAll_answerWithoutAUsableList_isMalformedNotNoSso(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Sso.LoadAllAsync("t", Ct));

        Assert.True(error.IsMalformedAnswer);
    }

    /// <summary>A null inside a configuration's lists would reach plan as a null group or domain (a null mapping, as a crash).</summary>
    [Theory]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t","domains":[null]},"saml":{"idpSSOUrl":"https://idp"}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"saml":{"idpSSOUrl":"https://idp","groupsMapping":[null]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"saml":{"idpSSOUrl":"https://idp","groupsMapping":[{"groups":[null],"role":{"name":"R"}}]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"saml":{"idpSSOUrl":"https://idp","defaultSSORoles":[null]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"oidc":{"clientId":"c","scope":["openid",null]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"oidc":{"clientId":"c","prompt":[null]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"oidc":{"clientId":"c","roleMappings":[null]}}]}""")]
    [InlineData("""{"SSOSettings":[{"tenant":{"id":"t"},"oidc":{"clientId":"c","roleMappings":[{"groups":[null],"roleName":"R"}]}}]}""")]
    public async Task SsoLoadAll_nullInsideAConfigurationsLists_isMalformedNotACrash(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Sso.LoadAllAsync("t", Ct));

        Assert.True(error.IsMalformedAnswer);
        Assert.Contains("SSOSettings[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SsoLoad_oidcAnswerCarryingAClientSecret_dropsIt()
    {
        await using var server = ScriptedHttpServer.Answering(200, """{"tenant":{"id":"t"},"oidc":{"name":"G","clientId":"c","clientSecret":"leaked-secret","newField":1}}""");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var settings = await client.Sso.LoadAsync("t", null, Ct);

        Assert.Equal(SsoProtocol.Oidc, settings.Protocol);
        Assert.True(settings.Oidc!.Extra!.ContainsKey("newField"));
        Assert.False(settings.Oidc.Extra.ContainsKey("clientSecret"));
        Assert.Null(settings.Oidc.ToWrite().ClientSecret);
    }

    [Fact]
    public async Task UserSearchAll_serviceCapsThePageBelowTheLimit_stillReadsEveryUserOnce()
    {
        const int total = 7;
        await using var server = ScriptedHttpServer.Start((request, stream, ct) =>
        {
            var page = JsonNode.Parse(request.Body)!["page"]?.GetValue<int>() ?? 0;
            var users = Enumerable.Range(page * 2, 2).Where(i => i < total).Select(i => $$"""{"userId":"U{{i}}","loginIds":["u{{i}}"]}""");
            return ScriptedHttpServer.WriteAsync(stream, 200, Encoding.UTF8.GetBytes($$"""{"users":[{{string.Join(",", users)}}],"total":{{total}}}"""), "application/json", ct);
        });
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var ids = new List<string>();
        await foreach (var user in client.Users.SearchAllAsync(new UserSearch { Limit = 100 }, Ct))
        {
            ids.Add(user.UserId);
        }

        Assert.Equal(Enumerable.Range(0, total).Select(i => $"U{i}"), ids);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task UserSearchAll_totalNeverReached_stopsAtTheFirstEmptyPage()
    {
        await using var server = ScriptedHttpServer.Start((request, stream, ct) =>
        {
            var page = JsonNode.Parse(request.Body)!["page"]?.GetValue<int>() ?? 0;
            var body = page < 2 ? $$"""{"users":[{"userId":"U{{page}}"}],"total":1000}""" : """{"users":[],"total":1000}""";
            return ScriptedHttpServer.WriteAsync(stream, 200, Encoding.UTF8.GetBytes(body), "application/json", ct);
        });
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var count = 0;
        await foreach (var _ in client.Users.SearchAllAsync(new UserSearch(), Ct))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("""{"users":[{"loginIds":["a"]}],"total":1}""")]
    [InlineData("""{"users":[null],"total":1}""")]
    [InlineData("""{"total":3}""")]
    [InlineData("""{"users":[],"total":-1}""")]
    [InlineData("""{"users":[{"userId":"U1","loginIds":[null]}],"total":1}""")]
    [InlineData("""{"users":[{"userId":"U1","loginIds":["a"],"roleNames":[null]}],"total":1}""")]
    [InlineData("""{"users":[{"userId":"U1","loginIds":["a"],"userTenants":[{"tenantId":"t","roleNames":[null]}]}],"total":1}""")]
    public async Task UserSearchPage_answerThatCannotNameEachUser_isMalformed(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Users.SearchPageAsync(new UserSearch(), Ct));

        Assert.True(error.IsMalformedAnswer);
    }

    /// <summary>Writes that must not reach the service twice, each after a dropped connection on its first attempt.</summary>
    public static TheoryData<string> NonRepeatable =>
    [
        "/v1/mgmt/accesskey/rotate", "/v1/mgmt/accesskey/delete", "/v1/mgmt/user/create", "/v1/mgmt/user/delete", "/v1/mgmt/sso/settings/new",
    ];

    [Theory]
    [MemberData(nameof(NonRepeatable))]
    public async Task NonRepeatableWrite_droppedConnection_isNotRepeated(string path)
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        var (keyId, _) = await SetUpAsync(client);
        factory.Host.Faults.Add(FaultSpec.Parse($"reset@{path}#1"));
        Func<Task> write = path switch
        {
            "/v1/mgmt/accesskey/rotate" => () => client.AccessKeys.RotateAsync(keyId, Ct),
            "/v1/mgmt/accesskey/delete" => () => client.AccessKeys.DeleteAsync(keyId, Ct),
            "/v1/mgmt/user/create" => () => client.Users.CreateAsync(new UserWrite { LoginId = "new@acme.com" }, Ct),
            "/v1/mgmt/user/delete" => () => client.Users.DeleteAsync("alice@acme.com", Ct),
            _ => () => client.Sso.CreateAsync("acme", "okta", "Okta", Ct),
        };

        var attempts = client.Stats.Attempts;

        var error = await Assert.ThrowsAsync<DescopeApiException>(write);

        // The client's own count: the emulator may record the dropped request only after the client saw the drop.
        Assert.True(error.IsConnectionFailure, error.ToString());
        Assert.Equal(1, client.Stats.Attempts - attempts);
        Assert.Equal(0, client.Stats.Retries);
    }

    [Fact]
    public async Task RepeatableWritesAndReads_droppedConnection_areRetriedAndSucceed()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = factory.Create();
        var (keyId, _) = await SetUpAsync(client);
        foreach (var path in new[] { "/v1/mgmt/sso/oidc", "/v2/mgmt/user/search", "/v1/mgmt/user/update/status", "/v1/mgmt/accesskey/deactivate" })
        {
            factory.Host.Faults.Add(FaultSpec.Parse($"reset@{path}#1"));
        }

        await client.Sso.ConfigureOidcAsync("acme", null, new SsoOidcWriteSettings { Name = "G", ClientId = "c" }, null, Ct);
        var page = await client.Users.SearchPageAsync(new UserSearch(), Ct);
        var disabled = await client.Users.DisableAsync("alice@acme.com", Ct);
        await client.AccessKeys.DeactivateAsync(keyId, Ct);

        Assert.Equal(1, page.Total);
        Assert.Equal("disabled", disabled.Status);
        Assert.Equal("inactive", (await client.AccessKeys.LoadAsync(keyId, Ct)).Status);
        Assert.Equal(4, client.Stats.Retries);
    }

    private static async Task<(string KeyId, string UserId)> SetUpAsync(DescopeClient client)
    {
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        var key = await client.AccessKeys.CreateAsync(new AccessKeyWrite { Name = "k" }, Ct);
        var user = await client.Users.CreateAsync(new UserWrite { LoginId = "alice@acme.com" }, Ct);
        return (key.Key.Id, user.UserId);
    }
}
