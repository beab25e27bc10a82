using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Sso;

/// <summary>
/// A tenant's SSO configurations: read through <c>/v2/mgmt/sso/settings</c>, written through <c>/v1/mgmt/sso/saml</c>,
/// <c>/saml/metadata</c> and <c>/oidc</c>, deleted through <c>DELETE /v1/mgmt/sso/settings</c>. A configuration is named
/// by (tenant ID, SSO ID); a null or empty SSO ID is the tenant's default configuration.
/// </summary>
public sealed class SsoApi
{
    private readonly ApiTransport _transport;

    internal SsoApi(ApiTransport transport) => _transport = transport;

    /// <summary>Every SSO configuration of the tenant (none: an empty list).</summary>
    public async Task<IReadOnlyList<SsoSettings>> LoadAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, SsoSettingsList>(
            ApiCall.Get($"/v2/mgmt/sso/settings/all?tenantId={Uri.EscapeDataString(tenantId)}", $"load the SSO configurations of tenant '{tenantId}'"),
            null, null, ApiJsonContext.Default.SsoSettingsList, cancellationToken).ConfigureAwait(false);
        return response.SsoSettings;
    }

    /// <summary>One configuration of the tenant (its default one when <paramref name="ssoId"/> is null or empty).</summary>
    public async Task<SsoSettings> LoadAsync(string tenantId, string? ssoId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, SsoSettingsAnswer>(
            ApiCall.Get($"/v2/mgmt/sso/settings{Query(tenantId, ssoId)}", $"load {Describe(tenantId, ssoId)}"),
            null, null, ApiJsonContext.Default.SsoSettingsAnswer, cancellationToken).ConfigureAwait(false);
        return response.ToSettings();
    }

    /// <summary>
    /// Adds an empty configuration to the tenant (the service picks the SSO ID when <paramref name="ssoId"/> is null).
    /// Not repeated after a dropped connection: a repeat of a create that worked answers "already exists".
    /// </summary>
    public async Task<SsoSettings> CreateAsync(string tenantId, string? ssoId, string displayName, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/sso/settings/new", $"create {Describe(tenantId, ssoId)}", RequestKind.WriteOnce),
            new SsoNewRequest { TenantId = tenantId, SsoId = NullIfEmpty(ssoId), DisplayName = displayName },
            ApiJsonContext.Default.SsoNewRequest, ApiJsonContext.Default.SsoSettingsAnswer, cancellationToken).ConfigureAwait(false);
        return response.ToSettings();
    }

    /// <summary>
    /// Sets the configuration to SAML with <paramref name="settings"/> (replacing OIDC settings it had), by metadata URL
    /// when <see cref="SsoSamlWriteSettings.IdpMetadataUrl"/> is set. Repeating it is harmless.
    /// </summary>
    public Task ConfigureSamlAsync(string tenantId, string? ssoId, SsoSamlWriteSettings settings, string? redirectUrl, IReadOnlyCollection<string>? domains,
        CancellationToken cancellationToken = default)
    {
        var byMetadata = !string.IsNullOrEmpty(settings.IdpMetadataUrl);
        var request = new SsoSamlRequest
        {
            TenantId = tenantId,
            SsoId = NullIfEmpty(ssoId),
            Settings = settings,
            RedirectUrl = redirectUrl,
            Domains = domains?.ToList(),
        };
        return _transport.SendAsync(ApiCall.Post(byMetadata ? "/v1/mgmt/sso/saml/metadata" : "/v1/mgmt/sso/saml", $"configure SAML for {Describe(tenantId, ssoId)}", RequestKind.Write),
            request, ApiJsonContext.Default.SsoSamlRequest, cancellationToken);
    }

    /// <summary>
    /// Sets the configuration to OIDC with <paramref name="settings"/>. A null client secret is not sent and the service keeps its own.
    /// Repeating it is harmless.
    /// </summary>
    public Task ConfigureOidcAsync(string tenantId, string? ssoId, SsoOidcWriteSettings settings, IReadOnlyCollection<string>? domains,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/sso/oidc", $"configure OIDC for {Describe(tenantId, ssoId)}", RequestKind.Write),
            new SsoOidcRequest { TenantId = tenantId, SsoId = NullIfEmpty(ssoId), Settings = settings, Domains = domains?.ToList() },
            ApiJsonContext.Default.SsoOidcRequest, cancellationToken);

    /// <summary>Removes the configuration. Not repeated after a dropped connection: a repeat of a delete that worked answers "not found".</summary>
    public Task DeleteAsync(string tenantId, string? ssoId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync<EmptyBody>(ApiCall.Delete($"/v1/mgmt/sso/settings{Query(tenantId, ssoId)}", $"delete {Describe(tenantId, ssoId)}", RequestKind.WriteOnce),
            null, null, cancellationToken);

    private static string Query(string tenantId, string? ssoId) =>
        $"?tenantId={Uri.EscapeDataString(tenantId)}" + (string.IsNullOrEmpty(ssoId) ? "" : $"&ssoId={Uri.EscapeDataString(ssoId)}");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Describe(string tenantId, string? ssoId) =>
        string.IsNullOrEmpty(ssoId) ? $"the SSO configuration of tenant '{tenantId}'" : $"SSO configuration '{ssoId}' of tenant '{tenantId}'";
}
