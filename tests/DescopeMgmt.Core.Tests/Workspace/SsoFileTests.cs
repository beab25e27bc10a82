using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Sso;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>
/// sso/&lt;tenantId&gt;.yaml: one file per tenant that manage.sso names; each problem at its line; a secret only as
/// ${NAME}, compared never, shown as (sensitive) and kept only in the document apply sends.
/// </summary>
public sealed class SsoFileTests
{
    private const string Secret = "s3cr3t-value-from-a-variable";

    private static string Config(string sso) => $"""
        version: 1
        environments:
          dev:
            projectId: P2dev
            managementKey: ${"{"}DEV_KEY{"}"}
        defaultEnvironment: dev
        manage:
          tenants: true
        {sso}
        """;

    private const string Valid = """
        sso:
          - domains: [b.acme.com, a.acme.com]
            saml:
              idpUrl: https://idp.example/sso
              entityId: urn:acme
              idpCert: MIIC
              roleMappings: [{groups: [z, y], roleName: Viewer}]
          - ssoId: google
            displayName: Google
            oidc:
              name: Google
              clientId: cid
              clientSecret: ${SSO_SECRET}
        """;

    private static LoadedWorkspace Load(string sso, params (string File, string Text)[] files) => Load(sso, Secret, files);

    private static LoadedWorkspace Load(string sso, string secret, params (string File, string Text)[] files)
    {
        var builder = new WorkspaceBuilder().File("descope.yaml", Config(sso));
        foreach (var (file, text) in files)
        {
            builder.File(file, text);
        }

        return WorkspaceLoader.Load(builder.Root, "dev", name => name == "DESCOPE_VAR_SSO_SECRET" ? secret : null);
    }

    private static string Errors(LoadedWorkspace loaded) => DevWorkspace.Errors(loaded);

