using System.Diagnostics;
using System.Text.Json.Nodes;
using DescopeMgmt.Core.Locking;
using DescopeMgmt.Core.Tests.Backups;
using Xunit;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Locking;

public sealed class ProjectLockTests : IDisposable
{
    private const string ProjectId = "P2test";

    private readonly TempDirectory folder = new();
    private readonly ParkingTimeProvider clock = new(new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero));

    public void Dispose() => folder.Dispose();

    private string LockDirectory => folder.Combine("locks");

    private string LockPath => Path.Combine(LockDirectory, ProjectId + ".lock");

    [Fact]
    public async Task AcquireAsync_freeProject_writesLockFileNamingThisProcess()
    {
        await using var held = await AcquireAsync("flow import", TimeSpan.Zero);

        Assert.Equal(LockPath, held.Path);
        var content = JsonNode.Parse(await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken))!;
        Assert.Equal(Environment.ProcessId, (int)content["pid"]!);
        Assert.Equal(Environment.MachineName, (string?)content["host"]);
        Assert.Equal("flow import", (string?)content["operation"]);
        Assert.Equal("2025-01-15T10:30:00Z", (string?)content["started"]);
        Assert.Single(Directory.GetFiles(LockDirectory));
    }

    [Fact]
    public async Task Dispose_heldLock_deletesTheLockFile()
    {
        var held = await AcquireAsync("apply", TimeSpan.Zero);

        await held.DisposeAsync();
        held.Dispose();

        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public async Task AcquireAsync_heldByARunningProcess_waitsThenThrowsProjectLockedNamingItsPid()
    {
        await using var first = await AcquireAsync("flow import", TimeSpan.Zero);
        var started = clock.GetUtcNow();

        var second = Task.Run(() => AcquireAsync("apply", TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        await AdvanceUntilDoneAsync(second);

        var error = await Assert.ThrowsAsync<UserError>(() => second);
        Assert.Equal("project_locked", error.Code);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'flow import'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ProjectId, error.Message, StringComparison.Ordinal);
        Assert.Contains(LockPath, error.Hint, StringComparison.Ordinal);
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(5));
        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task AcquireAsync_lockReleasedWhileWaiting_takesTheLock()
    {
        var first = await AcquireAsync("flow import", TimeSpan.Zero);
        var second = Task.Run(() => AcquireAsync("apply", TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        first.Dispose();
        await AdvanceUntilDoneAsync(second);

        await using var held = await second;
        Assert.Equal("apply", (string?)JsonNode.Parse(await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken))!["operation"]);
    }

    [Fact]
    public async Task AcquireAsync_lockOfAProcessThatNoLongerRuns_takesItOver()
    {
        WriteForeignLock(DeadPid(), Environment.MachineName);

        await using var held = await AcquireAsync("apply", TimeSpan.Zero);

        var content = JsonNode.Parse(await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken))!;
        Assert.Equal(Environment.ProcessId, (int)content["pid"]!);
        Assert.Single(Directory.GetFiles(LockDirectory));
    }

    [Fact]
    public async Task AcquireAsync_deadPidOnAnotherHost_isNotTakenOver()
    {
        var pid = DeadPid();
        WriteForeignLock(pid, "some-other-host");

        var error = await Assert.ThrowsAsync<UserError>(() => AcquireAsync("apply", TimeSpan.Zero));

        Assert.Equal("project_locked", error.Code);
        Assert.Contains($"pid {pid}", error.Message, StringComparison.Ordinal);
        Assert.Contains("some-other-host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_unreadableLockFile_throwsProjectLockedNamingThePath()
    {
        Directory.CreateDirectory(LockDirectory);
        await File.WriteAllTextAsync(LockPath, "garbage", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UserError>(() => AcquireAsync("apply", TimeSpan.Zero));

        Assert.Equal("project_locked", error.Code);
        Assert.Contains(LockPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_lockReplacedByAnotherCommand_leavesTheirLock()
    {
        var held = await AcquireAsync("apply", TimeSpan.Zero);
        File.Delete(LockPath);
        WriteForeignLock(12345, "some-other-host");

        held.Dispose();

        Assert.Contains("some-other-host", await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private Task<ProjectLock> AcquireAsync(string operation, TimeSpan wait) =>
        ProjectLock.AcquireAsync(LockDirectory, ProjectId, operation, wait, clock, TestContext.Current.CancellationToken);

    private Task AdvanceUntilDoneAsync(Task waiter) =>
        clock.AdvanceUntilDoneAsync(waiter, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

    private void WriteForeignLock(int pid, string host)
    {
        Directory.CreateDirectory(LockDirectory);
        File.WriteAllText(LockPath, new JsonObject
        {
            ["pid"] = pid,
            ["host"] = host,
            ["operation"] = "flow import",
            ["started"] = "2025-01-15T09:00:00Z",
            ["token"] = "other",
        }.ToJsonString());
    }

    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
