using System.Reflection;

namespace DescopeMgmt.Cli.App;

internal static class ToolInfo
{
    public const string Name = "descope-mgmt";

    /// <summary>The version recorded in backups and audit entries.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// The short git commit the binary was built from (embedded at build time by the project file), or
    /// null for a build made outside a git checkout.
    /// </summary>
    public static string? Commit { get; } = ShortCommit(typeof(ToolInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SourceRevisionId")?.Value);

    internal static string? ShortCommit(string? revision) =>
        string.IsNullOrWhiteSpace(revision) ? null : revision.Trim()[..Math.Min(7, revision.Trim().Length)];

    /// <summary>What <c>--version</c> prints for people: the version first, so scripts can match it.</summary>
    public static string VersionLine => $"{Version} (commit {Commit ?? "unknown"})";
}
