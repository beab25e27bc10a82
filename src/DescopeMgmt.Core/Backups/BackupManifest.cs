using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Backups;

/// <summary>The <c>manifest.json</c> of one backup (design.md §6).</summary>
public sealed class BackupManifest
{
    public const string CurrentFormat = "descope-mgmt-backup/1";

    public required string Format { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string ProjectId { get; init; }

    public string? Environment { get; init; }

    /// <summary>The command that caused the backup, e.g. <c>flow import</c>.</summary>
    public required string Operation { get; init; }

    public required string ToolVersion { get; init; }

    public required string User { get; init; }

    public string? Note { get; init; }

    public required IReadOnlyList<BackupManifestItem> Items { get; init; }

    /// <summary>
    /// Items that did not exist when the backup was taken (the change created them), so that restoring
    /// the backup deletes them and an undo is complete. Left out of the file when there are none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BackupAbsentItem>? Absent { get; init; }

    /// <summary>Whether the backup holds the item, or records that it did not exist.</summary>
    public bool Concerns(string type, string id) =>
        Items.Any(i => i.Type == type && string.Equals(i.Id, id, StringComparison.Ordinal))
        || (Absent ?? []).Any(i => i.Type == type && string.Equals(i.Id, id, StringComparison.Ordinal));

    /// <summary>Whether the backup holds or records as absent any item of the type (for <c>--latest</c>).</summary>
    public bool Concerns(string type) => Items.Any(i => i.Type == type) || (Absent ?? []).Any(i => i.Type == type);

    /// <summary>The full path of the backup folder; known from where the manifest was read, never stored.</summary>
    [JsonIgnore]
    public string Directory { get; internal set; } = "";
}

/// <summary>One backed-up item: <c>type</c> is flow, theme or tenant; <c>path</c> is relative to the backup folder.</summary>
public sealed record BackupManifestItem(string Type, string Id, string Path, string Sha256);

/// <summary>An item that did not exist when the backup was taken.</summary>
public sealed record BackupAbsentItem(string Type, string Id);
