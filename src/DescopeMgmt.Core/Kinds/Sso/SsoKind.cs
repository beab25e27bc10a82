using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds.Sso;

/// <summary>
/// Tenants' SSO configurations, opt-in per tenant (<c>manage: sso: [acme]</c> or <c>all</c>). The item ID is
/// <c>&lt;tenantId&gt;/&lt;ssoId&gt;</c>; the tenant's default configuration (no SSO ID) is <c>&lt;tenantId&gt;/</c>.
/// Reads are v2, one <c>sso/settings/all</c> per managed tenant plus one tenant list (which managed tenants exist):
/// T+1 calls for T tenants, whatever the number of configurations. Writes are v1: a new configuration is
/// <c>sso/settings/new</c> then one configure; a changed one is configured in place, SAML↔OIDC included (the configure
/// call replaces the protocol), never deleted and made again: that would change its ACS URL, and the customer's IdP
/// admin would have to set it up again. The OIDC client secret is sensitive: never read, sent only when the file has one.
/// </summary>
public sealed partial class SsoKind : ResourceKind
{
    public override ResourceType Type => ResourceType.Sso;

    public override string Name => "sso";

    public override string KindsName => "sso";

    public override string ItemNoun => "SSO configuration";

    // After tenants (a configuration needs its tenant) and roles (its role mappings name roles that must exist);
    // deleted before them.
    public override int Order => 7;

    public override bool HasRollbackCommand => false;

    public override bool ManagedByList => true;

    public override string ManagedByListNoun => "tenant";

    public override IReadOnlyList<string> SensitivePaths { get; } = ["oidc.clientSecret"];

    public override string? RestoreCaveat => "a deleted OIDC configuration comes back without its client secret (the service never returns it): set it with clientSecret: ${NAME} and apply";

