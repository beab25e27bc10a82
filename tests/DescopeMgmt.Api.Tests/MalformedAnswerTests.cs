using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Projects;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Api.Tests;

/// <summary>
/// A server that answers 2xx with something that is not the API's JSON (a captive portal, a wrong base URL,
/// a hostile server) makes every operation fail with an error naming the request, never an empty result.
/// </summary>
public sealed class MalformedAnswerTests
{
    private const string Html = "<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every operation of the client, by the method and path it sends.</summary>
    public static readonly Dictionary<string, Func<DescopeClient, Task>> Operations = new()
    {
        ["POST /v1/mgmt/flow/list"] = c => c.Flows.ListAsync(Ct),
        ["POST /v1/mgmt/flow/delete"] = c => c.Flows.DeleteAsync(["a"], Ct),
        ["POST /v2/mgmt/flow/export"] = c => c.Flows.ExportAsync("a", Ct),
        ["POST /v2/mgmt/flow/import"] = c => c.Flows.ImportAsync("a", [], Ct),
        ["POST /v1/mgmt/flow/export"] = c => c.Flows.ExportV1Async("a", Ct),
        ["POST /v1/mgmt/flow/import"] = c => c.Flows.ImportV1Async("a", new Flows.FlowV1Document { Flow = [] }, Ct),
        ["POST /v2/mgmt/theme/export"] = c => c.Themes.ExportAsync(Ct),
        ["POST /v2/mgmt/theme/import"] = c => c.Themes.ImportAsync([], Ct),
        ["POST /v1/mgmt/theme/export"] = c => c.Themes.ExportV1Async(Ct),
        ["POST /v1/mgmt/theme/import"] = c => c.Themes.ImportV1Async([], Ct),
        ["POST /v1/mgmt/tenant/create"] = c => c.Tenants.CreateAsync(new TenantWrite { Id = "t", Name = "T" }, Ct),
        ["POST /v1/mgmt/tenant/update"] = c => c.Tenants.UpdateAsync(new TenantWrite { Id = "t", Name = "T" }, Ct),
        ["POST /v1/mgmt/tenant/delete"] = c => c.Tenants.DeleteAsync("t", false, Ct),
        ["GET /v1/mgmt/tenant"] = c => c.Tenants.LoadAsync("t", Ct),
        ["GET /v1/mgmt/tenant/all"] = c => c.Tenants.LoadAllAsync(Ct),
        ["POST /v1/mgmt/tenant/search"] = c => c.Tenants.SearchAsync(new TenantSearch(), Ct),
        ["POST /v1/mgmt/project/snapshot/export"] = c => c.Projects.ExportSnapshotAsync(Ct),
        ["POST /v1/mgmt/project/snapshot/import"] = c => c.Projects.ImportSnapshotAsync(new SnapshotImportRequest(), Ct),
        ["POST /v1/mgmt/project/snapshot/validate"] = c => c.Projects.ValidateSnapshotAsync(new SnapshotImportRequest(), Ct),
        ["GET /v1/mgmt/license"] = c => c.Projects.GetLicenseTierAsync(Ct),
        ["POST /v1/mgmt/permission/create"] = c => c.Permissions.CreateAsync(new Permissions.PermissionWrite { Name = "p" }, Ct),
        ["POST /v1/mgmt/permission/create/batch"] = c => c.Permissions.CreateBatchAsync([new Permissions.PermissionWrite { Name = "p" }], Ct),
        ["POST /v1/mgmt/permission/update"] = c => c.Permissions.UpdateAsync("p", new Permissions.PermissionWrite { Name = "p" }, Ct),
        ["POST /v1/mgmt/permission/delete"] = c => c.Permissions.DeleteAsync("p", Ct),
        ["POST /v1/mgmt/permission/delete/batch"] = c => c.Permissions.DeleteBatchAsync(["p"], Ct),
        ["GET /v1/mgmt/permission/all"] = c => c.Permissions.LoadAllAsync(Ct),
        ["POST /v1/mgmt/role/create"] = c => c.Roles.CreateAsync(new Roles.RoleWrite { Name = "r" }, Ct),
        ["POST /v1/mgmt/role/create/batch"] = c => c.Roles.CreateBatchAsync([new Roles.RoleWrite { Name = "r" }], Ct),
        ["POST /v1/mgmt/role/update"] = c => c.Roles.UpdateAsync("r", new Roles.RoleWrite { Name = "r" }, Ct),
        ["POST /v1/mgmt/role/delete"] = c => c.Roles.DeleteAsync("r", null, Ct),
        ["POST /v1/mgmt/role/delete/batch"] = c => c.Roles.DeleteBatchAsync(["r"], null, Ct),
        ["GET /v1/mgmt/role/all"] = c => c.Roles.LoadAllAsync(Ct),
        ["POST /v1/mgmt/role/search"] = c => c.Roles.SearchAsync(new Roles.RoleSearch(), Ct),
        ["GET /v1/mgmt/password/settings"] = c => c.Password.GetSettingsAsync("t", Ct),
        ["POST /v1/mgmt/password/settings"] = c => c.Password.UpdateSettingsAsync(null, new Password.PasswordSettings { MinLength = 8 }, Ct),
        ["POST /v1/mgmt/accesskey/create"] = c => c.AccessKeys.CreateAsync(new AccessKeys.AccessKeyWrite { Name = "k" }, Ct),
        ["GET /v1/mgmt/accesskey"] = c => c.AccessKeys.LoadAsync("k", Ct),
        ["POST /v1/mgmt/accesskey/search"] = c => c.AccessKeys.SearchAsync(null, Ct),
        ["POST /v1/mgmt/accesskey/update"] = c => c.AccessKeys.UpdateAsync("k", new AccessKeys.AccessKeyWrite { Name = "k" }, Ct),
        ["POST /v1/mgmt/accesskey/activate"] = c => c.AccessKeys.ActivateAsync("k", Ct),
        ["POST /v1/mgmt/accesskey/deactivate"] = c => c.AccessKeys.DeactivateAsync("k", Ct),
        ["POST /v1/mgmt/accesskey/delete"] = c => c.AccessKeys.DeleteAsync("k", Ct),
        ["POST /v1/mgmt/accesskey/rotate"] = c => c.AccessKeys.RotateAsync("k", Ct),
        ["GET /v2/mgmt/sso/settings/all"] = c => c.Sso.LoadAllAsync("t", Ct),
        ["GET /v2/mgmt/sso/settings"] = c => c.Sso.LoadAsync("t", "s", Ct),
        ["POST /v1/mgmt/sso/settings/new"] = c => c.Sso.CreateAsync("t", "s", "S", Ct),
        ["POST /v1/mgmt/sso/saml"] = c => c.Sso.ConfigureSamlAsync("t", "s", new Sso.SsoSamlWriteSettings { IdpUrl = "https://idp" }, null, null, Ct),
        ["POST /v1/mgmt/sso/saml/metadata"] = c => c.Sso.ConfigureSamlAsync("t", "s", new Sso.SsoSamlWriteSettings { IdpMetadataUrl = "https://idp/m" }, null, null, Ct),
        ["POST /v1/mgmt/sso/oidc"] = c => c.Sso.ConfigureOidcAsync("t", "s", new Sso.SsoOidcWriteSettings { Name = "o", ClientId = "c" }, null, Ct),
        ["DELETE /v1/mgmt/sso/settings"] = c => c.Sso.DeleteAsync("t", "s", Ct),
        ["POST /v2/mgmt/user/search"] = c => c.Users.SearchPageAsync(new Users.UserSearch(), Ct),
        ["GET /v1/mgmt/user"] = c => c.Users.LoadAsync("u", Ct),
        ["POST /v1/mgmt/user/create"] = c => c.Users.CreateAsync(new Users.UserWrite { LoginId = "u" }, Ct),
        ["POST /v1/mgmt/user/update"] = c => c.Users.UpdateAsync(new Users.UserWrite { LoginId = "u" }, Ct),
        ["POST /v1/mgmt/user/update/status"] = c => c.Users.DisableAsync("u", Ct),
        ["POST /v1/mgmt/user/delete"] = c => c.Users.DeleteAsync("u", Ct),
        ["POST /v2/mgmt/user/update/role/add"] = c => c.Users.AddRolesAsync("u", "t", ["r"], Ct),
        ["POST /v1/mgmt/user/update/role/remove"] = c => c.Users.RemoveRolesAsync("u", null, ["r"], Ct),
        ["POST /v1/mgmt/user/update/role/set"] = c => c.Users.SetRolesAsync("u", null, ["r"], Ct),
    };

