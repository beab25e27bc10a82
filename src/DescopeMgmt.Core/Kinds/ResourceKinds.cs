using DescopeMgmt.Core.Kinds.PasswordPolicies;
using DescopeMgmt.Core.Kinds.Permissions;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds;

/// <summary>The registry of managed kinds, in the order of a change; adding a kind is its descriptor plus one line here.</summary>
public static class ResourceKinds
{
    public static FlowKind Flow { get; } = new();

    public static ThemeKind Theme { get; } = new();

    public static TenantKind Tenant { get; } = new();

    public static PermissionKind Permission { get; } = new();

    public static RoleKind Role { get; } = new();

    public static PasswordPolicyKind PasswordPolicy { get; } = new();

    /// <summary>Every kind, in the order a change writes them.</summary>
    public static IReadOnlyList<ResourceKind> All { get; } = new ResourceKind[] { Flow, Theme, Tenant, Permission, Role, PasswordPolicy }.OrderBy(k => k.Order).ToList();

    private static readonly Dictionary<ResourceType, ResourceKind> ByType = All.ToDictionary(k => k.Type);

    public static ResourceKind Of(ResourceType type) => ByType[type];

    public static ResourceKind Of(ResourceKey key) => ByType[key.Type];

    /// <summary>A kind by its wire name or its KINDS spelling, any case (<c>flow</c>, <c>flows</c>).</summary>
    public static ResourceKind? Find(string text)
    {
        var name = text.Trim();
        return All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.KindsName, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Name + "s", name, StringComparison.OrdinalIgnoreCase));
    }
}
