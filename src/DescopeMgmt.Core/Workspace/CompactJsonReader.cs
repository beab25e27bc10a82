using System.Buffers;
using System.Text.Json;

namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Parses workspace JSON files into elements that hold no more memory than their content. Flow files are
/// pretty-printed (about twice their minified size) and a parsed document rents an index sized for the
/// worst case, so a workspace of hundreds of large flows kept as parsed files would hold every indent and
/// every spare index slot. Each file is read and re-written into buffers reused from file to file, and the
/// element kept is an exact copy of the minified document.
/// </summary>
internal sealed class CompactJsonReader
{
    public static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = WorkspaceFiles.MaxDepth };

    private readonly ArrayBufferWriter<byte> _file = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _minified = new(64 * 1024);

    /// <summary>The bytes of the last file read, valid until the next call; large files would otherwise each leave garbage on the large-object heap.</summary>
    public ReadOnlyMemory<byte> Bytes => _file.WrittenMemory;

    /// <summary>Reads the file with <see cref="WorkspaceFiles.TryRead"/> into <see cref="Bytes"/>; null when it could be read.</summary>
    public WorkspaceFiles.Failure? Read(string path) => WorkspaceFiles.TryRead(path, _file);

    /// <summary>Parses <paramref name="utf8"/> (duplicate keys refused, with their line and column) into a compact element.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public JsonElement Parse(ReadOnlyMemory<byte> utf8)
    {
        using var parsed = JsonDocument.Parse(utf8, Options);
        _minified.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_minified))
        {
            parsed.RootElement.WriteTo(writer);
        }

        using var compact = JsonDocument.Parse(_minified.WrittenMemory, Options);
        return compact.RootElement.Clone();
    }
}
