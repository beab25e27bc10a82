using DescopeMgmt.Core.Backups;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Locking;

/// <summary>
/// Keeps two descope-mgmt commands from changing the same project at once: a lock file
/// <c>&lt;lockDirectory&gt;/&lt;projectId&gt;.lock</c> held from before the backup until after the audit entry.
/// </summary>
public sealed class ProjectLock : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly LockHolder holder;
    private bool released;

    private ProjectLock(string path, LockHolder holder)
    {
        Path = path;
        this.holder = holder;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock, polling for up to <paramref name="wait"/> while another command holds it; a lock
    /// left by a process that no longer runs on this machine is taken over. Throws UserError
    /// <c>project_locked</c> naming the holder when the wait runs out.
    /// </summary>
    public static async Task<ProjectLock> AcquireAsync(
        string lockDirectory,
        string projectId,
        string operation,
        TimeSpan wait,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(lockDirectory), ProjectFolderName.Validate(projectId) + ".lock");
        var mine = new LockHolder(
            Environment.ProcessId, Environment.MachineName, operation, timeProvider.GetUtcNow(), Guid.NewGuid().ToString("N"));
        // Measured on the monotonic clock: a wall clock set back (or stopped, in tests) must not make
        // the wait endless.
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LockHolder? current;
            try
            {
                AtomicFile.CreatePrivateDirectory(lockDirectory);
                if (LockFile.TryCreate(path, mine))
                {
                    return new ProjectLock(path, mine);
                }

                current = LockFile.TryRead(path);
                if (current is null && !File.Exists(path))
                {
                    // Released between our attempt and the read: try again at once.
                    continue;
                }

                if (current is not null && LockFile.IsStale(current))
                {
                    LockFile.TakeOver(path, current);
                    continue;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserError(
                    "lock_failed",
                    $"Could not create the lock file {path}: {ex.Message}",
                    "Make sure the folder is writable (DESCOPE_MGMT_HOME moves it).",
                    ex);
            }

            var left = wait - timeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw Locked(projectId, path, current);
            }

            var pause = left < PollInterval ? left : PollInterval;
            await Task.Delay(pause, timeProvider, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (!released)
        {
            released = true;
            LockFile.Release(Path, holder);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static UserError Locked(string projectId, string path, LockHolder? holder) => new(
        "project_locked",
        holder is null
            ? $"Another descope-mgmt command is changing project {projectId} (lock file {path})."
            : $"Another descope-mgmt command ({LockFile.Describe(holder)}) is changing project {projectId}.",
        $"Wait for it to finish; if no such process runs, delete {path}");
}
