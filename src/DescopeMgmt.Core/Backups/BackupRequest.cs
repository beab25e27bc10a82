using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>The live content of one item to back up (a v2 flow export, the theme, a tenant).</summary>
public sealed record BackupItemContent(ResourceType Type, string Id, JsonNode Content)
{
    public ResourceKey Key => new(Type, Id);
}

/// <summary>
/// What <see cref="BackupStore.CreateAsync"/> writes. <paramref name="Absent"/> names the items the
/// change will create: they did not exist before it, so restoring the backup removes them. The
/// management key never belongs here.
/// </summary>
public sealed record BackupRequest(
    string ProjectId,
    string? Environment,
    string Operation,
    string? Note,
    string User,
    string ToolVersion,
    IReadOnlyList<BackupItemContent> Items,
    IReadOnlyList<ResourceKey>? Absent = null);
