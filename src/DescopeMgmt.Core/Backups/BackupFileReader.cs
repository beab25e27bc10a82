namespace DescopeMgmt.Core.Backups;

/// <summary>
/// Reads a file inside a backup folder without following a symbolic link anywhere below the folder,
/// without ever opening anything that is not a regular file (a FIFO or a device would block or never
/// end), and without reading more than a cap: a backup folder is input like any other.
/// </summary>
internal static class BackupFileReader
{
    public const long ManifestCap = 32L * 1024 * 1024;

    public const long ItemCap = 64L * 1024 * 1024;

    /// <summary>The bytes; or null with <paramref name="missing"/> set; or null with the problem.</summary>
    public static byte[]? Read(string backupDirectory, string fullPath, long cap, out bool missing, out string? problem)
    {
        missing = false;
        problem = LinkProblem(backupDirectory, fullPath);
        if (problem is not null)
        {
            return null;
        }

        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            if (Directory.Exists(fullPath))
            {
                problem = "is a folder, not a file";
                return null;
            }

            missing = true;
            problem = "is missing";
            return null;
        }

        if (info.Length > cap)
        {
            problem = $"is {info.Length} bytes, more than the {cap / (1024 * 1024)} MB a backup file may hold";
            return null;
        }

        // A FIFO, socket or device reports size 0 and may block on open or never end, so a zero-size
        // entry is never opened: an empty regular file holds nothing anyway.
        if (info.Length == 0)
        {
            return [];
        }

        using var stream = new FileStream(fullPath, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read });
        if (!stream.CanSeek)
        {
            problem = "is not a regular file";
            return null;
        }

        var bytes = new byte[info.Length];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() != -1)
        {
            problem = "changed while it was read";
            return null;
        }

        return bytes;
    }

    // Every entry from just below the backup folder down to the file itself must be a real folder or
    // file: a link could point anywhere, and restoring would push whatever it points at.
    private static string? LinkProblem(string backupDirectory, string fullPath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(backupDirectory));
        var relative = Path.GetRelativePath(root, fullPath);
        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            FileSystemInfo entry = new FileInfo(current);
            if (!entry.Exists && Directory.Exists(current))
            {
                entry = new DirectoryInfo(current);
            }

            if (entry.LinkTarget is not null
                || (entry.Attributes != (FileAttributes)(-1) && entry.Attributes.HasFlag(FileAttributes.ReparsePoint)))
            {
                var name = Path.GetRelativePath(root, current).Replace(Path.DirectorySeparatorChar, '/');
                return $"is reached through the symbolic link '{name}', which a backup may not hold";
            }
        }

        return null;
    }
}