    public static TheoryData<string> OperationNames => [.. Operations.Keys];

    internal static DescopeClient ClientFor(Uri baseUrl, long? maxAnswerBytes = null) => new(new DescopeClientOptions
    {
        ProjectId = ClientFactory.ProjectId,
        ManagementKey = ClientFactory.Key,
        BaseUrl = baseUrl,
        TimeProvider = new DelaySkippingTimeProvider(),
        RequestTimeout = TimeSpan.FromMinutes(10),
        MaxAnswerBytes = maxAnswerBytes ?? DescopeClientOptions.DefaultMaxAnswerBytes,
    });

    private static byte[] Bytes(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    private static async Task<DescopeApiException> FailsMalformedAsync(ScriptedHttpServer server, Func<DescopeClient, Task> operation, long? maxAnswerBytes = null)
    {
        using var client = ClientFor(server.BaseUrl, maxAnswerBytes);
        var error = await Assert.ThrowsAsync<DescopeApiException>(() => operation(client));
        Assert.True(error.IsMalformedAnswer, error.Message);
        Assert.DoesNotContain(ClientFactory.Key, error.ToString(), StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task AnyOperation_htmlPageWith200_failsNamingTheRequestAndIsNotRetried(string operation)
    {
        await using var server = ScriptedHttpServer.Answering(200, Html, "text/html");

        var error = await FailsMalformedAsync(server, Operations[operation]);

        Assert.Contains($"{operation} answered 200 but its body is not the expected JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("--base-url", error.Hint, StringComparison.Ordinal);
        Assert.Equal(200, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task AnyOperation_jsonArrayWith200_isMalformed(string operation)
    {
        await using var server = ScriptedHttpServer.Answering(200, "[1,2]");

        await FailsMalformedAsync(server, Operations[operation]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("\"flows\"")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"total":0}""")]
    [InlineData("""{"flows":null}""")]
    [InlineData("""{"flows":{}}""")]
    [InlineData("""{"flows":[null]}""")]
    [InlineData("""{"flows":[{"name":"no id"}]}""")]
    [InlineData("""{"flows":[{"id":""}]}""")]
    [InlineData("""{"flows":[{"id":"a"}]""")]
    [InlineData("""{"flows":[{"id":"a"}]} trailing""")]
    [InlineData("""{"flows":[{"id":"../../x"}]}""")]
    [InlineData("""{"flows":[{"id":"/etc/x"}]}""")]
    [InlineData("""{"flows":[{"id":"..\\..\\w"}]}""")]
    [InlineData("""{"flows":[{"id":"a\u001b[2Jb"}]}""")]
    public async Task FlowList_answerNotAFlowList_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        await FailsMalformedAsync(server, c => c.Flows.ListAsync(Ct));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"tenants":null}""")]
    [InlineData("""{"tenants":[null]}""")]
    [InlineData("""{"tenants":[{"id":"t1"},{"name":"no id"}]}""")]
    [InlineData("""{"tenants":[{"id":"../../x","name":"evil"}]}""")]
    [InlineData("[]")]
    public async Task TenantLoadAll_answerNotATenantList_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        var error = await FailsMalformedAsync(server, c => c.Tenants.LoadAllAsync(Ct));

        Assert.Contains("GET /v1/mgmt/tenant/all answered 200", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":"no id"}""")]
    [InlineData("null")]
    public async Task TenantLoad_answerWithoutId_isMalformed(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        var error = await FailsMalformedAsync(server, c => c.Tenants.LoadAsync("t-secret-looking", Ct));

        // The query is left out of the message; the operation names the tenant.
        Assert.Contains("GET /v1/mgmt/tenant answered 200", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"files":null}""")]
    [InlineData("""{"files":[]}""")]
    [InlineData("""{"files":{"flows/a/metadata.json":null}}""")]
    [InlineData("""{"files":{"flows/a/metadata.json":42}}""")]
    [InlineData("""{"files":{"flows/../metadata.json":{}}}""")]
    [InlineData("""{"files":{"/etc/passwd":"x"}}""")]
    public async Task SnapshotExport_answerNotAFilesMap_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        await FailsMalformedAsync(server, c => c.Projects.ExportSnapshotAsync(Ct));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"theme":null}""")]
    public async Task ThemeExport_answerWithoutTheme_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        await FailsMalformedAsync(server, c => c.Themes.ExportAsync(Ct));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":""}""")]
    public async Task TenantCreate_answerWithoutId_isMalformed(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);

        await FailsMalformedAsync(server, c => c.Tenants.CreateAsync(new TenantWrite { Id = "t", Name = "T" }, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"theme":{"styles":{}}}""")]
    public async Task Write_emptyOrObjectAnswer_succeeds(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = ClientFor(server.BaseUrl);

        await client.Tenants.UpdateAsync(new TenantWrite { Id = "t", Name = "T" }, Ct);
        await client.Themes.ImportAsync(new JsonObject(), Ct);
    }

    [Fact]
    public async Task FlowList_invalidUtf8InAnId_isMalformedNotReplaced()
    {
        var body = Bytes("{\"flows\":[{\"id\":\"a", [0xFF, 0xFE], "\"}]}");
        await using var server = ScriptedHttpServer.Answering(200, body);

        var error = await FailsMalformedAsync(server, c => c.Flows.ListAsync(Ct));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotExport_invalidUtf8InsideAFile_isMalformed()
    {
        // Kept as raw JSON elements, file contents are never decoded by the deserializer: the stream must catch it.
        var body = Bytes("{\"files\":{\"flows/a/contents.json\":{\"text\":\"caf", [0xC3], "\"}}}");
        await using var server = ScriptedHttpServer.Answering(200, body);

        var error = await FailsMalformedAsync(server, c => c.Projects.ExportSnapshotAsync(Ct));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAnswer_announcingMoreThanTheLimit_failsBeforeReadingIt()
    {
        // 1.2 GB announced, a few bytes sent: the client must refuse on the header, not try to read it.
        await using var server = ScriptedHttpServer.Start((_, stream, ct) =>
            ScriptedHttpServer.WriteAsync(stream, 200, "{\"files\":{"u8.ToArray(), "application/json", ct, contentLength: 1_200_000_000));

        var error = await FailsMalformedAsync(server, c => c.Projects.ExportSnapshotAsync(Ct));

        Assert.Contains("answer limit of 256 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /v1/mgmt/project/snapshot/export", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyAnswer_endlessBodyWithoutLength_stopsAtTheLimit()
    {
        var filler = Encoding.UTF8.GetBytes("{\"id\":\"" + new string('x', 8000) + "\"},");
        await using var server = ScriptedHttpServer.Start((_, stream, ct) =>
            ScriptedHttpServer.WriteEndlessAsync(stream, "{\"flows\":["u8.ToArray(), filler, ct));

        var error = await FailsMalformedAsync(server, c => c.Flows.ListAsync(Ct), maxAnswerBytes: 1024 * 1024);

        Assert.Contains("larger than the answer limit of 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorAnswer_htmlOrHuge_keepsItsStatus()
    {
        await using var server = ScriptedHttpServer.Answering(502, new string('<', 200_000), "text/html");
        using var client = ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Flows.ListAsync(Ct));

        Assert.Equal(502, error.StatusCode);
        Assert.False(error.IsMalformedAnswer);
    }
}
