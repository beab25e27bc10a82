using System.Text.Json.Nodes;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupStoreLoadTests : IDisposable
{
    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task LoadAsync_intactBackup_returnsEveryItemAsWritten()
    {
        var created = await fixture.CreateAsync(
            BackupFixture.FlowItem("a", "Title A"),
            new BackupItemContent(ResourceType.Tenant, "T1", new JsonObject { ["name"] = "Acme" }));

        var loaded = await fixture.Store.LoadAsync(fixture.Store.Resolve(created.Id, BackupFixture.ProjectId), TestContext.Current.CancellationToken);

        Assert.True(JsonNode.DeepEquals(BackupFixture.Flow("a", "Title A"), loaded.Find(ResourceType.Flow, "a")));
        Assert.Equal("Acme", (string?)loaded.Find(ResourceKey.Tenant("T1"))!["name"]);
        Assert.Null(loaded.Find(ResourceType.Flow, "missing"));
        Assert.Equal(["a"], loaded.IdsOf(ResourceType.Flow));
    }

    [Fact]
    public async Task LoadAsync_tamperedItem_throwsBackupCorruptNamingTheItem()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"), BackupFixture.FlowItem("b"));
        var path = Path.Combine(created.Directory, "flows", "b.json");
        await File.WriteAllTextAsync(path, BackupFixture.Flow("b", "Hacked").ToJsonString(), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.LoadAsync(created, TestContext.Current.CancellationToken));

        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains(created.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("flow:b (flows/b.json)", error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.Contains($"backup verify {created.Id}", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_missingItemFile_throwsBackupCorruptNamingTheFile()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        File.Delete(Path.Combine(created.Directory, "flows", "a.json"));

        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.LoadAsync(created, TestContext.Current.CancellationToken));

        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains("flows/a.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_backupOfAnotherProject_throwsBackupForeignProject()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var error = await Assert.ThrowsAsync<UserError>(() =>
            fixture.Store.LoadAsync(created, "P2prod", TestContext.Current.CancellationToken));

        Assert.Equal("backup_foreign_project", error.Code);
        Assert.Contains(BackupFixture.ProjectId, error.Message, StringComparison.Ordinal);
        Assert.Contains("P2prod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_sameProject_loads()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var loaded = await fixture.Store.LoadAsync(created, BackupFixture.ProjectId, TestContext.Current.CancellationToken);

        Assert.Single(loaded.Items);
    }

    [Fact]
    public async Task Verify_tamperedAndMissingItems_reportsEachWithoutThrowing()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"), BackupFixture.FlowItem("b"), BackupFixture.FlowItem("c"));
        await File.WriteAllTextAsync(Path.Combine(created.Directory, "flows", "a.json"), "{ trunc", TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(created.Directory, "flows", "c.json"));

        var result = fixture.Store.Verify(created);

        Assert.False(result.IsValid);
        Assert.Equal([false, true, false], result.Items.Select(i => i.Ok));
        Assert.Contains("checksum", result.Items[0].Problem, StringComparison.Ordinal);
        Assert.Contains("missing", result.Items[2].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAll_includesBackupsWithUnreadableManifests()
    {
        var good = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var bad = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        await File.WriteAllTextAsync(Path.Combine(bad.Directory, "manifest.json"), "{", TestContext.Current.CancellationToken);

        var results = fixture.Store.VerifyAll(BackupFixture.ProjectId);

        Assert.Equal([bad.Id, good.Id], results.Select(r => r.BackupId));
        Assert.False(results[0].IsValid);
        Assert.Contains("manifest.json", Assert.Single(results[0].Problems), StringComparison.Ordinal);
        Assert.True(results[1].IsValid);
    }
}
