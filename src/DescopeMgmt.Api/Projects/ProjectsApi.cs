using System.Text.Json;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Projects;

/// <summary>Project snapshot export/import/validate and the license handshake.</summary>
public sealed class ProjectsApi
{
    private readonly ApiTransport _transport;

    internal ProjectsApi(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// The project's files. A refusal (no snapshot export on the plan) is a <see cref="DescopeApiException"/>;
    /// one with <see cref="DescopeApiException.IsUnauthorized"/> is a wrong key, not a missing feature.
    /// </summary>
    public async Task<Dictionary<string, JsonElement>> ExportSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(ApiCall.Post("/v1/mgmt/project/snapshot/export", "export project snapshot", RequestKind.Read),
            new SnapshotExportRequest(), ApiJsonContext.Default.SnapshotExportRequest, ApiJsonContext.Default.SnapshotFiles, cancellationToken).ConfigureAwait(false);
        return response.Files;
    }

    public Task ImportSnapshotAsync(SnapshotImportRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/project/snapshot/import", "import project snapshot", RequestKind.Write),
            request, ApiJsonContext.Default.SnapshotImportRequest, cancellationToken);

    public Task<SnapshotValidation> ValidateSnapshotAsync(SnapshotImportRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/project/snapshot/validate", "validate project snapshot", RequestKind.Read),
            request, ApiJsonContext.Default.SnapshotImportRequest, ApiJsonContext.Default.SnapshotValidation, cancellationToken);

    /// <summary>The project's rate-limit tier (the SDKs' license handshake).</summary>
    public async Task<string?> GetLicenseTierAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, LicenseResponse>(ApiCall.Get("/v1/mgmt/license", "read license"),
            null, null, ApiJsonContext.Default.LicenseResponse, cancellationToken).ConfigureAwait(false);
        return response.RateLimitTier;
    }
}
