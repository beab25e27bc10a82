using System.Text.Json.Nodes;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Tests.Workspace;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Flows;

/// <summary>An ID becomes a file name only when it names one file inside its folder on Linux and Windows alike.</summary>
public sealed class ItemIdsTests
{
    [Theory]
    [InlineData("sign-up-or-in")]
    [InlineData("Sign_In.v2")]
    [InlineData("console-made 2")]
    [InlineData("connexion-été")]
    [InlineData("CONSOLE")]
    [InlineData("com10")]
    public void IsSafe_ordinaryIds_areAccepted(string id) => Assert.True(ItemIds.IsSafe(id), ItemIds.Problem(id));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../../x", "'..'")]
    [InlineData("..", "'..'")]
    [InlineData("a/b", "path separator")]
    [InlineData("/etc/x", "path separator")]
    [InlineData("a\\b", "path separator")]
    [InlineData("C:\\x", "path separator")]
    [InlineData("C:x", "drive letter")]
    [InlineData("a\u0000b", "control character")]
    [InlineData("a\nb", "control character")]
    [InlineData("x.", "ends with a dot or a space")]
    [InlineData("x ", "ends with a dot or a space")]
    [InlineData(".hidden", "starts with a dot")]
    [InlineData("CON", "reserved Windows device name")]
    [InlineData("nul.json", "reserved Windows device name")]
    [InlineData("Com1", "reserved Windows device name")]
    [InlineData("LPT9.txt", "reserved Windows device name")]
    [InlineData("AUX", "reserved Windows device name")]
    [InlineData("a*b", "'*'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a|b", "'|'")]
    public void Problem_idsUnsafeOnLinuxOrWindows_areRefused_withTheReason(string id, string reason)
    {
        Assert.Contains(reason, ItemIds.Problem(id), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_overlongId_isRefused()
    {
        Assert.True(ItemIds.IsSafe(new string('a', ItemIds.MaxLength)));
        Assert.Contains("longer than", ItemIds.Problem(new string('a', ItemIds.MaxLength + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSafe_namesTheIdAndWhereItCameFrom_withControlCharactersEscaped()
    {
        var error = Assert.Throws<UserError>(() => ItemIds.EnsureSafe("../\u001b[2Jx", "flow", "POST /v1/mgmt/flow/list"));

        Assert.Equal("invalid_flow_id", error.Code);
        Assert.Contains("'../\\u001b[2Jx' (from POST /v1/mgmt/flow/list)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/x")]
    [InlineData("C:\\x")]
    [InlineData("CON")]
    public void Pull_hostileFlowIdFromTheFlowList_writesNoFileAtAll(string hostile)
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        var flows = new Dictionary<string, JsonObject>
        {
            ["a-good-one"] = JsonNode.Parse(WorkspaceBuilder.Flow("a-good-one"))!.AsObject(),
            [hostile] = JsonNode.Parse(WorkspaceBuilder.Flow("x"))!.AsObject(),
        };
        var live = new LiveSnapshot(new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>> { [ResourceType.Flow] = flows, [ResourceType.Tenant] = new Dictionary<string, JsonObject>() }, UsedProjectSnapshot: false);

        var error = Assert.Throws<UserError>(() => WorkspacePuller.Pull(ws.Root, ManageConfig.Default, "dev", _ => null, live, force: true));

        Assert.Contains($"'{hostile}' (from POST /v1/mgmt/flow/list)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["descope.yaml"], Directory.GetFileSystemEntries(ws.Root).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(ws.Root, "flows", hostile + ".json"))));
    }

    [Fact]
    public void Pull_existingFileThatIsNotRegular_stopsThePull_beforeAnyFileIsWritten()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links to devices are a Unix case");
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        File.CreateSymbolicLink(Path.Combine(ws.Root, "tenants.yaml"), "/dev/zero");
        var flows = new Dictionary<string, JsonObject> { ["sign-in"] = JsonNode.Parse(WorkspaceBuilder.Flow("sign-in"))!.AsObject() };
        var live = new LiveSnapshot(new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>> { [ResourceType.Flow] = flows, [ResourceType.Tenant] = new Dictionary<string, JsonObject>() }, UsedProjectSnapshot: true);

        var error = Assert.Throws<UserError>(() => WorkspacePuller.Pull(ws.Root, ManageConfig.Default, "dev", _ => null, live, force: false));

        Assert.Contains("tenants.yaml: is not a regular file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ws.Root, "flows", "sign-in.json")));
    }

    [Fact]
    public void Pull_flowIdsDifferingOnlyInCase_stopThePull_beforeAnyFileIsWritten()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        var flows = new Dictionary<string, JsonObject>
        {
            ["sign-in"] = JsonNode.Parse(WorkspaceBuilder.Flow("sign-in"))!.AsObject(),
            ["Sign-In"] = JsonNode.Parse(WorkspaceBuilder.Flow("Sign-In"))!.AsObject(),
        };
        var live = new LiveSnapshot(new Dictionary<ResourceType, IReadOnlyDictionary<string, JsonObject>> { [ResourceType.Flow] = flows, [ResourceType.Tenant] = new Dictionary<string, JsonObject>() }, UsedProjectSnapshot: true);

        var error = Assert.Throws<UserError>(() => WorkspacePuller.Pull(ws.Root, ManageConfig.Default, "dev", _ => null, live, force: true));

        Assert.Contains("'Sign-In' and 'sign-in' (from POST /v1/mgmt/project/snapshot/export) differ only in case", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(ws.Root, "flows")));
    }
}
