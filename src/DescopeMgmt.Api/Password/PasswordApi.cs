using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Password;

/// <summary>The password policy under <c>/v1/mgmt/password/settings</c>, for the project or one tenant.</summary>
public sealed class PasswordApi
{
    private readonly ApiTransport _transport;

    internal PasswordApi(ApiTransport transport) => _transport = transport;

    /// <summary>The policy of <paramref name="tenantId"/>, or of the project when it is null or empty.</summary>
    public Task<PasswordSettings> GetSettingsAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        var query = string.IsNullOrEmpty(tenantId) ? "" : $"?tenantId={Uri.EscapeDataString(tenantId)}";
        return _transport.SendAsync<EmptyBody, PasswordSettings>(ApiCall.Get($"/v1/mgmt/password/settings{query}", $"read the password policy of {Scope(tenantId)}"),
            null, null, ApiJsonContext.Default.PasswordSettings, cancellationToken);
    }

    /// <summary>
    /// Overwrites every field of the policy of <paramref name="tenantId"/> (the project's when null or empty) with
    /// <paramref name="settings"/>; its own <see cref="PasswordSettings.TenantId"/> is ignored. Repeating it is harmless.
    /// </summary>
    public Task UpdateSettingsAsync(string? tenantId, PasswordSettings settings, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/password/settings", $"set the password policy of {Scope(tenantId)}", RequestKind.Write),
            settings with { TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId }, ApiJsonContext.Default.PasswordSettings, cancellationToken);

    private static string Scope(string? tenantId) => string.IsNullOrEmpty(tenantId) ? "the project" : $"tenant '{tenantId}'";
}
