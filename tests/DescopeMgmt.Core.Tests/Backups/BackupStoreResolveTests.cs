using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Xunit;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupStoreResolveTests : IDisposable
{
    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Resolve_fullId_returnsThatBackup()
    {
        var first = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.Equal(first.Id, fixture.Store.Resolve(first.Id, BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_uniquePrefix_returnsThatBackup()
    {
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var second = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.Equal(second.Id, fixture.Store.Resolve("20250116", BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_ambiguousPrefix_throwsBackupAmbiguousListingTheMatches()
    {
        var first = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve("20250115T", BackupFixture.ProjectId));

        Assert.Equal("backup_ambiguous", error.Code);
        Assert.Contains(first.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains(second.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_randomPartOfTheId_returnsThatBackup()
    {
        var first = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var random = first.Id[(first.Id.LastIndexOf('-') + 1)..];

        Assert.Equal(first.Id, fixture.Store.Resolve(random, BackupFixture.ProjectId).Id);
        Assert.Equal(first.Id, fixture.Store.Resolve("-" + random[..4], BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_startOfARandomPartSharedByTwo_throwsBackupAmbiguousListingThem()
    {
        // 17 random parts over 16 hex digits: two of them surely start alike.
        var ids = new List<string>();
        for (var i = 0; i < 17; i++)
        {
            ids.Add((await fixture.CreateAsync(BackupFixture.FlowItem("a"))).Id);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var shared = ids.GroupBy(id => id[id.LastIndexOf('-') + 1]).First(g => g.Count() > 1);

        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve("-" + shared.Key, BackupFixture.ProjectId));

        Assert.Equal("backup_ambiguous", error.Code);
        Assert.Contains($"matches {shared.Count()} backups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_timestampAsBackupListShowsIt_returnsTheBackupOfThatSecond()
    {
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(42));
        var second = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var shown = BackupTimestamp.Format(second.CreatedAt);

        Assert.Equal("2025-01-15T10:30:42Z", shown);
        Assert.Equal(second.Id, fixture.Store.Resolve(shown, BackupFixture.ProjectId).Id);
        Assert.Equal(second.Id, fixture.Store.Resolve("2025-01-15T10:30:42", BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_timestampToTheMinute_returnsTheOnlyBackupOfThatMinute()
    {
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(7));
        var second = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.Equal(second.Id, fixture.Store.Resolve("2025-01-15 10:32", BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_latest_returnsTheNewestBackupOfTheProject()
    {
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var newest = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.Store.CreateAsync(
            BackupFixture.Request("P2other", "apply", BackupFixture.FlowItem("a")), TestContext.Current.CancellationToken);

        Assert.Equal(newest.Id, fixture.Store.Resolve("latest", BackupFixture.ProjectId).Id);
    }

    [Fact]
    public async Task Resolve_pathToBackupFolderOutsideTheRoot_returnsThatBackup()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var copy = fixture.Folder.Combine("elsewhere", created.Id);
        CopyFolder(created.Directory, copy);

        var resolved = fixture.Store.Resolve(copy, BackupFixture.ProjectId);

        Assert.Equal(created.Id, resolved.Id);
        Assert.Equal(copy, resolved.Directory);
    }

    [Fact]
    public async Task Resolve_pathToManifestJson_returnsThatBackup()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var resolved = fixture.Store.Resolve(Path.Combine(created.Directory, "manifest.json"), null);

        Assert.Equal(created.Id, resolved.Id);
        Assert.Equal(created.Directory, resolved.Directory);
    }

    [Fact]
    public async Task Resolve_unknownId_throwsBackupNotFoundWithListHint()
    {
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve("20240101T000000Z-000000", BackupFixture.ProjectId));

        Assert.Equal("backup_not_found", error.Code);
        Assert.Contains("descope-mgmt backup list", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_latestWithNoBackups_throwsBackupNotFound()
    {
        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve("latest", BackupFixture.ProjectId));

        Assert.Equal("backup_not_found", error.Code);
    }

    [Fact]
    public void Resolve_pathThatDoesNotExist_throwsBackupNotFound()
    {
        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve(fixture.Folder.Combine("nope"), null));

        Assert.Equal("backup_not_found", error.Code);
    }

    [Fact]
    public async Task Resolve_idOfBackupWithTruncatedManifest_throwsBackupCorruptNamingTheBackup()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var manifestPath = Path.Combine(created.Directory, "manifest.json");
        var text = await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(manifestPath, text[..(text.Length / 2)], TestContext.Current.CancellationToken);

        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve(created.Id, BackupFixture.ProjectId));

        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains(created.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("backup verify", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_manifestWithUnknownFormat_throwsBackupCorrupt()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var manifestPath = Path.Combine(created.Directory, "manifest.json");
        var text = await File.ReadAllTextAsync(manifestPath, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(
            manifestPath, text.Replace("descope-mgmt-backup/1", "descope-mgmt-backup/9", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var error = Assert.Throws<UserError>(() => fixture.Store.Resolve(created.Directory, null));

        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains("descope-mgmt-backup/9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_crashLeftAPartialTempFolder_isNotListed()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var partial = Path.Combine(Path.GetDirectoryName(created.Directory)!, ".tmp-20250115T103000Z-abcdef");
        CopyFolder(created.Directory, partial);
        File.Delete(Path.Combine(partial, "flows", "a.json"));

        var listed = fixture.Store.List(BackupFixture.ProjectId);

        Assert.Equal([created.Id], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task List_folderWithoutManifest_isIgnored()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(created.Directory)!, "20250115T103500Z-123456"));

        Assert.Equal([created.Id], fixture.Store.List(BackupFixture.ProjectId).Select(m => m.Id));
    }

    [Fact]
    public async Task List_severalProjects_newestFirstFilteredByProjectAndItem()
    {
        var a = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await fixture.Store.CreateAsync(
            BackupFixture.Request("P2other", "apply", BackupFixture.FlowItem("a")), TestContext.Current.CancellationToken);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await fixture.CreateAsync(BackupFixture.FlowItem("b"));

        Assert.Equal([b.Id, other.Id, a.Id], fixture.Store.List().Select(m => m.Id));
        Assert.Equal([b.Id, a.Id], fixture.Store.List(BackupFixture.ProjectId).Select(m => m.Id));
        Assert.Equal([a.Id], fixture.Store.List(BackupFixture.ProjectId, ResourceKey.Flow("a")).Select(m => m.Id));
    }

    [Fact]
    public void List_backupRootMissing_returnsEmpty()
    {
        Assert.Empty(fixture.Store.List());
    }

    [Fact]
    public async Task BackupSummary_from_carriesTheBackupListJsonFields()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var json = System.Text.Json.JsonSerializer.Serialize(
            new BackupSummaryList([BackupSummary.From(created)]), BackupJsonContext.Default.BackupSummaryList);

        var item = System.Text.Json.Nodes.JsonNode.Parse(json)!["items"]![0]!;
        Assert.Equal(created.Id, (string?)item["id"]);
        Assert.Equal(created.Directory, (string?)item["path"]);
        Assert.Equal("2025-01-15T10:30:00Z", (string?)item["createdAt"]);
        Assert.Equal(BackupFixture.ProjectId, (string?)item["projectId"]);
        Assert.Equal("dev", (string?)item["environment"]);
        Assert.Equal("flow import", (string?)item["operation"]);
        Assert.Equal("flow", (string?)item["items"]![0]!["type"]);
        Assert.Equal("a", (string?)item["items"]![0]!["id"]);
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
