using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds;

/// <summary>The project's one theme (ID <c>theme</c>): only ever replaced, never deleted.</summary>
public sealed class ThemeKind : ResourceKind
{
    public override ResourceType Type => ResourceType.Theme;

    public override string Name => "theme";

    public override string KindsName => "theme";

    public override int Order => 0;

    public override bool CanDelete => false;

    public override bool HasRollbackCommand => false;

    public override DiffOptions Diff { get; } = new(
        new HashSet<string>(StringComparer.Ordinal) { "id", "version", "etag", "modifiedTime" },
        ZeroValuesAreAbsent: false);

    public override string BackupPath(string fileStem) => "theme.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Themes.ExportAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DescopeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        client.Themes.ImportAsync(desired, cancellationToken);
}
