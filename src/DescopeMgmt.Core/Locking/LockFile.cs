using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Core.Locking;

/// <summary>The file operations behind <see cref="ProjectLock"/>: create-if-absent, read, take over, release.</summary>
internal static class LockFile
{
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the lock file with its content in one step, or returns false when it exists. The content
    /// is written to a temp file first and moved without overwriting (link(2) on Unix), so no reader
    /// ever sees an empty lock that a crash could leave behind for good.
    /// </summary>
    public static bool TryCreate(string path, LockHolder holder)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(holder, LockJsonContext.Default.LockHolder));
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }

            AtomicFile.FsyncDirectory(Path.GetDirectoryName(path)!);
            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The holder, or null when the file is gone or cannot be understood.</summary>
    public static LockHolder? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), LockJsonContext.Default.LockHolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stale means: taken on this machine by a process that no longer runs. A lock from another host
    /// (a shared folder) is never judged stale, since we cannot see its processes.
    /// </summary>
    public static bool IsStale(LockHolder holder) =>
        string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
        && !IsRunning(holder.Pid);

    /// <summary>
    /// Removes a stale lock by moving it aside first and checking that what moved is the lock judged
    /// stale: two waiters taking over at once must not delete the fresh lock one of them just took.
    /// </summary>
    public static void TakeOver(string path, LockHolder stale)
    {
        var aside = $"{path}.{Guid.NewGuid():N}.stale";
        try
        {
            File.Move(path, aside, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (TryRead(aside)?.Token == stale.Token)
        {
            TryDelete(aside);
            return;
        }

        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(aside);
        }
    }

    /// <summary>Deletes the lock only while it is still ours.</summary>
    public static void Release(string path, LockHolder holder)
    {
        if (TryRead(path)?.Token == holder.Token)
        {
            TryDelete(path);
        }
    }

    public static string Describe(LockHolder holder) =>
        $"pid {holder.Pid}, '{holder.Operation}', started {holder.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)} on {holder.Host}";

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
