using DescopeMgmt.Core.Kinds.AccessKeys;
using DescopeMgmt.Core.Kinds.PasswordPolicies;
using DescopeMgmt.Core.Kinds.Permissions;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Kinds.Sso;
using DescopeMgmt.Core.Kinds.Users;
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

    public static UserKind User { get; } = new();

    public static AccessKeyKind AccessKey { get; } = new();

    public static SsoKind Sso { get; } = new();

    /// <summary>Every workspace kind (what init, pull, plan, apply, drift and manage: cover), in the order a change writes them.</summary>
    public static IReadOnlyList<ResourceKind> All { get; } = new ResourceKind[] { Flow, Theme, Tenant, Permission, Role, PasswordPolicy, AccessKey, Sso }.OrderBy(k => k.Order).ToList();

    /// <summary>
    /// Every kind a backup can hold and a restore put back, in the order of a change: the workspace kinds and the
    /// runtime data that commands change one item at a time (users), which is never planned, pulled or read whole.
    /// </summary>
    public static IReadOnlyList<ResourceKind> Backed { get; } = All.Append(User).OrderBy(k => k.Order).ToList();

    private static readonly Dictionary<ResourceType, ResourceKind> ByType = Backed.ToDictionary(k => k.Type);

    public static ResourceKind Of(ResourceType type) => ByType[type];

    public static ResourceKind Of(ResourceKey key) => ByType[key.Type];

    /// <summary>A kind by its wire name or its KINDS spelling, any case (<c>flow</c>, <c>flows</c>).</summary>
    public static ResourceKind? Find(string text)
    {
        var name = text.Trim();
        return Backed.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.KindsName, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Name + "s", name, StringComparison.OrdinalIgnoreCase));
    }
}
