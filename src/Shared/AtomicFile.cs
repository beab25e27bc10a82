using System.Text;

namespace DescopeMgmt.Shared;

/// <summary>
/// Crash-safe file writes: write a temporary file in the same folder, fsync it, rename it over the
/// target, then fsync the folder, so a reader sees either the old file or the new one, never half.
/// Compiled into Core and the Emulator (linked source) because the Emulator must not depend on Core.
/// </summary>
internal static class AtomicFile
{
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly UnixFileMode PrivateDirectory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly UnixFileMode SharedFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes atomically; <paramref name="isPrivate"/> (state, backups) means 0600 in a 0700 folder, otherwise 0644 (workspace files kept in git).</summary>
    public static void WriteAllText(string path, string contents, bool isPrivate = true) =>
        WriteAllBytes(path, Encoding.UTF8.GetBytes(contents), isPrivate);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents, bool isPrivate = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (isPrivate)
        {
            CreatePrivateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = CreateFile(temp, isPrivate ? PrivateFile : SharedFile))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            FsyncDirectory(directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteAllText(path, contents);
        return Task.CompletedTask;
    }

    /// <summary>Appends one line and fsyncs, for append-only logs (a torn last line is tolerated by readers).</summary>
    public static void AppendLine(string path, string line)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreatePrivateDirectory(directory);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Creates a folder (and parents) readable only by the owner.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    /// <summary>Makes a freshly written folder tree durable before it is renamed into place.</summary>
    public static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException)
        {
            // Some file systems refuse to open folders; the rename is still atomic there.
        }
        catch (IOException)
        {
        }
    }

    private static FileStream CreateFile(string path, UnixFileMode mode)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return new FileStream(path, options);
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
        catch (UnauthorizedAccessException)
        {
        }
    }
}
