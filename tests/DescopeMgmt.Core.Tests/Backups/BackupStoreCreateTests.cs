using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Xunit;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupStoreCreateTests : IDisposable
{
    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task CreateAsync_flowThemeTenant_writesItemFilesAndManifestWithTheirChecksums()
    {
        var manifest = await fixture.CreateAsync(
            BackupFixture.FlowItem("sign-in"),
            new BackupItemContent(ResourceType.Theme, "theme", new JsonObject { ["styles"] = new JsonObject() }),
            new BackupItemContent(ResourceType.Tenant, "T1", new JsonObject { ["id"] = "T1", ["name"] = "Acme" }));

        Assert.Equal(Path.Combine(fixture.Store.Root, BackupFixture.ProjectId, manifest.Id), manifest.Directory);
        Assert.Equal(["flows/sign-in.json", "theme.json", "tenants/T1.json"], manifest.Items.Select(i => i.Path));
        foreach (var item in manifest.Items)
        {
            var bytes = File.ReadAllBytes(Path.Combine(manifest.Directory, item.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.Sha256);
        }

        var flowText = File.ReadAllText(Path.Combine(manifest.Directory, "flows/sign-in.json"));
        Assert.Equal(CanonicalJson.Serialize(BackupFixture.Flow("sign-in")), flowText);

        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(manifest.Directory, "manifest.json")))!;
        Assert.Equal("descope-mgmt-backup/1", (string?)stored["format"]);
        Assert.Equal("2025-01-15T10:30:00Z", (string?)stored["createdAt"]);
        Assert.Equal(BackupFixture.ProjectId, (string?)stored["projectId"]);
        Assert.Equal("dev", (string?)stored["environment"]);
        Assert.Equal("flow import", (string?)stored["operation"]);
        Assert.Equal("alice", (string?)stored["user"]);
        Assert.Equal("0.1.0", (string?)stored["toolVersion"]);
        Assert.Equal("tenant", (string?)stored["items"]![2]!["type"]);
    }

    [Fact]
    public async Task CreateAsync_id_isUtcSecondThenSixHexDigits()
    {
        var manifest = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.Matches(new Regex("^20250115T103000Z-[0-9a-f]{6}$"), manifest.Id);
    }

    [Fact]
    public async Task CreateAsync_onUnix_foldersArePrivate0700AndFiles0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var manifest = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        const UnixFileMode folderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode fileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(folderMode, ModeOf(manifest.Directory));
        Assert.Equal(folderMode, ModeOf(Path.GetDirectoryName(manifest.Directory)!));
        Assert.Equal(folderMode, ModeOf(Path.Combine(manifest.Directory, "flows")));
        Assert.Equal(fileMode, ModeOf(Path.Combine(manifest.Directory, "manifest.json")));
        Assert.Equal(fileMode, ModeOf(Path.Combine(manifest.Directory, "flows", "a.json")));
    }

    [Fact]
    public async Task CreateAsync_backupRootNotWritable_throwsBackupFailedAndLeavesNothing()
    {
        // A regular file where a folder should be fails for every user, root included (unlike chmod).
        var blocker = fixture.Folder.Combine("not-a-folder");
        await File.WriteAllTextAsync(blocker, "x", TestContext.Current.CancellationToken);
        var store = new BackupStore(Path.Combine(blocker, "backups"), fixture.Clock);

        var error = await Assert.ThrowsAsync<UserError>(() =>
            store.CreateAsync(BackupFixture.Request(BackupFixture.FlowItem("a")), TestContext.Current.CancellationToken));

        Assert.Equal("backup_failed", error.Code);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Contains("--backup-dir", error.Hint, StringComparison.Ordinal);
        Assert.Equal(["not-a-folder"], Directory.EnumerateFileSystemEntries(fixture.Folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CreateAsync_writeFailsPartWay_throwsBackupFailedAndLeavesNoFolder()
    {
        var failing = new BackupItemContent(ResourceType.Flow, "broken", JsonValue.Create(new FailingContent())!);

        var error = await Assert.ThrowsAsync<UserError>(() =>
            fixture.CreateAsync(BackupFixture.FlowItem("a"), BackupFixture.FlowItem("b"), failing));

        Assert.Equal("backup_failed", error.Code);
        var projectFolder = Path.Combine(fixture.Store.Root, BackupFixture.ProjectId);
        Assert.Empty(Directory.EnumerateFileSystemEntries(projectFolder));
    }

    [Fact]
    public async Task CreateAsync_staleTempFolder_isRemovedButARecentOneIsKept()
    {
        var projectFolder = Path.Combine(fixture.Store.Root, BackupFixture.ProjectId);
        var stale = Directory.CreateDirectory(Path.Combine(projectFolder, ".tmp-20250115T090000Z-aaaaaa")).FullName;
        var recent = Directory.CreateDirectory(Path.Combine(projectFolder, ".tmp-20250115T100000Z-bbbbbb")).FullName;

        await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(recent));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task CreateAsync_idThatLooksLikeAPath_staysInsideTheBackupFolder(string id)
    {
        var manifest = await fixture.CreateAsync(new BackupItemContent(ResourceType.Tenant, id, new JsonObject { ["id"] = id }));

        var item = Assert.Single(manifest.Items);
        Assert.StartsWith("tenants/", item.Path, StringComparison.Ordinal);
        Assert.DoesNotContain('/', item.Path["tenants/".Length..]);
        Assert.True(File.Exists(Path.Combine(manifest.Directory, item.Path)));
        var loaded = await fixture.Store.LoadAsync(manifest, TestContext.Current.CancellationToken);
        Assert.Equal(id, (string?)loaded.Find(ResourceType.Tenant, id)!["id"]);
    }

    [Fact]
    public async Task CreateAsync_tenantIdsDifferingOnlyInCase_getSeparateFiles()
    {
        var manifest = await fixture.CreateAsync(
            new BackupItemContent(ResourceType.Tenant, "Acme", new JsonObject { ["id"] = "Acme" }),
            new BackupItemContent(ResourceType.Tenant, "acme", new JsonObject { ["id"] = "acme" }));

        Assert.Equal(2, manifest.Items.Select(i => i.Path.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task CreateAsync_sameItemTwice_throwsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.CreateAsync(BackupFixture.FlowItem("a"), BackupFixture.FlowItem("a")));
    }

    [Fact]
    public async Task CreateAsync_projectIdWithSeparator_throwsInvalidProjectId()
    {
        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.CreateAsync(
            BackupFixture.Request("../other", "apply", BackupFixture.FlowItem("a")), TestContext.Current.CancellationToken));

        Assert.Equal("invalid_project_id", error.Code);
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);

    private sealed class FailingContent
    {
        public string Value => throw new IOException("No space left on device");
    }
}
