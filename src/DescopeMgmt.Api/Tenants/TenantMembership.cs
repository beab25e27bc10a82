namespace DescopeMgmt.Api.Tenants;

/// <summary>A tenant a user or an access key belongs to, with its roles there.</summary>
public sealed class TenantMembership
{
    private List<string> _roleNames = [];

    public string TenantId { get; set; } = "";

    /// <summary>Sent by the service on reads; ignored on writes.</summary>
    public string? TenantName { get; set; }

    public List<string> RoleNames
    {
        get => _roleNames;
        set => _roleNames = value ?? [];
    }
}
