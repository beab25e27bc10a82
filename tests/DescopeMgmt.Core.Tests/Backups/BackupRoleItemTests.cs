using System.Text.Json.Nodes;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Kinds.Roles;
using DescopeMgmt.Core.Model;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupRoleItemTests : IDisposable
{
    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    // A tenant role's ID holds a slash: it must stay one file inside roles/, and load back under the same ID.
    [Fact]
    public async Task CreateThenLoad_tenantRoleAndAbsentRole_withSlashInTheirIds_roundTrip()
    {
        var tenantRole = RoleKind.Id("acme", "Editor");
        var absent = RoleKind.Key("acme", "ops/admin");
        var role = new JsonObject { ["name"] = "Editor", ["tenant"] = "acme", ["permissions"] = new JsonArray("read"), ["default"] = true };
        var created = await fixture.Store.CreateAsync(
            BackupFixture.Request(BackupFixture.ProjectId, "role update", new BackupItemContent(ResourceType.Role, tenantRole, role)) with { Absent = [absent] },
            TestContext.Current.CancellationToken);

        var loaded = await fixture.Store.LoadAsync(fixture.Store.Resolve(created.Id, BackupFixture.ProjectId), TestContext.Current.CancellationToken);

        var item = Assert.Single(created.Items);
        Assert.Equal("roles/acme%2FEditor.json", item.Path);
        Assert.True(File.Exists(Path.Combine(created.Directory, "roles", "acme%2FEditor.json")));
        Assert.True(JsonNode.DeepEquals(role, loaded.Find(ResourceType.Role, tenantRole)));
        Assert.Equal([tenantRole], loaded.IdsOf(ResourceType.Role));
        Assert.Equal([absent], loaded.Absent);
        Assert.Equal(("acme", "ops/admin"), RoleKind.Split(loaded.Absent[0].Id));
    }
}
