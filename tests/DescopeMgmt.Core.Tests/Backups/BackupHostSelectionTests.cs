using System.Text.Json.Nodes;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Model;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

/// <summary>Backups record their host, kinds and rollback source; a backup is only offered to its own host.</summary>
public sealed class BackupHostSelectionTests : IDisposable
{
    private const string Real = "api.descope.com";

    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject ManifestFile(BackupManifest manifest) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(manifest.Directory, "manifest.json")))!.AsObject();

    [Fact]
    public async Task Create_hostKindsAndRollbackOf_areWrittenAndReadBack()
    {
        var request = BackupFixture.Request(BackupFixture.FlowItem("a")) with
        {
            Host = Real,
            Kinds = [ResourceType.Flow, ResourceType.Tenant],
            RollbackOf = "20250101T000000Z-abcdef",
        };

        var created = await fixture.Store.CreateAsync(request, Ct);

        var file = ManifestFile(created);
        Assert.Equal(Real, file["host"]!.GetValue<string>());
        Assert.Equal(["flow", "tenant"], file["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("20250101T000000Z-abcdef", file["rollbackOf"]!.GetValue<string>());
        var listed = Assert.Single(fixture.Store.List(BackupFixture.ProjectId));
        Assert.Equal(Real, listed.Host);
        Assert.Equal(["flow", "tenant"], listed.Kinds);
        Assert.Equal("20250101T000000Z-abcdef", listed.RollbackOf);
        Assert.True(listed.Concerns("tenant"));
    }

    [Fact]
    public async Task Create_withoutKinds_recordsTheKindsOfItsItemsAndAbsentRecords()
    {
        var request = BackupFixture.Request(BackupFixture.FlowItem("a")) with { Absent = [ResourceKey.Tenant("t1")] };

        var created = await fixture.Store.CreateAsync(request, Ct);

        Assert.Equal(["flow", "tenant"], created.Kinds);
        Assert.Null(ManifestFile(created)["rollbackOf"]);
    }

    [Fact]
    public async Task List_oldManifestWithoutHostKindsOrRollbackOf_stillReads_hostUnknown()
    {
        var created = await fixture.CreateAsync(BackupFixture.FlowItem("a"));
        BackupFixture.RewriteManifest(created, m =>
        {
            m.Remove("host");
            m.Remove("kinds");
            m.Remove("rollbackOf");
            return m;
        });

        var listed = Assert.Single(fixture.Store.List(BackupFixture.ProjectId));

        Assert.Null(listed.Host);
        Assert.Null(listed.Kinds);
        Assert.True(listed.Concerns("flow"));
    }

    [Fact]
    public async Task ResolveLatest_newerBackupOfAnotherHost_isNotOffered()
    {
        var real = await fixture.CreateOnAsync(Real, null, BackupFixture.FlowItem("a"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"));

        Assert.Equal(real.Id, fixture.Store.ResolveLatest(BackupFixture.ProjectId, Real, [ResourceType.Flow]).Manifest.Id);
        Assert.Equal(real.Id, fixture.Store.Resolve("latest", BackupFixture.ProjectId, Real).Id);
    }

    [Fact]
    public async Task ResolveLatest_onlyLocalAndHostlessBackups_throwsNotFoundForTheRealHost()
    {
        await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"));
        await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        var error = Assert.Throws<UserError>(() => fixture.Store.ResolveLatest(BackupFixture.ProjectId, Real, [ResourceType.Flow]));

        Assert.Equal("backup_not_found", error.Code);
        Assert.Contains(Real, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveLatest_newestTakenByARollback_isSkipped_soARerunPicksTheSameSource()
    {
        var source = await fixture.CreateOnAsync(Real, null, BackupFixture.FlowItem("a", "before the change"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.CreateOnAsync(Real, source.Id, BackupFixture.FlowItem("a", "before the rollback"));

        Assert.Equal(source.Id, fixture.Store.ResolveLatest(BackupFixture.ProjectId, Real, [ResourceType.Flow]).Manifest.Id);
    }

    [Fact]
    public async Task ResolveLatest_kindRecordedWithoutItems_isHeldByThatBackup()
    {
        await fixture.CreateOnAsync(Real, null, new BackupItemContent(ResourceType.Tenant, "t1", new JsonObject { ["id"] = "t1" }));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var empty = await fixture.Store.CreateAsync(
            BackupFixture.Request(BackupFixture.FlowItem("a")) with { Host = Real, Kinds = [ResourceType.Flow, ResourceType.Tenant] }, Ct);

        Assert.Equal(empty.Id, fixture.Store.ResolveLatest(BackupFixture.ProjectId, Real, [ResourceType.Tenant]).Manifest.Id);
    }

    [Fact]
    public async Task Resolve_prefixOrTimestampOfAnotherHostsBackup_isNotOffered()
    {
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var local = await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"));

        var byPrefix = Assert.Throws<UserError>(() => fixture.Store.Resolve(local.Id[..10], BackupFixture.ProjectId, Real));
        var byTime = Assert.Throws<UserError>(() => fixture.Store.Resolve(BackupTimestamp.Format(local.CreatedAt), BackupFixture.ProjectId, Real));

        Assert.Equal("backup_not_found", byPrefix.Code);
        Assert.Contains("only by full ID or path", byPrefix.Message, StringComparison.Ordinal);
        Assert.Equal("backup_not_found", byTime.Code);
        Assert.Equal(local.Id, fixture.Store.Resolve(local.Id[..10], BackupFixture.ProjectId, BackupHost.Local).Id);
    }

    [Fact]
    public async Task Resolve_fullIdOrPathOfAnotherHostsBackup_throwsForeignHostNamingBothHosts()
    {
        var local = await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"));

        var byId = Assert.Throws<UserError>(() => fixture.Store.Resolve(local.Id, BackupFixture.ProjectId, Real));
        var byPath = Assert.Throws<UserError>(() => fixture.Store.Resolve(local.Directory, BackupFixture.ProjectId, Real));

        foreach (var error in new[] { byId, byPath })
        {
            Assert.Equal("backup_foreign_host", error.Code);
            Assert.Contains("local", error.Message, StringComparison.Ordinal);
            Assert.Contains(Real, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Resolve_fullIdOfABackupWithoutHost_isOffered_butNotItsPrefix()
    {
        var old = await fixture.CreateAsync(BackupFixture.FlowItem("a"));

        Assert.Equal(old.Id, fixture.Store.Resolve(old.Id, BackupFixture.ProjectId, Real).Id);
        Assert.Equal("backup_not_found", Assert.Throws<UserError>(() => fixture.Store.Resolve(old.Id[..12], BackupFixture.ProjectId, Real)).Code);
    }

    [Fact]
    public async Task LoadAsync_forATargetOnAnotherHost_throwsForeignHost()
    {
        var local = await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"));
        var manifest = fixture.Store.Resolve(local.Directory, BackupFixture.ProjectId);

        var error = await Assert.ThrowsAsync<UserError>(() => fixture.Store.LoadAsync(manifest, BackupFixture.ProjectId, Real, Ct));

        Assert.Equal("backup_foreign_host", error.Code);
    }

    [Fact]
    public void AuditQuery_targetHost_keepsOnlyThatHostsEntries()
    {
        var query = new AuditQuery(TargetHost: Real);

        Assert.True(query.Matches(new AuditEntry { Operation = "apply", Outcome = AuditOutcome.Success, TargetHost = "API.descope.com" }));
        Assert.False(query.Matches(new AuditEntry { Operation = "apply", Outcome = AuditOutcome.Success, TargetHost = BackupHost.Local }));
        Assert.False(query.Matches(new AuditEntry { Operation = "apply", Outcome = AuditOutcome.Success }));
    }
}
