using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Connection;

/// <summary>The project a command talks to and how it was chosen.</summary>
public sealed record ConnectionTarget(
    string ProjectId,
    Secret ManagementKey,
    Uri? BaseUrl,
    bool UseEmbeddedEmulator,
    string? EnvironmentName,
    bool IsProtected,
    string Source)
{
    /// <summary>How changing commands name their target: "project P2abc (env prod)".</summary>
    public string Describe() => EnvironmentName is null
        ? $"project {ProjectId}{(UseEmbeddedEmulator ? " on the embedded emulator" : "")}"
        : $"project {ProjectId} (environment '{EnvironmentName}'{(UseEmbeddedEmulator ? ", embedded emulator" : "")})";
}
