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
/// change will create: they did not exist before it, so restoring the backup removes them.
/// <paramref name="Host"/> is the target's host (<see cref="BackupHost.For(string, Uri?, bool)"/>); without it
/// the backup is offered only by full ID or path. <paramref name="Kinds"/> are the kinds the backup covers
/// (default: those of its items and absent records). <paramref name="RollbackOf"/> is, for a rollback or
/// restore, the backup being restored, so <c>latest</c> skips this one. The management key never belongs here.
/// </summary>
public sealed record BackupRequest(
    string ProjectId,
    string? Environment,
    string Operation,
    string? Note,
    string User,
    string ToolVersion,
    IReadOnlyList<BackupItemContent> Items,
    IReadOnlyList<ResourceKey>? Absent = null,
    string? Host = null,
    IReadOnlyCollection<ResourceType>? Kinds = null,
    string? RollbackOf = null);
