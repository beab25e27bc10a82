using System.Text.Json.Nodes;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Backups;

/// <summary>A backup store in a temp folder with a fake clock, and short ways to fill it.</summary>
public sealed class BackupFixture : IDisposable
{
    public const string ProjectId = "P2test";

    public static readonly DateTimeOffset Start = new(2025, 1, 15, 10, 30, 0, TimeSpan.Zero);

    public BackupFixture()
    {
        Store = new BackupStore(Folder.Combine("backups"), Clock);
    }

    public TempDirectory Folder { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public BackupStore Store { get; }

    public static JsonNode Flow(string id, string title = "Sign in") => new JsonObject
    {
        ["flowId"] = id,
        ["metadata"] = new JsonObject { ["name"] = title },
        ["contents"] = new JsonObject { ["startTask"] = "1", ["tasks"] = new JsonObject() },
    };

    public static BackupRequest Request(params BackupItemContent[] items) =>
        Request(ProjectId, "flow import", items);

    public static BackupRequest Request(string projectId, string operation, params BackupItemContent[] items) =>
        new(projectId, "dev", operation, null, "alice", "0.1.0", items);

    public static BackupItemContent FlowItem(string id, string title = "Sign in") => new(ResourceType.Flow, id, Flow(id, title));

    public Task<BackupManifest> CreateAsync(params BackupItemContent[] items) =>
        Store.CreateAsync(Request(items), TestContext.Current.CancellationToken);

    /// <summary>A backup taken from <paramref name="host"/>, optionally by a rollback of <paramref name="rollbackOf"/>.</summary>
    public Task<BackupManifest> CreateOnAsync(string host, string? rollbackOf, params BackupItemContent[] items) =>
        Store.CreateAsync(Request(items) with { Host = host, RollbackOf = rollbackOf }, TestContext.Current.CancellationToken);

    /// <summary>Rewrites a backup's manifest.json by hand, as an attacker or a damaged disk would.</summary>
    public static void RewriteManifest(BackupManifest manifest, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonNode> edit)
    {
        var path = Path.Combine(manifest.Directory, "manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        File.WriteAllText(path, edit(node).ToJsonString());
    }

    public void Dispose() => Folder.Dispose();
}
