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
