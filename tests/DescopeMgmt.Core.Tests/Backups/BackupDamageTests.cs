using System.Diagnostics;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

/// <summary>
/// A damaged or hostile backup folder is one skipped, reported backup: it never breaks the listing of the
/// project, never hangs a read, and never makes a restore read outside the folder.
/// </summary>
public sealed class BackupDamageTests : IDisposable
{
    private const string Real = "api.descope.com";

    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadManifests() =>
    [
        """{"absent": [null]}""",
        """{"items": [null]}""",
        """{"items": "flows"}""",
        """{"items": [{"type": "flow", "id": "a"}]}""",
        """{"kinds": [null]}""",
        """{"kinds": ["widget"]}""",
        """{"absent": [{"type": "flow"}]}""",
        """{"absent": [{"type": "widget", "id": "x"}]}""",
        """{"createdAt": 42}""",
        """{"id": null}""",
        """{"host": 7}""",
        """{"items": [{"type": "flow", "id": "../../etc", "path": "flows/x.json", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}""",
        """{"items": [{"type": "tenant", "id": "a\u001b[31m", "path": "tenants/x.json", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}""",
    ];

    [Theory]
    [MemberData(nameof(BadManifests))]
    public async Task Scan_oneBadManifest_isReportedDamagedWithItsPath_andTheOthersStillList(string patch)
    {
        var good = await fixture.CreateOnAsync(Real, null, BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var bad = await fixture.CreateOnAsync(Real, null, BackupFixture.FlowItem("a"));
        BackupFixture.RewriteManifest(bad, m =>
        {
            foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
            {
                m[key] = value?.DeepClone();
            }

            return m;
        });

        var listing = fixture.Store.Scan(BackupFixture.ProjectId);

        Assert.Equal([good.Id], listing.Backups.Select(m => m.Id));
        var damaged = Assert.Single(listing.Damaged);
        Assert.Equal(bad.Directory, damaged.Path);
        Assert.Contains(bad.Directory, damaged.Warning, StringComparison.Ordinal);
        var latest = fixture.Store.ResolveLatest(BackupFixture.ProjectId, Real, [ResourceType.Flow]);
        Assert.Equal(good.Id, latest.Manifest.Id);
        Assert.Contains(latest.Warnings, w => w.Contains(bad.Directory, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_idOfADamagedBackup_throwsBackupCorrupt()
    {
        var bad = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        BackupFixture.RewriteManifest(bad, m => { m["absent"] = new JsonArray((JsonNode?)null); return m; });

        Assert.Equal("backup_corrupt", Assert.Throws<UserError>(() => fixture.Store.Resolve(bad.Id, BackupFixture.ProjectId)).Code);
    }

    [Fact]
    public async Task Scan_manifestIsAFifo_isReportedDamagedWithoutHanging()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix file type");
        var good = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var bad = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var manifestPath = Path.Combine(bad.Directory, "manifest.json");
        File.Delete(manifestPath);
        await MakeFifoAsync(manifestPath);

        var (listing, verified) = await WithoutHangingAsync(() => (fixture.Store.Scan(BackupFixture.ProjectId), fixture.Store.VerifyAll(BackupFixture.ProjectId)));

        Assert.Equal([good.Id], listing.Backups.Select(m => m.Id));
        Assert.Contains("not a regular file", Assert.Single(listing.Damaged).Problem, StringComparison.Ordinal);
        Assert.Single(verified, v => !v.IsValid);
    }

    [Fact]
    public async Task VerifyAndLoad_itemFileIsAFifo_reportFailureWithoutHanging()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix file type");
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var item = Path.Combine(backup.Directory, backup.Items[0].Path);
        File.Delete(item);
        await MakeFifoAsync(item);

        var verification = await WithoutHangingAsync(() => fixture.Store.Verify(backup));
        var error = await Assert.ThrowsAsync<UserError>(() => WithoutHangingAsync(() => fixture.Store.LoadAsync(backup, Ct).GetAwaiter().GetResult()));

        Assert.False(verification.IsValid);
        Assert.Equal("backup_corrupt", error.Code);
    }

    [Fact]
    public async Task VerifyAndLoad_itemFileIsASymlink_reportFailure_evenWhenItPointsAtTheRightBytes()
    {
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var item = Path.Combine(backup.Directory, backup.Items[0].Path);
        var outside = fixture.Folder.Combine("outside.json");
        File.Move(item, outside);
        File.CreateSymbolicLink(item, outside);

        var verification = fixture.Store.Verify(backup);
        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.LoadAsync(backup, Ct));

        Assert.Contains("symbolic link", Assert.Single(verification.AllProblems()), StringComparison.Ordinal);
        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_flowsFolderIsASymlink_refuses()
    {
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var flows = Path.Combine(backup.Directory, "flows");
        var outside = fixture.Folder.Combine("outside-flows");
        Directory.Move(flows, outside);
        Directory.CreateSymbolicLink(flows, outside);

        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.LoadAsync(backup, Ct));

        Assert.Equal("backup_corrupt", error.Code);
        Assert.Contains("'flows'", error.Message, StringComparison.Ordinal);
        Assert.False(fixture.Store.Verify(backup).IsValid);
    }

    [Fact]
    public async Task Scan_manifestIsASymlink_isReportedDamaged()
    {
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var manifestPath = Path.Combine(backup.Directory, "manifest.json");
        var outside = fixture.Folder.Combine("manifest-elsewhere.json");
        File.Move(manifestPath, outside);
        File.CreateSymbolicLink(manifestPath, outside);

        var listing = fixture.Store.Scan(BackupFixture.ProjectId);

        Assert.Empty(listing.Backups);
        Assert.Contains("symbolic link", Assert.Single(listing.Damaged).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAndVerifyAll_backupFolderIsASymlink_reportItDamaged()
    {
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        var outside = fixture.Folder.Combine("elsewhere");
        Directory.Move(backup.Directory, outside);
        Directory.CreateSymbolicLink(backup.Directory, outside);

        var listing = fixture.Store.Scan(BackupFixture.ProjectId);

        Assert.Empty(listing.Backups);
        Assert.Contains("symbolic link", Assert.Single(listing.Damaged).Problem, StringComparison.Ordinal);
        Assert.False(Assert.Single(fixture.Store.VerifyAll(BackupFixture.ProjectId)).IsValid);
    }

    [Fact]
    public async Task Scan_hugeManifest_isReportedDamagedWithoutReadingIt()
    {
        var backup = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        using (var stream = File.OpenWrite(Path.Combine(backup.Directory, "manifest.json")))
        {
            // Sparse: the size is what counts, not the bytes on disk.
            stream.SetLength(33L * 1024 * 1024);
        }

        Assert.Contains("more than", Assert.Single(fixture.Store.Scan(BackupFixture.ProjectId).Damaged).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ResourceType.Flow, "../../x")]
    [InlineData(ResourceType.Flow, "/etc/passwd")]
    [InlineData(ResourceType.Tenant, "acme\u001b[2J")]
    [InlineData(ResourceType.Tenant, " ")]
    public async Task CreateAsync_idThatCouldNotBeReadBackSafely_isRefusedBeforeAnythingIsWritten(ResourceType type, string id)
    {
        var error = await Assert.ThrowsAsync<UserError>(() => fixture.CreateAsync(new BackupItemContent(type, id, new JsonObject { ["id"] = id })));

        Assert.Equal("backup_failed", error.Code);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Empty(fixture.Store.Scan(BackupFixture.ProjectId).Backups);
    }

    // Opening a FIFO blocks until a writer comes; the bound only turns a regression into a failure
    // instead of a test run that never ends.
    private static Task<T> WithoutHangingAsync<T>(Func<T> read) =>
        Task.Factory.StartNew(read, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30), Ct);

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        await mkfifo.WaitForExitAsync(Ct);
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
