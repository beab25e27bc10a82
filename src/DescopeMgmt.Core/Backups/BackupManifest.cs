using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Backups;

/// <summary>The <c>manifest.json</c> of one backup.</summary>
public sealed class BackupManifest
{
    public const string CurrentFormat = "descope-mgmt-backup/1";

    public required string Format { get; init; }

    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string ProjectId { get; init; }

    public string? Environment { get; init; }

    /// <summary>
    /// The target's host (<see cref="BackupHost.For(string, Uri?, bool)"/>), <c>local</c> for the emulator;
    /// null in backups written before it was recorded, which are then offered only by full ID or path.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>The command that caused the backup, e.g. <c>flow import</c>.</summary>
    public required string Operation { get; init; }

    public required string ToolVersion { get; init; }

    public required string User { get; init; }

    public string? Note { get; init; }

    /// <summary>
    /// The kinds the backup covers (wire names), so a kind with no items is known to have been empty;
    /// null in older backups, where only the items and absent records tell.
    /// </summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>For a backup taken by a rollback or restore: the ID of the backup it restores; else null.</summary>
    public string? RollbackOf { get; init; }

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

    /// <summary>Whether the backup covers the type: holds items of it, records some absent, or lists it as a kind.</summary>
    public bool Concerns(string type) =>
        Items.Any(i => i.Type == type)
        || (Absent ?? []).Any(i => i.Type == type)
        || (Kinds ?? []).Contains(type, StringComparer.Ordinal);

    /// <summary>The full path of the backup folder; known from where the manifest was read, never stored.</summary>
    [JsonIgnore]
    public string Directory { get; internal set; } = "";
}

/// <summary>One backed-up item: <c>type</c> is a kind's name (flow, theme, tenant...); <c>path</c> is relative to the backup folder.</summary>
public sealed record BackupManifestItem(string Type, string Id, string Path, string Sha256);

/// <summary>An item that did not exist when the backup was taken.</summary>
public sealed record BackupAbsentItem(string Type, string Id);
