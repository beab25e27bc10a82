using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static JsonObject Flow(string id, string name, string? callsFlow = null)
    {
        var tasks = new JsonObject { ["1"] = new JsonObject { ["id"] = "1" } };
        if (callsFlow is not null)
        {
            tasks["2"] = new JsonObject { ["id"] = "2", ["type"] = "flow", ["arguments"] = new JsonObject { ["flowId"] = new JsonObject { ["type"] = "inline", ["value"] = callsFlow } } };
        }

        return new JsonObject { ["flowId"] = id, ["metadata"] = new JsonObject { ["name"] = name }, ["contents"] = new JsonObject { ["startTask"] = "1", ["tasks"] = tasks } };
    }

    private static JsonObject Tenant(string id, string? parent = null) =>
        parent is null ? new JsonObject { ["id"] = id, ["name"] = id } : new JsonObject { ["id"] = id, ["name"] = id, ["parent"] = parent };

    private static LoadedWorkspace Workspace(IEnumerable<JsonObject> flows, IEnumerable<JsonObject>? tenants = null, ManageConfig? manage = null) => new(
        "/ws",
        new WorkspaceConfig("/ws/descope.yaml", new Dictionary<string, EnvironmentConfig>(), null, manage ?? ManageConfig.Default),
        null,
        new WorkspaceItems(new Dictionary<ResourceType, IReadOnlyDictionary<string, DesiredItem>>
        {
            [ResourceType.Flow] = flows.ToDictionary(f => f["flowId"]!.GetValue<string>(), f =>
            {
                var raw = JsonDocument.Parse(f.ToJsonString()).RootElement;
                return new DesiredItem(f["flowId"]!.GetValue<string>(), JsonObject.Create(raw)!, "x", null) { Raw = raw };
            }),
        }.Concat(tenants is null ? [] : [KeyValuePair.Create(ResourceType.Tenant, (IReadOnlyDictionary<string, DesiredItem>)tenants.ToDictionary(t => t["id"]!.GetValue<string>(), t => new DesiredItem(t["id"]!.GetValue<string>(), t, "tenants.yaml", 1)))])
            .ToDictionary()),
        []);

    private static LiveSnapshot Live(IEnumerable<JsonObject> flows, IEnumerable<JsonObject>? tenants = null) => new(
        new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>>
        {
            [ResourceType.Flow] = flows.ToDictionary(f => f["flowId"]!.GetValue<string>()),
            [ResourceType.Tenant] = (tenants ?? []).ToDictionary(t => t["id"]!.GetValue<string>()),
        },
        true);

    private static readonly PlanScope All = PlanScope.All;

    [Fact]
    public void Create_detectsCreateUpdateUnchangedAndUnmanaged()
    {
        var liveA = Flow("a", "A");
        liveA["metadata"]!["version"] = 7;
        var plan = Planner.Create(
            Workspace([Flow("a", "A"), Flow("b", "B new"), Flow("c", "C")]),
            Live([liveA, Flow("b", "B"), Flow("z", "Z")]), All);

        Assert.Equal(ChangeAction.NoChange, plan.Changes.Single(c => c.Key.Id == "a").Action);
        Assert.Equal(ChangeAction.Update, plan.Changes.Single(c => c.Key.Id == "b").Action);
        Assert.Equal("metadata.name", plan.Changes.Single(c => c.Key.Id == "b").Properties.Single().Path);
        Assert.Equal(ChangeAction.Create, plan.Changes.Single(c => c.Key.Id == "c").Action);
        Assert.Equal([ResourceKey.Flow("z")], plan.Unmanaged);
        Assert.Equal("Plan: 1 to create, 1 to update, 0 to delete.", plan.Summary);
    }

    [Fact]
    public void Create_deleteMissing_turnsUnmanagedIntoDeletesAtTheEnd()
    {
        var plan = Planner.Create(Workspace([Flow("a", "A new")], manage: ManageConfig.Default with { DeleteMissing = true }),
            Live([Flow("a", "A"), Flow("z", "Z")]), All);

        Assert.Empty(plan.Unmanaged);
        Assert.Equal(ChangeAction.Delete, plan.Changes[^1].Action);
        Assert.Equal("z", plan.Changes[^1].Key.Id);
    }

    [Fact]
    public void Create_manageFlowsList_ignoresOtherFlows()
    {
        var manage = ManageConfig.Default with { Flows = new HashSet<string> { "a" }, DeleteMissing = true };
        var plan = Planner.Create(Workspace([Flow("a", "A"), Flow("b", "B")], manage: manage), Live([Flow("a", "A"), Flow("z", "Z")]), All);

        Assert.DoesNotContain(plan.Changes, c => c.Key.Id == "b");
        Assert.Equal([ResourceKey.Flow("z")], plan.Unmanaged);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Create_subFlowsComeBeforeTheirCallers()
    {
        var plan = Planner.Create(Workspace([Flow("a-caller", "A", callsFlow: "z-sub"), Flow("z-sub", "Z")]), Live([]), All);

        Assert.Equal(["z-sub", "a-caller"], plan.Changes.Select(c => c.Key.Id));
    }

    [Fact]
    public void Create_tenantParentsBeforeChildren_andDeletesChildrenFirst()
    {
        var manage = ManageConfig.Default with { DeleteMissing = true };
        var plan = Planner.Create(
            Workspace([], [Tenant("a-child", parent: "z-parent"), Tenant("z-parent")], manage),
            Live([], [Tenant("old-parent"), Tenant("b-old-child", parent: "old-parent")]), All);

        Assert.Equal(["z-parent", "a-child", "b-old-child", "old-parent"], plan.Changes.Select(c => c.Key.Id));
        Assert.Equal(ChangeAction.Delete, plan.Changes[2].Action);
    }

    [Fact]
    public void Create_tenantZeroValuesAndServerFields_doNotCountAsChanges()
    {
        var live = Tenant("acme");
        live["createdTime"] = 1700000000;
        live["enforceSSO"] = false;
        live["selfProvisioningDomains"] = new JsonArray();

        var plan = Planner.Create(Workspace([], [Tenant("acme")]), Live([], [live]), All);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void JsonDiff_keyOrderIgnored_screensMatchedById()
    {
        var a = JsonNode.Parse("""{"b":1,"a":{"y":2,"x":1},"screens":[{"screenId":"s1","v":1},{"screenId":"s2","v":2}]}""");
        var b = JsonNode.Parse("""{"a":{"x":1,"y":2},"b":1,"screens":[{"screenId":"s0","v":0},{"screenId":"s1","v":1},{"screenId":"s2","v":3}]}""");

        var changes = JsonDiff.Compare(a, b, DiffOptions.For(ResourceType.Flow));

        Assert.Equal(["screens[\"s0\"]", "screens[\"s2\"].v"], changes.Select(c => c.Path));
        Assert.Equal(ChangeKind.Added, changes[0].Kind);
    }

    [Fact]
    public void Create_tenantMovedToAnotherParent_isRefusedWithWhatToDo()
    {
        var error = Assert.Throws<UserError>(() => Planner.Create(
            Workspace([], [Tenant("acme"), Tenant("beta"), Tenant("acme-eu", parent: "beta")]),
            Live([], [Tenant("acme"), Tenant("beta"), Tenant("acme-eu", parent: "acme")]), All));

        Assert.Equal("parent_change", error.Code);
        Assert.Contains("'acme-eu' has parent 'acme' live but 'beta'", error.Message, StringComparison.Ordinal);
        Assert.Contains("parent: acme", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_tenantDefaultRolesDiffer_isNoChange_becauseUpdateCannotSetThem()
    {
        var live = Tenant("acme");
        live["defaultRoles"] = new JsonArray("viewer");

        var plan = Planner.Create(Workspace([], [Tenant("acme")]), Live([], [live]), All);

        Assert.True(plan.IsEmpty);
    }
}
