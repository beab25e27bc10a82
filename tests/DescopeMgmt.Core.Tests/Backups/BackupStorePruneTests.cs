using DescopeMgmt.Core.Backups;
using Xunit;

namespace DescopeMgmt.Core.Tests.Backups;

public sealed class BackupStorePruneTests : IDisposable
{
    private readonly BackupFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Prune_manyOldBackups_keepsTheNewestNAndRemovesTheRest()
    {
        var ids = await CreateDailyAsync(5);
        fixture.Clock.Advance(TimeSpan.FromDays(60));

        var result = fixture.Store.Prune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 2, dryRun: false);

        Assert.Equal([ids[4], ids[3]], result.Kept.Select(s => s.Id));
        Assert.Equal([ids[2], ids[1], ids[0]], result.Removed.Select(s => s.Id));
        Assert.Equal([ids[4], ids[3]], fixture.Store.List(BackupFixture.ProjectId).Select(m => m.Id));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(fixture.Store.Root, BackupFixture.ProjectId)).Length);
    }

    [Fact]
    public async Task Prune_backupsYoungerThanRetention_areKeptBeyondN()
    {
        var ids = await CreateDailyAsync(4);
        fixture.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromDays(2));

        var result = fixture.Store.Prune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 1, dryRun: false);

        Assert.Equal([ids[1], ids[0]], result.Removed.Select(s => s.Id));
        Assert.Equal(2, fixture.Store.List(BackupFixture.ProjectId).Count);
    }

    [Fact]
    public async Task Prune_dryRun_reportsButRemovesNothing()
    {
        await CreateDailyAsync(3);
        fixture.Clock.Advance(TimeSpan.FromDays(90));

        var result = fixture.Store.Prune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 1, dryRun: true);

        Assert.True(result.DryRun);
        Assert.Equal(2, result.Removed.Count);
        Assert.Equal(3, fixture.Store.List(BackupFixture.ProjectId).Count);
    }

    [Fact]
    public async Task Prune_keepZero_stillKeepsTheNewestBackup()
    {
        var ids = await CreateDailyAsync(3);
        fixture.Clock.Advance(TimeSpan.FromDays(90));

        var result = fixture.Store.Prune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 0);

        Assert.Equal([ids[2]], result.Kept.Select(s => s.Id));
        Assert.Equal([ids[2]], fixture.Store.List(BackupFixture.ProjectId).Select(m => m.Id));
    }

    [Fact]
    public async Task Prune_hostsAreCountedApart_soLocalBackupsNeverPushOutRealOnes()
    {
        var real = (await fixture.CreateOnAsync("api.descope.com", null, BackupFixture.FlowItem("a"))).Id;
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var locals = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            locals.Add((await fixture.CreateOnAsync(BackupHost.Local, null, BackupFixture.FlowItem("a"))).Id);
            fixture.Clock.Advance(TimeSpan.FromDays(1));
        }

        fixture.Clock.Advance(TimeSpan.FromDays(90));

        var result = fixture.Store.Prune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 2);

        Assert.Equal([locals[2], locals[1], real], result.Kept.Select(s => s.Id));
        Assert.Equal([locals[0]], result.Removed.Select(s => s.Id));
    }

    [Fact]
    public async Task Remove_removesExactlyWhatThePlanListed_evenWhenMoreHaveAgedSince()
    {
        var ids = await CreateDailyAsync(4);
        // The first backup is 30.5 days old, the next 29.5.
        fixture.Clock.Advance(TimeSpan.FromDays(26.5));
        var plan = fixture.Store.PlanPrune(BackupFixture.ProjectId, TimeSpan.FromDays(30), keep: 1);
        fixture.Clock.Advance(TimeSpan.FromDays(5));

        var result = fixture.Store.Remove(plan);

        Assert.False(result.DryRun);
        Assert.Equal([ids[0]], result.Removed.Select(s => s.Id));
        Assert.Equal([ids[3], ids[2], ids[1]], fixture.Store.List(BackupFixture.ProjectId).Select(m => m.Id));
    }

    [Fact]
    public void PlanPrune_negativeAgeOrKeep_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Store.PlanPrune(BackupFixture.ProjectId, TimeSpan.FromDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Store.PlanPrune(BackupFixture.ProjectId, TimeSpan.FromDays(1), keep: -1));
    }

    [Fact]
    public async Task PlanPrune_ageBeyondTheCalendar_removesNothingInsteadOfOverflowing()
    {
        await CreateDailyAsync(3);

        var plan = fixture.Store.PlanPrune(BackupFixture.ProjectId, TimeSpan.MaxValue, keep: 1);

        Assert.Empty(plan.Removed);
    }

    private async Task<List<string>> CreateDailyAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await fixture.CreateAsync(BackupFixture.FlowItem("a"))).Id);
            fixture.Clock.Advance(TimeSpan.FromDays(1));
        }

        return ids;
    }
}
