using System.Reflection;

namespace DescopeMgmt.Cli.App;

internal static class ToolInfo
{
    /// <summary>The version recorded in backups and audit entries.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
