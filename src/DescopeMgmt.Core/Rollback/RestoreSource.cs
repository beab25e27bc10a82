using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Rollback;

/// <summary>
/// Where restored content comes from: a verified backup of this project, or (for flow rollback) a
/// flow export file from the console or descopecli. <see cref="Absent"/> lists the items the backup
/// records as not existing when it was taken: putting them back means removing them.
/// </summary>
public sealed record RestoreSource(string Description, string? BackupId, IReadOnlyList<BackupItemContent> Items, IReadOnlyList<ResourceKey> Absent)
{
    /// <summary>Damaged backups <c>latest</c> passed over, one line each, to show before confirming.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Resolves REF; a path to a flow export file is accepted when <paramref name="allowFlowFile"/>.
    /// <c>latest</c> means the newest backup that concerns one of <paramref name="types"/>, so a tenant
    /// change made after a flow change does not hide the flow backup from <c>flow rollback --all --latest</c>
    /// (with <paramref name="single"/>, the newest that holds that item, so another tenant's change does not hide it);
    /// only backups taken from <paramref name="targetHost"/> are offered, and none taken by a rollback or
    /// restore, so a rollback run again finishes instead of reversing itself.
    /// </summary>
    public static async Task<RestoreSource> ResolveAsync(BackupStore store, string reference, string projectId, string targetHost, IReadOnlySet<ResourceType> types, bool allowFlowFile, CancellationToken cancellationToken, ResourceKey? single = null)
    {
        if (allowFlowFile && File.Exists(reference) && !string.Equals(Path.GetFileName(reference), "manifest.json", StringComparison.Ordinal))
        {
            var file = FlowFileReader.Read(reference, null);
            return new RestoreSource($"file {reference}", null, [new BackupItemContent(ResourceType.Flow, file.FlowId, file.Flow)], []);
        }

        var latest = string.Equals(reference.Trim(), BackupReferenceResolver.Latest, StringComparison.OrdinalIgnoreCase)
            ? store.ResolveLatest(projectId, targetHost, types, single)
            : null;
        var manifest = latest?.Manifest ?? store.Resolve(reference, projectId, targetHost);
        var loaded = await store.LoadAsync(manifest, projectId, targetHost, cancellationToken).ConfigureAwait(false);
        return new RestoreSource($"backup {manifest.Id}", manifest.Id, loaded.Items, loaded.Absent) { Warnings = latest?.Warnings ?? [] };
    }

    /// <summary>The items to put back and the items to remove, of the given types.</summary>
    public (IReadOnlyList<BackupItemContent> Items, IReadOnlyList<ResourceKey> Absent) Select(IReadOnlySet<ResourceType> types) =>
        (Items.Where(i => types.Contains(i.Type)).ToList(), Absent.Where(k => types.Contains(k.Type)).ToList());

    /// <summary>
    /// The named item (its content, or the record that it did not exist), or the error a rollback gives, listing what the source holds.
    /// </summary>
    public (IReadOnlyList<BackupItemContent> Items, IReadOnlyList<ResourceKey> Absent) Require(ResourceType type, string id)
    {
        var item = Items.FirstOrDefault(i => i.Type == type && i.Id == id);
        if (item is not null)
        {
            return ([item], []);
        }

        var key = new ResourceKey(type, id);
        if (Absent.Contains(key))
        {
            return ([], [key]);
        }

        var held = Items.Where(i => i.Type == type).Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
        var kind = Kinds.ResourceKinds.Of(type);
        var plural = kind.KindsName;
        var where = BackupId is null ? Description : $"backup {BackupId}";
        throw new UserError($"{kind.Name}_not_in_backup",
            $"{char.ToUpperInvariant(kind.Name[0])}{kind.Name[1..]} '{id}' not found in {where}",
            held.Count == 0 ? $"It holds no {plural}." : $"It holds these {plural}: {string.Join(", ", held)}.");
    }
}
