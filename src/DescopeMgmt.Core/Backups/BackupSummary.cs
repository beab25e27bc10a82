using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Backups;

/// <summary>One entry of <c>backup list --output json</c>.</summary>
public sealed record BackupSummary(
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    string ProjectId,
    string? Environment,
    // The host of the project backed up: named as in audit entries, where "host" is the machine.
    [property: JsonPropertyName("targetHost")] string? Host,
    string Operation,
    string User,
    string? Note,
    IReadOnlyList<BackupSummaryItem> Items,
    IReadOnlyList<BackupSummaryItem> Absent,
    IReadOnlyList<string>? Kinds,
    string? RollbackOf)
{
    public static BackupSummary From(BackupManifest manifest) => new(
        manifest.Id,
        manifest.Directory,
        manifest.CreatedAt,
        manifest.ProjectId,
        manifest.Environment,
        manifest.Host,
        manifest.Operation,
        manifest.User,
        manifest.Note,
        manifest.Items.Select(i => new BackupSummaryItem(i.Type, i.Id)).ToList(),
        (manifest.Absent ?? []).Select(i => new BackupSummaryItem(i.Type, i.Id)).ToList(),
        manifest.Kinds,
        manifest.RollbackOf);
}

public sealed record BackupSummaryItem(string Type, string Id);

/// <summary>The <c>{"items":[...]}</c> document of <c>backup list --output json</c>.</summary>
public sealed record BackupSummaryList(IReadOnlyList<BackupSummary> Items);