    // displayName is set once, by sso/settings/new: no write changes it (CheckChange refuses a new one instead of
    // planning an update that could never happen).
    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal) { "displayName", "oidc.clientSecret" }, ZeroValuesAreAbsent: true);

    public override string BackupPath(string fileStem) => $"sso/{fileStem}.json";

    /// <summary>The item ID of a configuration: <c>acme/okta</c>, or <c>acme/</c> for the tenant's default one. Tenant IDs never hold a slash.</summary>
    public static string Id(string tenantId, string? ssoId) => $"{tenantId}/{ssoId}";

    /// <summary>The (tenant, SSO ID) of an item ID made by <see cref="Id"/>; the SSO ID is empty for the default configuration.</summary>
    public static (string TenantId, string SsoId) Split(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (id, "") : (id[..slash], id[(slash + 1)..]);
    }

    /// <summary>The configuration as messages name it: <c>SSO configuration 'okta' of tenant 'acme'</c>.</summary>
    public static string Describe(string id)
    {
        var (tenantId, ssoId) = Split(id);
        return ssoId.Length == 0
            ? $"the default SSO configuration of tenant '{ItemIds.Printable(tenantId)}'"
            : $"SSO configuration '{ItemIds.Printable(ssoId)}' of tenant '{ItemIds.Printable(tenantId)}'";
    }

    public override string? DeleteConsequence(string id) => $"deletes {Describe(id)}: its users cannot sign in with it";

    public override bool Manages(Workspace.ManageConfig manage, string id) => manage.ManagesListed(Type, Split(id).TenantId);

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(client, [id], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);

    public override async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var all = await ReadTenantsAsync(client, wanted.Select(id => Split(id).TenantId).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return all.Where(c => wanted.Contains(c.Key)).ToDictionary(StringComparer.Ordinal);
    }

    public override Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken)
    {
        // Without a workspace (a backup outside one) every tenant is read; with one, only the tenants it manages.
        IReadOnlySet<string>? tenants = null;
        if (context.Manage is { } manage)
        {
            if (!manage.Manages(Type))
            {
                return Task.FromResult<IReadOnlyDictionary<string, JsonObject>>(new Dictionary<string, JsonObject>(StringComparer.Ordinal));
            }

            tenants = manage.Listed.GetValueOrDefault(Type);
        }

        return ReadTenantsAsync(context.Client, tenants, cancellationToken);
    }

    /// <summary>Every configuration of <paramref name="tenantIds"/> (null: of every tenant) that exist live: one tenant list, then one read per tenant.</summary>
    private static async Task<IReadOnlyDictionary<string, JsonObject>> ReadTenantsAsync(DescopeClient client, IReadOnlySet<string>? tenantIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var live = (await client.Tenants.LoadAllAsync(cancellationToken).ConfigureAwait(false)).Select(t => t.Id)
            .Where(id => tenantIds is null || tenantIds.Contains(id)).Order(StringComparer.Ordinal).ToList();
        foreach (var tenantId in live)
        {
            foreach (var settings in await client.Sso.LoadAllAsync(tenantId, cancellationToken).ConfigureAwait(false))
            {
                var document = SsoDocuments.ToDocument(settings);
                SsoDocuments.Normalize(document);
                result[Id(tenantId, settings.SsoId)] = document;
            }
        }

        return result;
    }

    public override void CheckChange(string id, JsonObject live, JsonObject desired)
    {
        if (Text(desired["displayName"]) is { Length: > 0 } wanted && Text(live["displayName"]) is { Length: > 0 } current && wanted != current)
        {
            throw new UserError("sso_display_name",
                $"{Capitalized(Describe(id))} changes displayName from '{current}' to '{wanted}', which the SSO API cannot change after creation. Nothing was changed.",
                $"Put displayName back to '{current}' in {FileOf(id)} (or leave it out).");
        }

        if (live["saml"] is not null || live["oidc"] is not null)
        {
            if (desired["saml"] is null && desired["oidc"] is null)
            {
                throw new UserError("sso_protocol_removed",
                    $"{Capitalized(Describe(id))} is configured live but {FileOf(id)} gives it neither saml nor oidc; the SSO API cannot unconfigure it. Nothing was changed.",
                    $"Give it saml: or oidc: in {FileOf(id)}, or remove the entry and set manage.deleteMissing to delete it.");
            }
        }
    }

    public override async Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(Type, id);
        var (tenantId, ssoId) = Split(id);
        var domains = SsoDocuments.Domains(desired, key);
        // The default configuration has no SSO ID to create it under: its first configure creates it.
        if (!exists && ssoId.Length > 0)
        {
            await client.Sso.CreateAsync(tenantId, ssoId, Text(desired["displayName"]) is { Length: > 0 } name ? name : ssoId, cancellationToken).ConfigureAwait(false);
            try
            {
                await ConfigureAsync(client, key, tenantId, ssoId, desired, domains, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WriteNotSentException || ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The configuration exists now, whatever the configure's answer: a refusal (4xx) or a configure never
                // sent (a signal while it waited) must not read as "nothing changed" or "not started" in the report.
                var what = $"{Capitalized(Describe(id))} was created, but configuring it failed: it exists now without its {(desired["saml"] is null ? "OIDC" : "SAML")} settings ({ex.Message})";
                throw cancellationToken.IsCancellationRequested
                    ? new OperationCanceledException(what, ex, cancellationToken)
                    : new PartlyWrittenException(what, ex);
            }

            return;
        }

        await ConfigureAsync(client, key, tenantId, ssoId, desired, domains, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ConfigureAsync(DescopeClient client, ResourceKey key, string tenantId, string ssoId, JsonObject desired, IReadOnlyCollection<string>? domains, CancellationToken cancellationToken)
    {
        if (desired["saml"] is JsonObject saml)
        {
            var (settings, redirectUrl) = SsoDocuments.ToSamlWrite(saml, key);
            await client.Sso.ConfigureSamlAsync(tenantId, ssoId, settings, redirectUrl, domains, cancellationToken).ConfigureAwait(false);
        }
        else if (desired["oidc"] is JsonObject oidc)
        {
            await client.Sso.ConfigureOidcAsync(tenantId, ssoId, SsoDocuments.ToOidcWrite(oidc, key), domains, cancellationToken).ConfigureAwait(false);
        }
        else if (ssoId.Length == 0)
        {
            throw new UserError("sso_default_unconfigured", $"{Capitalized(Describe(key.Id))} has neither saml nor oidc, and a default configuration is made by configuring it.",
                $"Give it saml: or oidc: in {FileOf(key.Id)}.");
        }
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken)
    {
        var (tenantId, ssoId) = Split(id);
        return client.Sso.DeleteAsync(tenantId, ssoId, cancellationToken);
    }

    private static string FileOf(string id) => $"{Folder}/{Split(id).TenantId}.yaml";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
