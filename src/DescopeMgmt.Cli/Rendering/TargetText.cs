using DescopeMgmt.Api.Http;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Connection;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>
/// How plan, drift and apply name their target on the <c>Target:</c> line: project, environment and
/// host, so a log says which Descope the plan was made against (a staging URL is not production).
/// </summary>
internal static class TargetText
{
    public static string Host(ConnectionTarget target) => target.UseEmbeddedEmulator
        ? "the embedded emulator"
        : (target.BaseUrl ?? BaseUrlResolver.Resolve(target.ProjectId, null)).Authority;

    public static string Describe(ConnectionTarget target) =>
        $"project {target.ProjectId}{(target.EnvironmentName is null ? "" : $" (environment '{target.EnvironmentName}')")} on {Host(target)}";

    public static string Line(ConnectionTarget target) => $"Target: {Describe(target)}";

    /// <summary>The target a saved plan records: the host as backups record it (<c>local</c> for any emulator).</summary>
    public static PlanTarget ForPlan(ConnectionTarget target) => new(target.ProjectId, target.EnvironmentName, BackupHost.For(target));
}
