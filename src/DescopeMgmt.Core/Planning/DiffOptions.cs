using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// What a comparison ignores: server-managed fields (the service sets them on every write) and, for
/// tenants, the difference between a missing field and its zero value (the service omits zero values).
/// </summary>
public sealed record DiffOptions(IReadOnlySet<string> IgnoredPaths, bool ZeroValuesAreAbsent)
{
    private static readonly DiffOptions FlowOptions = new(
        new HashSet<string>(StringComparer.Ordinal) { "etag", "version", "modifiedTime", "metadata.etag", "metadata.version", "metadata.modifiedTime" },
        ZeroValuesAreAbsent: false);

    private static readonly DiffOptions ThemeOptions = new(
        new HashSet<string>(StringComparer.Ordinal) { "id", "version", "etag", "modifiedTime" },
        ZeroValuesAreAbsent: false);

    // defaultRoles is set through its own endpoint, not by tenant create/update, so a difference there
    // could never be applied; comparing it would plan the same update forever.
    private static readonly DiffOptions TenantOptions = new(
        new HashSet<string>(Tenants.TenantDocuments.ServerManagedFields, StringComparer.Ordinal) { "defaultRoles" },
        ZeroValuesAreAbsent: true);

    public static DiffOptions For(ResourceType type) => type switch
    {
        ResourceType.Flow => FlowOptions,
        ResourceType.Theme => ThemeOptions,
        _ => TenantOptions,
    };
}
