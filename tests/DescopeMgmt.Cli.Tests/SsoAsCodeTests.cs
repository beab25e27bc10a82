using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Roles;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Emulator;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Tenant SSO as code, end to end against the emulator: a tenant's SAML configuration round-trips pull → edit → plan →
/// apply → drift without ever showing or losing the OIDC client secret of its second configuration; a secret given as
/// ${NAME} is sent, shown only as (sensitive), and found in no output, saved plan, backup, audit or workspace file.
/// </summary>
public sealed class SsoAsCodeTests
{
    private const string SeededSecret = "seeded-oidc-secret-never-shown-0001";
    private const string NewSecret = "rotated-oidc-secret-never-shown-0002";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Hash(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// Tenant acme with a default SAML configuration and an OIDC one ("google") whose secret only the service holds,
    /// set through the official Node SDK where node is installed (another client's configuration), else through ours.
    /// </summary>
    private static async Task SeedAsync(CliHarness cli, string? node)
    {
        using var client = cli.Client();
        await client.Tenants.CreateAsync(new Api.Tenants.TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Roles.CreateAsync(new RoleWrite { Name = "Viewer" }, Ct);
        await client.Sso.ConfigureSamlAsync("acme", null, new SsoSamlWriteSettings
        {
            IdpUrl = "https://acme.okta.example/app/sso/saml",
            EntityId = "http://www.okta.com/exk-acme",
            IdpCert = "MIIDpDCCAoygAwIBAgIGAXAMPLE0ACME",
            RoleMappings = [new SsoRoleMapping { Groups = ["acme-viewers"], RoleName = "Viewer" }],
        }, "https://app.acme.example/sso/callback", ["acme.com"], Ct);
        if (node is not null)
        {
            var oidc = cli.SdkScriptEnv("configure-oidc");
            oidc["TENANT_ID"] = "acme";
            oidc["SSO_ID"] = "google";
            oidc["DISPLAY_NAME"] = "Acme Google";
            oidc["NAME"] = "Google";
            oidc["CLIENT_ID"] = "acme-client-1";
            oidc["CLIENT_SECRET"] = SeededSecret;
            oidc["AUTH_URL"] = "https://accounts.google.example/o/oauth2/auth";
            oidc["DOMAINS"] = "acme.io";
            var sdk = await NodeScripts.RunAsync(node, "identity.mjs", oidc);
            Assert.True(sdk.ExitCode == 0, sdk.Output);
        }
        else
        {
            await client.Sso.CreateAsync("acme", "google", "Acme Google", Ct);
            await client.Sso.ConfigureOidcAsync("acme", "google", new SsoOidcWriteSettings
            {
                Name = "Google",
                ClientId = "acme-client-1",
                ClientSecret = SeededSecret,
                AuthUrl = "https://accounts.google.example/o/oauth2/auth",
                Scope = ["openid", "email"],
            }, ["acme.io"], Ct);
        }

        cli.Host.Requests.Clear();
    }

    private static string? StoredSecretHash(string dataDir, string ssoId) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dataDir, "projects", CliHarness.ProjectId + ".json")))!["sso"]!["acme"]!.AsArray()
            .Single(c => c!["ssoId"]!.GetValue<string>() == ssoId)!["oidc"]?["clientSecretHash"]?.GetValue<string>();

    /// <summary>Pulls, then sets acme's OIDC configuration's client ID to <paramref name="clientId"/> and adds a clientSecret line holding <paramref name="secret"/>.</summary>
    private static async Task PullWithClientSecretAsync(CliHarness cli, string clientId, string secret)
    {
        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "sso", "acme.yaml");
        var text = await File.ReadAllTextAsync(file, Ct);
        await File.WriteAllTextAsync(file, text.Replace("      clientId: \"acme-client-1\"\n", $"      clientId: \"{clientId}\"\n      clientSecret: \"{secret}\"\n", StringComparison.Ordinal), Ct);
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    private static async Task<CliHarness> WorkspaceAsync(TempDirectory data, string? node = null)
    {
        var cli = await CliHarness.StartAsync(new EmulatorOptions { ManagementKey = CliHarness.Key, DataDir = data.Path });
        await SeedAsync(cli, node);
        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        var config = Path.Combine(cli.WorkingDirectory, "descope.yaml");
        var text = await File.ReadAllTextAsync(config, Ct);
        var at = text.IndexOf("  deleteMissing:", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text[..at] + "  sso: [acme]\n" + text[at..], Ct);
        return cli;
    }

    [Fact]
    public async Task PullEditPlanApplyDrift_samlChange_isInPlace_secretNeverShownNorLost_thenTemplatedSecretIsSentAndNeverWritten()
    {
        var node = NodeScripts.FindNodeOrSkipReason(out _);
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data, node);
        var runs = new List<CliResult>();
        async Task<CliResult> Run(params string[] args)
        {
            var result = await cli.RunAsync(args);
            runs.Add(result);
            return result;
        }

        var seededHash = StoredSecretHash(data.Path, "google");
        Assert.Equal(Hash(SeededSecret), seededHash);

        var pull = await Run("pull");
        Assert.True(pull.ExitCode == 0, pull.Error);
        var file = Path.Combine(cli.WorkingDirectory, "sso", "acme.yaml");
        var pulled = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains("ssoId: \"google\"", pulled, StringComparison.Ordinal);
        Assert.Contains("idpUrl: \"https://acme.okta.example/app/sso/saml\"", pulled, StringComparison.Ordinal);
        Assert.DoesNotContain("clientSecret:", pulled.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Aggregate("", (a, l) => a + l), StringComparison.Ordinal);
        Assert.Equal(0, (await Run("plan", "--detailed-exitcode")).ExitCode);

        // An edit of one SAML field: the plan shows exactly that field, and nothing about the secret.
        await File.WriteAllTextAsync(file, pulled.Replace("https://acme.okta.example/app/sso/saml", "https://acme.okta.example/app/sso/saml2", StringComparison.Ordinal), Ct);
        var plan = await Run("plan", "--detailed-exitcode");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("saml.idpUrl", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 1 to update, 0 to delete.", plan.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("google", plan.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("clientSecret", plan.All, StringComparison.Ordinal);

        var apply = await Run("apply", "--yes");
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.DoesNotContain(cli.Host.Requests.Snapshot(), r => r.Method == "DELETE" || r.Path.Contains("/settings/new", StringComparison.Ordinal));
        Assert.Contains(cli.Host.Requests.Snapshot(), r => r.Path == "/v1/mgmt/sso/saml");
        Assert.Equal(seededHash, StoredSecretHash(data.Path, "google"));
        using (var client = cli.Client())
        {
            var live = await client.Sso.LoadAllAsync("acme", Ct);
            Assert.Equal(["", "google"], live.Select(c => c.SsoId ?? "").Order(StringComparer.Ordinal));
            Assert.Equal("https://acme.okta.example/app/sso/saml2", live.Single(c => string.IsNullOrEmpty(c.SsoId)).Saml!.IdpSsoUrl);
        }

        Assert.Equal(0, (await Run("drift")).ExitCode);

        // A secret as ${NAME} with an OIDC change: shown as (sensitive), sent, saved nowhere.
        cli.Variables["DESCOPE_VAR_SSO_SECRET"] = NewSecret;
        var edited = (await File.ReadAllTextAsync(file, Ct)).Replace("clientId: \"acme-client-1\"", "clientId: \"acme-client-2\"\n      clientSecret: \"${SSO_SECRET}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, edited, Ct);
        var planFile = Path.Combine(cli.WorkingDirectory, "sso-plan.json");
        var secretPlan = await Run("plan", "--out", planFile);
        Assert.True(secretPlan.ExitCode == 0, secretPlan.Error);
        Assert.Contains("oidc.clientId", secretPlan.Out, StringComparison.Ordinal);
        Assert.Contains("oidc.clientSecret", secretPlan.Out, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", secretPlan.Out, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", (await Run("plan", "--output", "json")).Out, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", (await Run("drift", "--format", "markdown")).Out, StringComparison.Ordinal);

        var applySaved = await Run("apply", planFile, "--yes");
        Assert.True(applySaved.ExitCode == 0, applySaved.Error);
        Assert.Equal(Hash(NewSecret), StoredSecretHash(data.Path, "google"));
        Assert.Equal(0, (await Run("drift")).ExitCode);
        Assert.Equal(0, (await Run("backup", "create")).ExitCode);

        if (node is not null)
        {
            var read = await cli.ReadThroughSdkAsync(node, "identity.mjs", "acme");
            var google = read["sso"]!["acme"]!.AsArray().Single(c => c!["ssoId"]?.GetValue<string>() == "google")!;
            Assert.Equal("acme-client-2", google["oidc"]!["clientId"]!.GetValue<string>());
            // The secret is plain ASCII, so the re-serialised answer holds it exactly as the script printed it.
            Assert.DoesNotContain(NewSecret, read.ToJsonString(), StringComparison.Ordinal);
        }

        var everywhere = runs.Select(r => ("output", r.Out + r.Error))
            .Concat(FilesUnder(cli.Home).Concat(FilesUnder(cli.WorkingDirectory)).Select(f => (f, File.ReadAllText(f))));
        foreach (var (where, content) in everywhere)
        {
            Assert.False(content.Contains(NewSecret, StringComparison.Ordinal), $"the templated secret is in {where}");
            Assert.False(content.Contains(SeededSecret, StringComparison.Ordinal), $"the seeded secret is in {where}");
        }

        Assert.Contains(FilesUnder(Path.Combine(cli.Home, "backups")), f => f.Contains($"{Path.DirectorySeparatorChar}sso{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Contains("(sensitive)", await File.ReadAllTextAsync(planFile, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_configurationRemovedWithDeleteMissing_namesTheTenantAndDeletesOnlyIt()
    {
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data);
        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "sso", "acme.yaml");
        var text = await File.ReadAllTextAsync(file, Ct);
        await File.WriteAllTextAsync(file, text[..text.IndexOf("  - ssoId: \"google\"", StringComparison.Ordinal)], Ct);
        var plainPlan = await cli.RunAsync("plan", "--detailed-exitcode");
        var config = Path.Combine(cli.WorkingDirectory, "descope.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config, Ct)).Replace("deleteMissing: false", "deleteMissing: true", StringComparison.Ordinal), Ct);

        var markdown = await cli.RunAsync("plan", "--format", "markdown");
        cli.Host.Requests.Clear();
        var apply = await cli.RunAsync("apply", "--yes");

        Assert.Equal(0, plainPlan.ExitCode);
        Assert.Contains("!   deletes SSO configuration 'google' of tenant 'acme': its users cannot sign in with it", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("sso:acme/google", plainPlan.Out, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Contains("deletes SSO configuration 'google' of tenant 'acme': its users cannot sign in with it", apply.All, StringComparison.Ordinal);
        Assert.Equal([("DELETE", "/v1/mgmt/sso/settings")], cli.Host.Requests.Snapshot().Where(r => r.Method == "DELETE" || r.Path.StartsWith("/v1/mgmt/sso/", StringComparison.Ordinal))
            .Select(r => (r.Method, r.Path)));
        using var client = cli.Client();
        Assert.Equal([""], (await client.Sso.LoadAllAsync("acme", Ct)).Select(c => c.SsoId ?? ""));
    }

    [Fact]
    public async Task Apply_newConfigurationAndSamlSwitchedToOidc_createsThenConfiguresInPlace_readsOncePerTenant_undoRestoresIt()
    {
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data);
        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "sso", "acme.yaml");
        var text = await File.ReadAllTextAsync(file, Ct);
        var start = text.IndexOf("  - domains: [\"acme.com\"]", StringComparison.Ordinal);
        var end = text.IndexOf("  - ssoId: \"google\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text[..start]
            + "  - domains: [acme.com]\n    oidc: {name: Okta, clientId: okta-client, authUrl: \"https://acme.okta.example/oauth2/v1/authorize\"}\n"
            + text[end..]
            + "  - ssoId: azure\n    displayName: Acme Azure\n    domains: [acme.net]\n    saml: {idpUrl: \"https://login.azure.example/saml\", entityId: \"urn:azure\", idpCert: MIIC}\n", Ct);

        cli.Host.Requests.Clear();
        var plan = await cli.RunAsync("plan");
        var loadsPerPlan = cli.Host.Requests.Snapshot().Count(r => r.Path == "/v2/mgmt/sso/settings/all");
        cli.Host.Requests.Clear();
        var apply = await cli.RunAsync("apply", "--yes");
        var writes = cli.Host.Requests.Snapshot().Where(r => r.Method != "GET" && r.Path.StartsWith("/v1/mgmt/sso/", StringComparison.Ordinal)).Select(r => (r.Method, r.Path)).ToList();

        Assert.Contains("Plan: 1 to create, 1 to update, 0 to delete.", plan.Out, StringComparison.Ordinal);
        Assert.Equal(1, loadsPerPlan);
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal([("POST", "/v1/mgmt/sso/oidc"), ("POST", "/v1/mgmt/sso/settings/new"), ("POST", "/v1/mgmt/sso/saml")], writes);
        Assert.Equal(0, (await cli.RunAsync("drift")).ExitCode);
        using var client = cli.Client();
        var live = await client.Sso.LoadAllAsync("acme", Ct);
        Assert.Equal(SsoProtocol.Oidc, live.Single(c => string.IsNullOrEmpty(c.SsoId)).Protocol);
        Assert.Equal("Acme Azure", live.Single(c => c.SsoId == "azure").DisplayName);

        // The undo the apply printed restores the backup: the default configuration is SAML again (in place), the
        // new one is deleted, and the OIDC secret the service holds for google is still its own.
        var hash = StoredSecretHash(data.Path, "google");
        Assert.StartsWith("backup restore", apply.UndoCommand, StringComparison.Ordinal);
        var undo = await cli.RunAsync([.. apply.UndoCommand.Split(' '), "--yes"]);
        Assert.True(undo.ExitCode == 0, undo.Error);
        var restored = await client.Sso.LoadAllAsync("acme", Ct);
        Assert.Equal(["", "google"], restored.Select(c => c.SsoId ?? "").Order(StringComparer.Ordinal));
        Assert.Equal("https://acme.okta.example/app/sso/saml", restored.Single(c => string.IsNullOrEmpty(c.SsoId)).Saml!.IdpSsoUrl);
        Assert.Equal(hash, StoredSecretHash(data.Path, "google"));
        Assert.Equal(2, (await cli.RunAsync("drift")).ExitCode);
    }

    [Fact]
    public async Task Apply_newConfigurationWhoseConfigureIsRefused_saysItExistsUnconfigured_exit3_andTheRerunFinishesIt()
    {
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data);
        Assert.Equal(0, (await cli.RunAsync("pull")).ExitCode);
        var file = Path.Combine(cli.WorkingDirectory, "sso", "acme.yaml");
        var text = await File.ReadAllTextAsync(file, Ct);
        await File.WriteAllTextAsync(file, text.Replace("[\"acme.com\"]", "[\"acme.com\", \"acme.org\"]", StringComparison.Ordinal)
            + "  - ssoId: azure\n    displayName: Acme Azure\n    saml: {idpUrl: \"https://login.azure.example/saml\", entityId: \"urn:azure\", idpCert: MIIC}\n", Ct);
        // The default configuration's configure works; the new one's (after its sso/settings/new) is refused with a 400.
        cli.Host.Faults.Add(Emulator.Faults.FaultSpec.Parse("400@/v1/mgmt/sso/saml#2"));

        var apply = await cli.RunAsync("apply", "--yes");
        using var client = cli.Client();
        var live = await client.Sso.LoadAllAsync("acme", Ct);

        Assert.Equal(3, apply.ExitCode);
        Assert.Null(live.Single(c => c.SsoId == "azure").Saml);
        Assert.Contains("SSO configuration 'azure' of tenant 'acme' was created, but configuring it failed: it exists now without its SAML settings", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was changed", apply.Error, StringComparison.Ordinal);
        Assert.Contains("Run the same command again to finish", apply.Error, StringComparison.Ordinal);
        Assert.StartsWith("backup restore", apply.UndoCommand, StringComparison.Ordinal);

        cli.Host.Faults.Clear();
        var again = await cli.RunAsync("apply", "--yes");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal("https://login.azure.example/saml", (await client.Sso.LoadAllAsync("acme", Ct)).Single(c => c.SsoId == "azure").Saml!.IdpSsoUrl);
    }

    [Fact]
    public async Task Plan_clientSecretPlaceholderNotDefined_namesThePlaceholder_notMaskedAsSensitive()
    {
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data);
        await PullWithClientSecretAsync(cli, "acme-client-1", "${ACME_GOOGLE_SECRET}");

        var plan = await cli.RunAsync("plan");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("${ACME_GOOGLE_SECRET} is not defined: add ACME_GOOGLE_SECRET to the environment's vars", plan.Error, StringComparison.Ordinal);
    }

    /// <summary>Redacting a one-letter secret from all text would mangle every word holding that letter (and so tell the secret).</summary>
    [Fact]
    public async Task Plan_shortClientSecret_isMaskedWhereItGoes_withoutManglingTheRestOfTheOutput()
    {
        using var data = new TempDirectory();
        await using var cli = await WorkspaceAsync(data);
        await PullWithClientSecretAsync(cli, "acme-client-2", "${SHORT}");
        cli.Variables["DESCOPE_VAR_SHORT"] = "e";

        var plan = await cli.RunAsync("plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("sso \"acme/google\" will be updated", plan.Out, StringComparison.Ordinal);
        Assert.Contains("oidc.clientSecret: \"(sensitive)\"", plan.Out, StringComparison.Ordinal);
    }
}
