using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Planning;

/// <summary>
/// What a comparison ignores: server-managed fields (the service sets them on every write) and, for
/// tenants, the difference between a missing field and its zero value (the service omits zero values).
/// </summary>
public sealed record DiffOptions(IReadOnlySet<string> IgnoredPaths, bool ZeroValuesAreAbsent)
{
    public static DiffOptions For(ResourceType type) => Kinds.ResourceKinds.Of(type).Diff;
}
