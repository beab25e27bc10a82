using System.Text.Json;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Api.Tenants;

namespace DescopeMgmt.Api.Tests;

public sealed class SsoApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DescopeClient> WithTenantAsync(ClientFactory factory)
    {
        var client = factory.Create();
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer", TenantId = "acme" }, Ct);
        return client;
    }

    private static SsoSamlWriteSettings Saml() => new()
    {
        IdpUrl = "https://idp.example/sso",
        EntityId = "urn:idp:acme",
        IdpCert = "MIIC-cert",
        RoleMappings = [new SsoRoleMapping { Groups = ["viewers"], RoleName = "Viewer" }],
        AttributeMapping = new Dictionary<string, JsonElement> { ["email"] = JsonElement.Parse("\"mail\"") },
        SpAcsUrl = "https://sp.example/acs",
    };

    [Fact]
    public async Task ConfigureSaml_thenLoadAll_readsTheV2NamesAndMapsBackToTheV1Write()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithTenantAsync(factory);

        await client.Sso.ConfigureSamlAsync("acme", null, Saml(), "https://app.example/done", ["acme.com"], Ct);
        var configuration = Assert.Single(await client.Sso.LoadAllAsync("acme", Ct));

        Assert.Equal(SsoProtocol.Saml, configuration.Protocol);
        Assert.Equal(["acme.com"], configuration.Domains);
        var saml = configuration.Saml!;
        Assert.Equal(("https://idp.example/sso", "urn:idp:acme", "MIIC-cert"), (saml.IdpSsoUrl, saml.IdpEntityId, saml.IdpCertificate));
        Assert.Equal("https://app.example/done", saml.RedirectUrl);
        var group = Assert.Single(saml.GroupsMapping!);
        Assert.Equal("Viewer", group.Role!.Name);
        Assert.Equal(["viewers"], group.Groups);
        Assert.False(string.IsNullOrEmpty(group.Role.Id));
        var write = saml.ToWrite();
        Assert.Equal(("https://idp.example/sso", "urn:idp:acme", "MIIC-cert", "https://sp.example/acs"), (write.IdpUrl, write.EntityId, write.IdpCert, write.SpAcsUrl));
        Assert.Equal("Viewer", Assert.Single(write.RoleMappings!).RoleName);
        Assert.Equal("mail", write.AttributeMapping!["email"].GetString());
    }

    [Fact]
    public async Task SeveralConfigurations_byssoId_areLoadedAndDeletedOneByOne()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithTenantAsync(factory);

        var created = await client.Sso.CreateAsync("acme", "okta", "Okta", Ct);
        await client.Sso.ConfigureSamlAsync("acme", "okta", Saml(), null, null, Ct);
        await client.Sso.ConfigureOidcAsync("acme", "google", new SsoOidcWriteSettings { Name = "Google", ClientId = "cid", ClientSecret = "s3cret-oidc", AuthUrl = "https://accounts.example/auth", Scope = ["openid"] }, ["acme.io"], Ct);

        var all = await client.Sso.LoadAllAsync("acme", Ct);
        var google = await client.Sso.LoadAsync("acme", "google", Ct);
        await client.Sso.DeleteAsync("acme", "okta", Ct);

        Assert.Equal(("okta", "Okta"), (created.SsoId, created.DisplayName));
        Assert.Equal(["okta", "google"], all.Select(c => c.SsoId));
        Assert.Equal(SsoProtocol.Oidc, google.Protocol);
        Assert.Equal(("Google", "cid"), (google.Oidc!.Name, google.Oidc.ClientId));
        Assert.Equal(["openid"], google.Oidc.Scope!);
        Assert.Equal(["google"], (await client.Sso.LoadAllAsync("acme", Ct)).Select(c => c.SsoId));
        var missing = await Assert.ThrowsAsync<DescopeApiException>(() => client.Sso.LoadAsync("acme", "okta", Ct));
        Assert.True(missing.IsNotFound);
        var delete = factory.Host.Requests.Snapshot().Single(r => r.Method == "DELETE");
        Assert.Equal(("/v1/mgmt/sso/settings", "?tenantId=acme&ssoId=okta"), (delete.Path, delete.Query));
    }

    [Fact]
    public async Task OidcClientSecret_isNeverRead_andAWriteWithoutItKeepsIt()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithTenantAsync(factory);
        var settings = new SsoOidcWriteSettings { Name = "Google", ClientId = "cid", ClientSecret = "s3cret-oidc" };

        await client.Sso.ConfigureOidcAsync("acme", null, settings, null, Ct);
        var read = Assert.Single(await client.Sso.LoadAllAsync("acme", Ct));
        var rewrite = read.Oidc!.ToWrite();
        rewrite.ClientId = "cid-2";
        await client.Sso.ConfigureOidcAsync("acme", null, rewrite, null, Ct);

        Assert.Null(rewrite.ClientSecret);
        Assert.DoesNotContain("s3cret-oidc", settings.ToString(), StringComparison.Ordinal);
        var requests = factory.Host.Requests.Snapshot();
        Assert.DoesNotContain(requests, r => r.Body.Contains("s3cret-oidc", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path == "/v1/mgmt/sso/oidc" && r.Body.Contains("\"clientSecret\":\"(redacted)\"", StringComparison.Ordinal));
        Assert.Equal("cid-2", (await client.Sso.LoadAsync("acme", null, Ct)).Oidc!.ClientId);
    }

    [Fact]
    public async Task Configure_unknownTenantOrRole_isRefusedWith400()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithTenantAsync(factory);
        var badRole = Saml();
        badRole.RoleMappings = [new SsoRoleMapping { Groups = ["g"], RoleName = "Ghost" }];

        var tenant = await Assert.ThrowsAsync<DescopeApiException>(() => client.Sso.ConfigureSamlAsync("ghost", null, Saml(), null, null, Ct));
        var role = await Assert.ThrowsAsync<DescopeApiException>(() => client.Sso.ConfigureSamlAsync("acme", null, badRole, null, null, Ct));

        Assert.Equal(400, tenant.StatusCode);
        Assert.Equal(400, role.StatusCode);
        Assert.Contains("Ghost", role.Message, StringComparison.Ordinal);
        Assert.Empty(await client.Sso.LoadAllAsync("acme", Ct));
    }

    [Fact]
    public async Task ConfigureSaml_byMetadata_sendsTheMetadataEndpointAndReadsBackByMetadata()
    {
        await using var factory = await ClientFactory.StartAsync();
        var client = await WithTenantAsync(factory);

        await client.Sso.ConfigureSamlAsync("acme", null, new SsoSamlWriteSettings { IdpMetadataUrl = "https://idp.example/metadata.xml" }, null, null, Ct);
        var saml = (await client.Sso.LoadAsync("acme", null, Ct)).Saml!;

        Assert.Single(factory.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/sso/saml/metadata");
        Assert.True(saml.ByMetadata);
        Assert.Equal("https://idp.example/metadata.xml", saml.ToWrite().IdpMetadataUrl);
    }
}
