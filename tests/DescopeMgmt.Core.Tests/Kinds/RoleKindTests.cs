using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Emulator;
using Xunit;

namespace DescopeMgmt.Core.Tests.Kinds;

public sealed class RoleKindTests
{
    private const string ProjectId = "P2CoreRoleKindProject000001";
    private const string Key = "K2CoreRoleKindKey0000000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "Editor", "Editor")]
    [InlineData("acme", "Editor", "acme/Editor")]
    [InlineData(null, "ops/admin", "/ops/admin")]
    [InlineData(null, "/lead", "//lead")]
    [InlineData("acme", "ops/admin", "acme/ops/admin")]
    public void Id_thenSplit_giveBackTheSameTenantAndName(string? tenantId, string name, string id)
    {
        Assert.Equal(id, RoleKind.Id(tenantId, name));
        Assert.Equal((tenantId, name), RoleKind.Split(id));
    }

    [Fact]
    public void IsBuiltIn_onlyTheProjectsTenantAdmin_orAMarkedDocument()
    {
        var kind = ResourceKinds.Role;

        Assert.True(kind.IsBuiltIn(new JsonObject { ["name"] = "Tenant Admin" }));
        Assert.False(kind.IsBuiltIn(new JsonObject { ["name"] = "Tenant Admin", ["tenant"] = "acme" }));
        Assert.False(kind.IsBuiltIn(new JsonObject { ["name"] = "Editor" }));
        Assert.True(kind.IsBuiltIn(new JsonObject { ["name"] = "Other", ["builtIn"] = true }));
    }

    [Fact]
    public void Diff_absentDescriptionEqualsEmpty_andTheBuiltInMarkerIsIgnored()
    {
        var live = new JsonObject { ["name"] = "Tenant Admin", ["description"] = "", ["permissions"] = new JsonArray(), ["default"] = false, ["builtIn"] = true };
        var desired = new JsonObject { ["name"] = "Tenant Admin" };

        Assert.Empty(JsonDiff.Compare(live, desired, ResourceKinds.Role.Diff));
    }

    [Fact]
    public void ToWrite_fieldOfTheWrongType_isAnErrorNamingTheRoleAndTheField()
    {
        var error = Assert.Throws<UserError>(() => RoleDocuments.ToWrite("acme/Editor", new JsonObject { ["permissions"] = "read" }));

        Assert.Equal("invalid_role", error.Code);
        Assert.Contains("Role 'acme/Editor'", error.Message, StringComparison.Ordinal);
        Assert.Contains("permissions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_tenantsThenPermissionsThenRoles()
    {
        var order = ResourceKinds.All.Select(k => k.Type).ToList();

        Assert.True(order.IndexOf(ResourceType.Tenant) < order.IndexOf(ResourceType.Permission));
        Assert.True(order.IndexOf(ResourceType.Permission) < order.IndexOf(ResourceType.Role));
    }

    // Against the emulator: a tenant role and a project role of the same name, and a project role whose name holds
    // a slash, are three items the kind reads, writes and deletes apart.
    [Fact]
    public async Task PutGetDelete_rolesThatShareANameOrHoldASlash_areKeptApart()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key }, Ct);
        using var client = new DescopeClient(new DescopeClientOptions { ProjectId = ProjectId, ManagementKey = Key, BaseUrl = host.BaseUrl });
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Permissions.CreateAsync(new PermissionWrite { Name = "read" }, Ct);
        var kind = ResourceKinds.Role;
        var project = RoleKind.Id(null, "Editor");
        var tenant = RoleKind.Id("acme", "Editor");
        var slashed = RoleKind.Id(null, "acme/Editor");

        await kind.PutAsync(client, project, new JsonObject { ["name"] = "Editor", ["description"] = "Project" }, exists: false, Ct);
        await kind.PutAsync(client, tenant, new JsonObject { ["name"] = "Editor", ["tenant"] = "acme", ["permissions"] = new JsonArray("read"), ["default"] = true }, exists: false, Ct);
        await kind.PutAsync(client, slashed, new JsonObject { ["name"] = "acme/Editor", ["description"] = "Slashed" }, exists: false, Ct);
        await kind.PutAsync(client, tenant, new JsonObject { ["name"] = "Editor", ["tenant"] = "acme", ["description"] = "Tenant" }, exists: true, Ct);

        var read = await kind.ReadManyAsync(client, [project, tenant, slashed, RoleKind.Id(null, "Tenant Admin"), "ghost"], Ct);

        Assert.Equal(new[] { project, tenant, slashed, "Tenant Admin" }.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Project", read[project]["description"]!.GetValue<string>());
        Assert.Equal("Slashed", read[slashed]["description"]!.GetValue<string>());
        // Update replaces every field: the permission and default flag the desired document left out are gone.
        Assert.Equal("Tenant", read[tenant]["description"]!.GetValue<string>());
        Assert.Equal("acme", read[tenant]["tenant"]!.GetValue<string>());
        Assert.Empty(read[tenant]["permissions"]!.AsArray());
        Assert.False(read[tenant]["default"]!.GetValue<bool>());
        Assert.True(kind.IsBuiltIn(read["Tenant Admin"]));
        Assert.True(read["Tenant Admin"]["builtIn"]!.GetValue<bool>());

        await kind.DeleteAsync(client, tenant, cascade: false, Ct);

        Assert.Null(await kind.GetAsync(client, tenant, Ct));
        Assert.NotNull(await kind.GetAsync(client, project, Ct));
        Assert.NotNull(await kind.GetAsync(client, slashed, Ct));
    }
}
