using DescopeMgmt.Core.Connection;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The exact command that undoes a change, from the backup the change took first. It names the same
/// target the change used, so pasting it after `apply --env prod` acts on prod, not the default.
/// </summary>
internal static class UndoCommands
{
    /// <summary>Undo of a change to one item: roll that item back to the backup.</summary>
    public static string ForItem(ConnectionTarget target, ResourceKey key, string? backupId) => WithTarget(target, key.Type switch
    {
        ResourceType.Flow => $"descope-mgmt flow rollback --flow-id {key.Id} --backup {backupId}",
        ResourceType.Tenant => $"descope-mgmt tenant rollback --tenant-id {key.Id} --backup {backupId}",
        _ => $"descope-mgmt backup restore {backupId} --only theme",
    });

    /// <summary>Undo of a change to several items: restore everything the backup holds of these types.</summary>
    public static string ForBackup(ConnectionTarget target, IReadOnlySet<ResourceType> types, string? backupId) => WithTarget(target, types switch
    {
        { Count: 1 } when types.Contains(ResourceType.Flow) => $"descope-mgmt flow rollback --all --backup {backupId}",
        { Count: 1 } when types.Contains(ResourceType.Tenant) => $"descope-mgmt tenant rollback --all --backup {backupId}",
        _ => $"descope-mgmt backup restore {backupId}",
    });

    private static string WithTarget(ConnectionTarget target, string command) => target switch
    {
        { EnvironmentName: { } environment } => $"{command} --env {environment}",
        { UseEmbeddedEmulator: true } => $"{command} --local",
        { Source: "--project-id" } => $"{command} --project-id {target.ProjectId}",
        _ => command,
    };
}
