using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>One item to put in a backup: a live document.</summary>
public sealed record BackupItemContent(ResourceType Type, string Id, JsonNode Content);

public sealed record BackupRequest(
    string ProjectId,
    string? Environment,
    string Operation,
    string? Note,
    string User,
    string ToolVersion,
    IReadOnlyList<BackupItemContent> Items);

/// <summary>An entry of <c>manifest.json</c>'s items: where the file is and its SHA-256.</summary>
public sealed record BackupManifestItem(string Type, string Id, string Path, string Sha256);

/// <summary><c>manifest.json</c> (design.md §6).</summary>
public sealed class BackupManifest
{
    public const string CurrentFormat = "descope-mgmt-backup/1";

    public string Format { get; set; } = CurrentFormat;

    public string Id { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string ProjectId { get; set; } = "";

    public string? Environment { get; set; }

    public string Operation { get; set; } = "";

    public string ToolVersion { get; set; } = "";

    public string User { get; set; } = "";

    public string? Note { get; set; }

    public List<BackupManifestItem> Items { get; set; } = [];

    /// <summary>The backup's folder; not stored, known from where the manifest was read.</summary>
    [JsonIgnore]
    public string Directory { get; set; } = "";
}

/// <summary>A backup whose every checksum was verified.</summary>
public sealed record LoadedBackup(BackupManifest Manifest, IReadOnlyList<BackupItemContent> Items)
{
    public JsonNode? Find(ResourceType type, string id) => Items.FirstOrDefault(i => i.Type == type && i.Id == id)?.Content;
}

public sealed record BackupItemCheck(string Type, string Id, string Path, string? Problem);

public sealed record BackupVerification(BackupManifest Manifest, IReadOnlyList<BackupItemCheck> Items)
{
    public bool Ok => Items.All(i => i.Problem is null);
}

public sealed record PruneResult(IReadOnlyList<BackupManifest> Removed, IReadOnlyList<BackupManifest> Kept);

/// <summary>What `backup list --output json` prints per backup (design.md §5).</summary>
public sealed record BackupSummary(
    string Id,
    string Path,
    DateTimeOffset CreatedAt,
    string ProjectId,
    string? Environment,
    string Operation,
    string? Note,
    string User,
    IReadOnlyList<BackupSummaryItem> Items)
{
    public static BackupSummary From(BackupManifest m) => new(m.Id, m.Directory, m.CreatedAt, m.ProjectId, m.Environment, m.Operation, m.Note, m.User,
        m.Items.Select(i => new BackupSummaryItem(i.Type, i.Id)).ToList());
}

public sealed record BackupSummaryItem(string Type, string Id);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
