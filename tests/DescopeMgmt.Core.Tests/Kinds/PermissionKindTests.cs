using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Emulator;
using Xunit;

namespace DescopeMgmt.Core.Tests.Kinds;

public sealed class PermissionKindTests
{
    private const string ProjectId = "P2CorePermissionKindProject1";
    private const string Key = "K2CorePermissionKindKey00001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutGetDelete_againstTheEmulator_roundTripTheDocument_andMarkBuiltIns()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key }, Ct);
        using var client = new DescopeClient(new DescopeClientOptions { ProjectId = ProjectId, ManagementKey = Key, BaseUrl = host.BaseUrl });
        var kind = ResourceKinds.Permission;

        await kind.PutAsync(client, "reports.read", new JsonObject { ["name"] = "reports.read", ["description"] = "Read reports" }, exists: false, Ct);
        var created = await kind.GetAsync(client, "reports.read", Ct);
        await kind.PutAsync(client, "reports.read", new JsonObject { ["name"] = "reports.read" }, exists: true, Ct);
        var updated = await kind.GetAsync(client, "reports.read", Ct);
        var builtIn = await kind.GetAsync(client, "User Admin", Ct);

        Assert.True(JsonNode.DeepEquals(new JsonObject { ["name"] = "reports.read", ["description"] = "Read reports" }, created));
        Assert.Equal("", updated!["description"]!.GetValue<string>());
        Assert.False(kind.IsBuiltIn(updated));
        Assert.True(kind.IsBuiltIn(builtIn!));
        Assert.Empty(JsonDiff.Compare(builtIn, new JsonObject { ["name"] = "User Admin", ["description"] = builtIn!["description"]!.GetValue<string>() }, kind.Diff));

        await kind.DeleteAsync(client, "reports.read", cascade: false, Ct);

        Assert.Null(await kind.GetAsync(client, "reports.read", Ct));
    }
}
