using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DescopeMgmt.Core.Locking;

/// <summary>
/// One change per project at a time: a lock file created exclusively, naming the holder. A second
/// command waits briefly, then refuses; a lock left by a process that no longer runs is taken over.
/// </summary>
public sealed class ProjectLock : IAsyncDisposable
{
    private readonly string _path;
    private readonly FileStream _stream;

    private ProjectLock(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    public static async Task<ProjectLock> AcquireAsync(string lockDirectory, string projectId, string operation, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        Shared.AtomicFile.CreatePrivateDirectory(lockDirectory);
        var path = Path.Combine(lockDirectory, Uri.EscapeDataString(projectId) + ".lock");
        var started = time.GetTimestamp();
        while (true)
        {
            if (TryCreate(path, operation, time) is { } stream)
            {
                return new ProjectLock(path, stream);
            }

            var holder = ReadHolder(path);
            if (holder is { } h && h.Host == Environment.MachineName && !IsRunning(h.Pid))
            {
                TryDelete(path);
                continue;
            }

            if (time.GetElapsedTime(started) >= wait)
            {
                var who = holder is { } x ? $"pid {x.Pid} on {x.Host}, '{x.Operation}', started {x.Started}" : "unknown holder";
                throw new UserError("project_locked",
                    $"Another descope-mgmt command ({who}) is changing project {projectId}.",
                    $"Wait for it to finish and try again. If no such process runs, delete {path}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        TryDelete(_path);
        return ValueTask.CompletedTask;
    }

    private static FileStream? TryCreate(string path, string operation, TimeProvider time)
    {
        try
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
            var text = string.Join('\n', Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Environment.MachineName, operation,
                time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)) + "\n";
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
            return stream;
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    private static (int Pid, string Host, string Operation, string Started)? ReadHolder(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 4 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) ? (pid, lines[1], lines[2], lines[3]) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
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
        catch (IOException)
        {
        }
    }
}
