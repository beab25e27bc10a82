using System.Text.Json.Nodes;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Themes;

/// <summary>Project theme export/import, v2 by default (what descopecli and Terraform use).</summary>
public sealed class ThemesApi
{
    private readonly ApiTransport _transport;

    internal ThemesApi(ApiTransport transport) => _transport = transport;

    public Task<JsonObject> ExportAsync(CancellationToken cancellationToken = default) =>
        ExportAtAsync("/v2/mgmt/theme/export", "export theme", cancellationToken);

    public Task ImportAsync(JsonObject theme, CancellationToken cancellationToken = default) =>
        ImportAtAsync("/v2/mgmt/theme/import", theme, "import theme", cancellationToken);

    public Task<JsonObject> ExportV1Async(CancellationToken cancellationToken = default) =>
        ExportAtAsync("/v1/mgmt/theme/export", "export theme (v1)", cancellationToken);

    public Task ImportV1Async(JsonObject theme, CancellationToken cancellationToken = default) =>
        ImportAtAsync("/v1/mgmt/theme/import", theme, "import theme (v1)", cancellationToken);

    private async Task<JsonObject> ExportAtAsync(string path, string operation, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(ApiCall.Post(path, operation, RequestKind.Read), new EmptyBody(),
            ApiJsonContext.Default.EmptyBody, ApiJsonContext.Default.ThemeEnvelope, cancellationToken).ConfigureAwait(false);
        return response.Theme!;
    }

    private Task ImportAtAsync(string path, JsonObject theme, string operation, CancellationToken cancellationToken) =>
        _transport.SendAsync(ApiCall.Post(path, operation, RequestKind.Write), new ThemeEnvelope { Theme = theme },
            ApiJsonContext.Default.ThemeEnvelope, cancellationToken);
}
