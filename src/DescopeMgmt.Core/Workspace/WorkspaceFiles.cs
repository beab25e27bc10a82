using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Reads workspace input files (descope.yaml, tenants.yaml, flows, the theme, a file given to
/// `flow validate` or `flow import`) with limits, because any of them may come from a pull request:
/// a size cap instead of reading <c>/dev/zero</c> forever, folders and special files refused, and
/// invalid UTF-8 reported at its byte offset instead of being silently replaced.
/// </summary>
public static class WorkspaceFiles
{
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Deepest nesting accepted in workspace JSON and YAML: the API client writes each document inside
    /// one wrapper object and refuses more than 64 levels, so deeper input would pass validation and fail
    /// mid-apply.
    /// </summary>
    public const int MaxDepth = 62;

    private static readonly string[] SpecialFolders = ["/dev/", "/proc/", "/sys/"];

    /// <summary>Why the file cannot be read, with the 1-based line when the problem has one.</summary>
    public sealed record Failure(int? Line, string Message);

    /// <summary>
    /// Reads the file into <paramref name="buffer"/> (reset first). A file the system reports as empty is
    /// not opened: FIFOs and devices report no size, and opening a FIFO would wait for a writer forever.
    /// </summary>
    public static Failure? TryRead(string path, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        FileInfo target;
        try
        {
            var info = new FileInfo(path);
            target = info.LinkTarget is null ? info : File.ResolveLinkTarget(path, returnFinalTarget: true) as FileInfo ?? info;
            if (Directory.Exists(target.FullName))
            {
                return new Failure(null, "is a folder, not a file");
            }

            if (!target.Exists)
            {
                return new Failure(null, info.LinkTarget is null ? "file not found" : $"is a link to {info.LinkTarget}, which does not exist");
            }

            if (SpecialFolders.Any(f => target.FullName.StartsWith(f, StringComparison.Ordinal)))
            {
                return new Failure(null, $"is not a regular file ({target.FullName})");
            }

            if (target.Length > MaxBytes)
            {
                return new Failure(null, $"is {target.Length / (1024 * 1024)} MB; workspace files are limited to {MaxBytes / (1024 * 1024)} MB");
            }

            if (target.Length == 0)
            {
                return null;
            }

            using var stream = new FileStream(target.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            int read;
            while ((read = stream.Read(buffer.GetSpan((int)Math.Min(Math.Max(4096, target.Length - buffer.WrittenCount + 1), MaxBytes + 1)))) > 0)
            {
                buffer.Advance(read);
                if (buffer.WrittenCount > MaxBytes)
                {
                    return new Failure(null, $"is larger than {MaxBytes / (1024 * 1024)} MB, the limit for workspace files");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Failure(null, $"cannot be read: {ex.Message}");
        }

        return InvalidUtf8(buffer.WrittenSpan);
    }

    /// <summary>Why <paramref name="path"/> must not be replaced by a written file, or null when it is a regular file or absent.</summary>
    public static string? ReplaceProblem(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return "is a folder";
        }

        var info = new FileInfo(full);
        if (info.LinkTarget is { } link)
        {
            return $"is a link to {link}";
        }

        return SpecialFolders.Any(f => full.StartsWith(f, StringComparison.Ordinal)) ? "is not a regular file" : null;
    }

    /// <summary>The file's text (UTF-8, a byte-order mark dropped), or the failure.</summary>
    public static (string? Text, Failure? Failure) ReadText(string path)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (TryRead(path, buffer) is { } failure)
        {
            return (null, failure);
        }

        var bytes = buffer.WrittenSpan;
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return (Encoding.UTF8.GetString(bytes), null);
    }

    /// <summary>Null when <paramref name="bytes"/> is valid UTF-8, else where the first invalid byte is.</summary>
    public static Failure? InvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        var line = 1 + bytes[..offset].Count((byte)'\n');
        return new Failure(line, $"invalid UTF-8 at byte offset {offset}: save the file as UTF-8");
    }

    /// <summary>The user-facing error for a file given on the command line that cannot be read.</summary>
    public static UserError ToError(string displayPath, Failure failure) =>
        new("file_unreadable", $"{displayPath}{(failure.Line is { } line ? $":{line}" : "")}: {failure.Message}.",
            "Check the path; inputs must be regular UTF-8 files.");
}
