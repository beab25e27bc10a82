using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Backups;

/// <summary>A backup whose every item file was read and matched its checksum.</summary>
public sealed record LoadedBackup(BackupManifest Manifest, IReadOnlyList<BackupItemContent> Items)
{
    /// <summary>
    /// Items that did not exist when the backup was taken; restoring removes them. A theme record (which
    /// no backup of ours writes) is ignored rather than planned as a deletion the API cannot make.
    /// </summary>
    public IReadOnlyList<ResourceKey> Absent { get; } = (Manifest.Absent ?? [])
        .Select(a => ResourceTypeNames.TryParse(a.Type, out var type) ? new ResourceKey(type, a.Id) : (ResourceKey?)null)
        .OfType<ResourceKey>()
        .Where(k => k.CanBeAbsent)
        .ToList();

    public JsonNode? Find(ResourceType type, string id) =>
        Items.FirstOrDefault(i => i.Type == type && string.Equals(i.Id, id, StringComparison.Ordinal))?.Content;

    public JsonNode? Find(ResourceKey key) => Find(key.Type, key.Id);

    /// <summary>IDs of the items of one type, for messages such as "the backup holds flows a, b".</summary>
    public IReadOnlyList<string> IdsOf(ResourceType type) =>
        Items.Where(i => i.Type == type).Select(i => i.Id).ToList();
}
