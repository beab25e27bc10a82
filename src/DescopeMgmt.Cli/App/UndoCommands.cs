using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The exact command that undoes a change, from the backup the change took first. It names the same
/// target, emulator, workspace and backup folder the change used, so pasting it after
/// `apply --env prod` acts on prod, and after `--local` on the emulator, never on something else.
/// </summary>
internal static class UndoCommands
{
    /// <summary>Undo of a change to one item: roll that item back to the backup.</summary>
    public static string ForItem(CommandContext context, ResourceKey key, string? backupId)
    {
        var kind = ResourceKinds.Of(key);
        return WithTarget(context, kind.HasRollbackCommand
            ? $"descope-mgmt {kind.Name} rollback --{kind.Name}-id {Quote(key.Id)} --backup {Quote(backupId ?? "")}"
            : $"descope-mgmt backup restore {Quote(backupId ?? "")} --only {kind.KindsName}");
    }

    /// <summary>Undo of a change to several items: restore everything the backup holds of these types.</summary>
    public static string ForBackup(CommandContext context, IReadOnlySet<ResourceType> types, string? backupId) =>
        WithTarget(context, types.Count == 1 && ResourceKinds.Of(types.Single()) is { HasRollbackCommand: true } kind
            ? $"descope-mgmt {kind.Name} rollback --all --backup {Quote(backupId ?? "")}"
            : $"descope-mgmt backup restore {Quote(backupId ?? "")}");

    /// <summary>
    /// A command whose change creates items that answer a secret (access keys restored with a new one): it
    /// needs <c>--secrets-out</c>, the file left for the user to name (it must not exist yet).
    /// </summary>
    public static string WithSecretsOut(string command, bool createsSecrets) => createsSecrets ? $"{command} --secrets-out FILE" : command;

    /// <summary>Running apply again (of the same kinds, planned afresh), which finishes what a stopped apply left.</summary>
    public static string ForApply(CommandContext context, IReadOnlySet<ResourceType> types) =>
        WithTarget(context, types.SetEquals(ResourceKinds.All.Select(k => k.Type))
            ? "descope-mgmt apply"
            : $"descope-mgmt apply --only {string.Join(',', ResourceKinds.All.Where(k => types.Contains(k.Type)).Select(k => k.KindsName))}");

    /// <summary>Undo by a command of its own (activate after deactivate), for the same target.</summary>
    public static string ForCommand(CommandContext context, string command) => WithTarget(context, command);

    private static string WithTarget(CommandContext context, string command)
    {
        var target = context.Target;
        var settings = context.Settings;
        var cwd = context.Env.CurrentDirectory;
        var parts = new List<string> { command };
        if (target.EnvironmentName is { } environment)
        {
            parts.Add($"--env {Quote(environment)}");
        }
        else if (settings.ProjectId is not null)
        {
            parts.Add($"--project-id {Quote(target.ProjectId)}");
        }

        if (target.UseEmbeddedEmulator)
        {
            parts.Add("--local");
        }
        else if (settings.BaseUrl is { } baseUrl)
        {
            parts.Add($"--base-url {Quote(baseUrl)}");
        }

        if (settings.Workspace is { } workspace)
        {
            parts.Add($"-C {Quote(Path.GetFullPath(workspace, cwd))}");
        }

        if (settings.BackupDir is { } backupDir)
        {
            parts.Add($"--backup-dir {Quote(Path.GetFullPath(backupDir, cwd))}");
        }

        return string.Join(' ', parts);
    }

    internal static string Quote(string value) => Core.Model.ShellWord.Quote(value);
}
