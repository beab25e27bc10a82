namespace DescopeMgmt.Core.Changes;

/// <summary>Who makes a change and where it goes: recorded in backups and the audit log.</summary>
/// <remarks><c>Host</c> is the machine; <c>TargetHost</c> the project's host (<see cref="Backups.BackupHost"/>).</remarks>
public sealed record ChangeIdentity(string ProjectId, string? Environment, string User, string Host, string ToolVersion, string TargetHost)
{
    public static ChangeIdentity ForCurrentUser(string projectId, string? environment, string toolVersion, string targetHost) =>
        new(projectId, environment, System.Environment.UserName, System.Environment.MachineName, toolVersion, targetHost);
}
