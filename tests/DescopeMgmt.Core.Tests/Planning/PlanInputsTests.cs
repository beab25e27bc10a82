using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Planning;

/// <summary>What a saved plan records of its inputs, and how a change since is found and worded.</summary>
public sealed class PlanInputsTests
{
    private static readonly PlanTarget Target = new("P2abc", "prod", "api.descope.com");

    private static LoadedWorkspace Workspace(params JsonObject[] tenants) => new(
        "/ws",
        new WorkspaceConfig("/ws/descope.yaml", new Dictionary<string, EnvironmentConfig>(), null, ManageConfig.Default),
        null,
        new WorkspaceItems(new Dictionary<ResourceType, IReadOnlyDictionary<string, DesiredItem>>
        {
            [ResourceType.Tenant] = tenants.ToDictionary(t => t["id"]!.GetValue<string>(), t => new DesiredItem(t["id"]!.GetValue<string>(), t, "tenants.yaml", 1)),
        }),
        []);

    private static LiveSnapshot Live(params JsonObject[] tenants) => new(
        new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>>
        {
            [ResourceType.Tenant] = tenants.ToDictionary(t => t["id"]!.GetValue<string>(), t => t),
        },
        UsedProjectSnapshot: false);

    private static PlanInputs Inputs(LoadedWorkspace workspace, LiveSnapshot live) => PlanInputs.Of(workspace, live, [ResourceType.Tenant]);

    [Fact]
    public void PlanFingerprint_formattingDiffers_isTheSame()
    {
        var a = Inputs(Workspace((JsonObject)JsonNode.Parse("{\"id\":\"acme\",\"name\":\"Acme\"}")!), Live((JsonObject)JsonNode.Parse("{\"id\":\"acme\",\"name\":\"Old\"}")!));
        var b = Inputs(Workspace((JsonObject)JsonNode.Parse("{\n  \"id\": \"acme\",\n  \"name\": \"Acme\"\n}")!), Live((JsonObject)JsonNode.Parse("{ \"id\" : \"acme\", \"name\" : \"Old\" }")!));

        Assert.Equal(a.PlanFingerprint(Target, ["tenant"]), b.PlanFingerprint(Target, ["tenant"]));
        Assert.Empty(b.ChangesSince(a));
    }

    [Fact]
    public void ChangesSince_liveItemChangedAddedAndRemoved_namesEachOne()
    {
        var before = Inputs(Workspace(), Live(new JsonObject { ["id"] = "acme", ["name"] = "Acme" }, new JsonObject { ["id"] = "gone", ["name"] = "Gone" }));
        var now = Inputs(Workspace(), Live(new JsonObject { ["id"] = "acme", ["name"] = "Acme Corp" }, new JsonObject { ["id"] = "new", ["name"] = "New" }));

        Assert.Equal(["tenant:acme changed live", "tenant:new was added live", "tenant:gone was removed live"], now.ChangesSince(before));
        Assert.NotEqual(before.PlanFingerprint(Target, ["tenant"]), now.PlanFingerprint(Target, ["tenant"]));
    }

    [Fact]
    public void ChangesSince_workspaceItemChanged_namesItsFile()
    {
        var before = Inputs(Workspace(new JsonObject { ["id"] = "acme", ["name"] = "Acme" }), Live());
        var now = Inputs(Workspace(new JsonObject { ["id"] = "acme", ["name"] = "Acme EU" }), Live());

        Assert.Equal(["tenant:acme changed in the workspace (tenants.yaml)"], now.ChangesSince(before));
    }

    [Fact]
    public void PlanFingerprint_otherTarget_differs()
    {
        var inputs = Inputs(Workspace(), Live());

        Assert.NotEqual(inputs.PlanFingerprint(Target, ["tenant"]), inputs.PlanFingerprint(Target with { Environment = "dev" }, ["tenant"]));
    }
}
