using System.Text.Json;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Projects;

/// <summary>Project snapshot export/import/validate and the license handshake.</summary>
public sealed class ProjectsApi
{
    private readonly ApiTransport _transport;

    internal ProjectsApi(ApiTransport transport) => _transport = transport;

    public async Task<Dictionary<string, JsonElement>> ExportSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, "/v1/mgmt/project/snapshot/export", new SnapshotExportRequest(),
            ApiJsonContext.Default.SnapshotExportRequest, ApiJsonContext.Default.SnapshotFiles, "export project snapshot", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response?.Files ?? [];
    }

    public Task ImportSnapshotAsync(SnapshotImportRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendAsync<SnapshotImportRequest, EmptyBody>(HttpMethod.Post, "/v1/mgmt/project/snapshot/import", request,
            ApiJsonContext.Default.SnapshotImportRequest, null, "import project snapshot", repeatable: true, cancellationToken);

    public async Task<SnapshotValidation> ValidateSnapshotAsync(SnapshotImportRequest request, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, "/v1/mgmt/project/snapshot/validate", request,
            ApiJsonContext.Default.SnapshotImportRequest, ApiJsonContext.Default.SnapshotValidation, "validate project snapshot", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response ?? new SnapshotValidation();
    }

    /// <summary>The project's rate-limit tier (the SDKs' license handshake).</summary>
    public async Task<string?> GetLicenseTierAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, LicenseResponse>(HttpMethod.Get, "/v1/mgmt/license", null,
            null, ApiJsonContext.Default.LicenseResponse, "read license", repeatable: true, cancellationToken).ConfigureAwait(false);
        return response?.RateLimitTier;
    }
}