    [Fact]
    public void Sso_fileOfAManagedTenant_readsConfigurationsByTenantAndSsoId_setsSorted_secretFromItsPlaceholder()
    {
        var loaded = Load("  sso: [acme]", ("sso/acme.yaml", Valid)).EnsureValid();

        var items = loaded.Desired.Of(ResourceType.Sso)!;
        Assert.Equal(["acme/", "acme/google"], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("[\"a.acme.com\",\"b.acme.com\"]", items["acme/"].Document["domains"]!.ToJsonString());
        Assert.Equal("[\"y\",\"z\"]", items["acme/"].Document["saml"]!["roleMappings"]![0]!["groups"]!.ToJsonString());
        var google = items["acme/google"].Document;
        Assert.Equal(Secret, google["oidc"]!["clientSecret"]!.GetValue<string>());
        Assert.Equal(Secret, SsoDocuments.ToOidcWrite(google["oidc"]!.AsObject(), new ResourceKey(ResourceType.Sso, "acme/google")).ClientSecret);
        Assert.Equal("(sensitive)", SensitiveFields.Mask(ResourceKinds.Sso, google)["oidc"]!["clientSecret"]!.GetValue<string>());
        Assert.Equal(Secret, google["oidc"]!["clientSecret"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sso:\n  - ssoId: g\n    oidc: {name: G, clientId: c, clientSecret: hunter2-literal}\n", "sso/acme.yaml:3:48: error: SSO configuration 'g': oidc.clientSecret is written as a literal value")]
    [InlineData("sso:\n  - ssoId: g\n    oidc:\n      name: G\n      clientSecret: \"${SSO_SECRET}x\"\n", "sso/acme.yaml:5:21: error: SSO configuration 'g': oidc.clientSecret is written as a literal value")]
    [InlineData("sso:\n  - ssoId: g\n    oidc: {name: G, clientId: c}\n  - ssoId: g\n    oidc: {name: G, clientId: c}\n", "sso/acme.yaml:4:5: error: duplicate ssoId 'g' (first at line 2)")]
    [InlineData("sso:\n  - ssoId: g\n    saml: {idpUrl: https://x}\n    oidc: {name: G, clientId: c}\n", "sso/acme.yaml:2:5: error: SSO configuration 'g' has both saml and oidc")]
    [InlineData("sso:\n  - domains: [acme.com]\n", "sso/acme.yaml:2:5: error: the default SSO configuration (no ssoId) needs saml: or oidc:")]
    [InlineData("sso:\n  - ssoId: g\n    protocol: saml\n", "sso/acme.yaml:3:5: error: unknown field 'protocol' for a SSO configuration")]
    [InlineData("sso:\n  - ssoId: g\n    saml:\n      idpURL: https://x\n", "sso/acme.yaml:4:7: error: unknown field 'idpURL' for a SAML configuration")]
    [InlineData("sso:\n  - ssoId: g\n    saml:\n      roleMappings: [{groups: [a], role: Viewer}]\n", "error: unknown field 'role' for a role mapping")]
    [InlineData("sso:\n  - ssoId: g\n    domains: acme.com\n", "sso/acme.yaml:3:14: error: domains must be a list of text values")]
    [InlineData("sso:\n  - ssoId: g\n    oidc: {name: G, manageProviderTokens: maybe}\n", "error: manageProviderTokens must be true or false")]
    [InlineData("sso:\n  - ssoId: ../x\n    oidc: {name: G, clientId: c}\n", "sso/acme.yaml:2:5: error: ssoId '../x' cannot name one SSO configuration")]
    [InlineData("sso:\n  - ssoId: g\n    oidc: {name: G, clientId: ${SSO_SECRET}, clientSecret: hunter2-literal}\n", "sso/acme.yaml:3:60: error: SSO configuration 'g': oidc.clientSecret is written as a literal value")]
    [InlineData("sso: []\n# nothing\n", "")]
    [InlineData("", "sso/acme.yaml:1:1: error: is empty or holds only comments")]
    public void Sso_wrongShapesTypesAndLiteralSecrets_areErrorsAtTheirLine_neverEchoingTheSecret(string text, string expected)
    {
        var errors = Errors(Load("  sso: [acme]", ("sso/acme.yaml", text)));

        if (expected.Length == 0)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(expected, errors, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hunter2", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// A placeholder's value is data, whatever characters it holds: it never changes the file's YAML (a comment, an
    /// alias or a quote in a secret), never reaches an error message, and arrives exactly as set, plain or quoted,
    /// block or flow style.
    /// </summary>
    [Theory]
    [InlineData("*hunter2")]
    [InlineData("&hunter2")]
    [InlineData("!hunter2")]
    [InlineData("#hunter2")]
    [InlineData("ab #hunter2")]
    [InlineData("hunter2: x, y")]
    [InlineData("\"hunter2\\t'")]
    [InlineData("[hunter2")]
    [InlineData("{hunter2}")]
    [InlineData("|hunter2")]
    [InlineData("%hunter2 ")]
    public void Sso_secretHoldingYamlSyntax_arrivesExactly_neverInAnError(string secret)
    {
        foreach (var written in (string[])["clientSecret: ${SSO_SECRET}", "clientSecret: \"${SSO_SECRET}\"", "clientSecret: '${SSO_SECRET}'"])
        {
            var block = $"sso:\n  - ssoId: g\n    oidc:\n      name: G\n      {written}\n";
            var flow = $"sso:\n  - ssoId: g\n    oidc: {{name: G, {written}}}\n";
            foreach (var text in (string[])[block, flow])
            {
                var loaded = Load("  sso: [acme]", secret, ("sso/acme.yaml", text));

                Assert.Equal("", Errors(loaded));
                Assert.Equal(secret, loaded.Desired.Of(ResourceType.Sso)!["acme/g"].Document["oidc"]!["clientSecret"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Sso_fileWithTheYmlExtension_isAnError_notSilentlyLeftOut()
    {
        var errors = Errors(Load("  sso: [acme]", ("sso/acme.yml", Valid)));

        Assert.Contains("sso/acme.yml:1:1: error: is not read: SSO files are named <tenantId>.yaml (rename it to sso/acme.yaml)", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  sso: [acme]", "sso/globex.yaml:1:1: error: tenant 'globex' is not managed for SSO: add it to manage.sso in descope.yaml")]
    [InlineData("", "sso/globex.yaml:1:1: error: tenant 'globex' is not managed for SSO")]
    [InlineData("  sso: all", "sso/globex.yaml:1:1: error: tenant 'globex' is not in tenants.yaml: an SSO configuration needs its tenant")]
    [InlineData("  sso: true", "descope.yaml:9:8: error: manage.sso must be 'all' or a list of tenant IDs")]
    public void Sso_fileOfATenantNotManagedOrNotInTenantsYaml_isAnError(string manage, string expected)
    {
        var loaded = Load(manage,
            ("tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n"),
            ("sso/globex.yaml", "sso:\n  - ssoId: g\n    oidc: {name: G, clientId: c}\n"));

        Assert.Contains(expected, Errors(loaded), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false, false)]
    [InlineData("  sso: [acme]", true, false)]
    [InlineData("  sso: all", true, true)]
    [InlineData("  sso: []", false, false)]
    public void ManageSso_isOptInPerTenant(string manage, bool acme, bool globex)
    {
        var config = Load(manage).Config.Manage;

        Assert.Equal(acme, ResourceKinds.Sso.Manages(config, "acme/"));
        Assert.Equal(globex, ResourceKinds.Sso.Manages(config, "globex/okta"));
    }

    private static LiveSnapshot Live(string oidc) => new(new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>>
    {
        [ResourceType.Sso] = new Dictionary<string, JsonObject>
        {
            ["acme/google"] = JsonNode.Parse($$"""{"ssoId":"google","displayName":"Google","oidc":{{oidc}}}""")!.AsObject(),
        },
    }, UsedProjectSnapshot: false);

    [Fact]
    public void Plan_secretTheServiceCannotShow_isNoChangeAlone_andRidesAlongAnUpdateMasked()
    {
        var workspace = Load("  sso: [acme]", ("sso/acme.yaml", "sso:\n  - ssoId: google\n    oidc: {name: Google, clientId: cid, clientSecret: \"${SSO_SECRET}\"}\n")).EnsureValid();

        var same = Planner.Create(workspace, Live("""{"name":"Google","clientId":"cid"}"""), PlanScope.All);
        var changed = Planner.Create(workspace, Live("""{"name":"Google","clientId":"old"}"""), PlanScope.All).Actionable.Single();

        Assert.True(same.IsEmpty);
        Assert.Equal(["oidc.clientId", "oidc.clientSecret"], changed.Properties.Select(p => p.Path));
        Assert.Equal("\"(sensitive)\"", changed.Properties[1].New!.ToJsonString());
        Assert.Equal("(sensitive)", changed.Desired!["oidc"]!["clientSecret"]!.GetValue<string>());
        Assert.Equal(Secret, changed.Write!["oidc"]!["clientSecret"]!.GetValue<string>());
        var saved = SavedPlan.Create(new Plan([changed], []), new PlanTarget("P2dev", "dev", "local"), new HashSet<ResourceType> { ResourceType.Sso },
            PlanInputs.Of(workspace, Live("{}"), [ResourceType.Sso]), DateTimeOffset.UnixEpoch, "test").ToJson();
        Assert.DoesNotContain(Secret, saved, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", saved, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanInputs_secretChanged_changesTheFingerprint_whichHoldsNoPlainHashOfIt()
    {
        static (string Sha, JsonObject Document) Fingerprint(string secret)
        {
            var builder = new WorkspaceBuilder().File("descope.yaml", Config("  sso: [acme]"))
                .File("sso/acme.yaml", "sso:\n  - ssoId: google\n    oidc: {name: Google, clientId: cid, clientSecret: \"${SSO_SECRET}\"}\n");
            var workspace = WorkspaceLoader.Load(builder.Root, "dev", name => name == "DESCOPE_VAR_SSO_SECRET" ? secret : null).EnsureValid();
            var document = workspace.Desired.Of(ResourceType.Sso)!["acme/google"].Document;
            return (PlanInputs.Of(workspace, Live("{}"), [ResourceType.Sso]).Workspace.Single().Sha256, document);
        }

        var (first, document) = Fingerprint(Secret);
        var (second, _) = Fingerprint(Secret + "2");

        Assert.NotEqual(first, second);
        Assert.Equal(first, Fingerprint(Secret).Sha);
        Assert.NotEqual(PlanInputs.Sha256(document), first);
    }

    [Fact]
    public void CheckChange_displayNameChangedOrProtocolRemoved_isRefused_switchingProtocolIsNot()
    {
        var live = JsonNode.Parse("""{"ssoId":"g","displayName":"Google","saml":{"idpUrl":"https://x"}}""")!.AsObject();

        var renamed = Assert.Throws<UserError>(() => ResourceKinds.Sso.CheckChange("acme/g", live, JsonNode.Parse("""{"displayName":"G2","saml":{}}""")!.AsObject()));
        var unconfigured = Assert.Throws<UserError>(() => ResourceKinds.Sso.CheckChange("acme/g", live, JsonNode.Parse("""{"ssoId":"g"}""")!.AsObject()));
        ResourceKinds.Sso.CheckChange("acme/g", live, JsonNode.Parse("""{"ssoId":"g","oidc":{"name":"G","clientId":"c"}}""")!.AsObject());

        Assert.Contains("SSO configuration 'g' of tenant 'acme' changes displayName", renamed.Message, StringComparison.Ordinal);
        Assert.Contains("neither saml nor oidc", unconfigured.Message, StringComparison.Ordinal);
    }
}
