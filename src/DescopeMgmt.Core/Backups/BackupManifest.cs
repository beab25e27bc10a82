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

    /// <summary>The full path of the backup folder; known from where the manifest was read, never stored.</summary>
    [JsonIgnore]
    public string Directory { get; internal set; } = "";
}

/// <summary>One backed-up item: <c>type</c> is flow, theme or tenant; <c>path</c> is relative to the backup folder.</summary>
public sealed record BackupManifestItem(string Type, string Id, string Path, string Sha256);
