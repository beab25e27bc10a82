using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;

namespace DescopeMgmt.Cli.App;

/// <summary>Builds the Core services that changing commands share, from the invocation's settings.</summary>
public static class ChangeServices
{
    public static BackupStore BackupStore(this CommandContext context) => new(context.BackupRoot, context.Time);

    /// <summary>The audit log, told the key so it can never be written even by mistake.</summary>
    public static AuditLog AuditLog(this CommandContext context) =>
        new(context.AuditDirectory, context.Time, context.Env.Secrets);

    public static ChangeIdentity Identity(this CommandContext context) =>
        ChangeIdentity.ForCurrentUser(context.Target.ProjectId, context.Target.EnvironmentName, ToolInfo.Version, Core.Backups.BackupHost.For(context.Target));

    internal static ChangeSessions ChangeSessions(this CommandContext context) =>
        new(context.Identity(), context.BackupStore(), context.AuditLog(), context.LockDirectory, context.Time, context.IO.Warn);
}
