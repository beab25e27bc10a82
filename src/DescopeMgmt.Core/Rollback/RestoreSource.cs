using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Flows;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Rollback;

/// <summary>
/// Where restored content comes from: a verified backup of this project, or (for flow rollback) a
/// flow export file from the console or descopecli.
/// </summary>
public sealed record RestoreSource(string Description, string? BackupId, IReadOnlyList<BackupItemContent> Items)
{
    /// <summary>Resolves REF; a path to a flow export file is accepted when <paramref name="allowFlowFile"/>.</summary>
    public static async Task<RestoreSource> ResolveAsync(BackupStore store, string reference, string projectId, bool allowFlowFile, CancellationToken cancellationToken)
    {
        if (allowFlowFile && File.Exists(reference) && !string.Equals(Path.GetFileName(reference), "manifest.json", StringComparison.Ordinal))
        {
            var file = FlowFileReader.Read(reference, null);
            return new RestoreSource($"file {reference}", null, [new BackupItemContent(ResourceType.Flow, file.FlowId, file.Flow)]);
        }

        var manifest = store.Resolve(reference, projectId);
        var loaded = await store.LoadAsync(manifest, projectId, cancellationToken).ConfigureAwait(false);
        return new RestoreSource($"backup {manifest.Id}", manifest.Id, loaded.Items);
    }

    public IReadOnlyList<BackupItemContent> OfType(ResourceType type) => Items.Where(i => i.Type == type).ToList();

    /// <summary>The named item, or the error design.md §7 asks for, listing what the source holds.</summary>
    public BackupItemContent Require(ResourceType type, string id)
    {
        var item = Items.FirstOrDefault(i => i.Type == type && i.Id == id);
        if (item is not null)
        {
            return item;
        }

        var held = OfType(type).Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
        var noun = type == ResourceType.Flow ? "Flow" : "Tenant";
        var plural = type == ResourceType.Flow ? "flows" : "tenants";
        var where = BackupId is null ? Description : $"backup {BackupId}";
        throw new UserError($"{noun.ToLowerInvariant()}_not_in_backup",
            $"{noun} '{id}' not found in {where}",
            held.Count == 0 ? $"It holds no {plural}." : $"It holds these {plural}: {string.Join(", ", held)}.");
    }
}
