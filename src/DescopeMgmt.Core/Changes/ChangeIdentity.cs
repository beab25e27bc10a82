namespace DescopeMgmt.Core.Changes;

/// <summary>Who makes a change and where it goes: recorded in backups and the audit log.</summary>
public sealed record ChangeIdentity(string ProjectId, string? Environment, string User, string Host, string ToolVersion)
{
    public static ChangeIdentity ForCurrentUser(string projectId, string? environment, string toolVersion) =>
        new(projectId, environment, System.Environment.UserName, System.Environment.MachineName, toolVersion);
}
