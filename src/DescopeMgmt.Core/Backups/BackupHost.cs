using DescopeMgmt.Api.Http;
using DescopeMgmt.Core.Connection;

namespace DescopeMgmt.Core.Backups;

/// <summary>
/// The host a backup or audit entry records for its target, so that a backup of the local emulator is
/// never offered to a real project (and one host's backups never to another's).
/// </summary>
public static class BackupHost
{
    /// <summary>The embedded emulator and every loopback base URL: one machine-local world.</summary>
    public const string Local = "local";

    /// <summary>
    /// <c>local</c> for the embedded emulator and loopback URLs; otherwise the URL's host in lower case,
    /// with <c>:port</c> only when it is not the scheme's default (another port may be another service).
    /// Never the userinfo or the path. A null <paramref name="baseUrl"/> means the default the client
    /// would use for <paramref name="projectId"/> (regional for long project IDs).
    /// </summary>
    public static string For(string projectId, Uri? baseUrl, bool embedded)
    {
        if (embedded)
        {
            return Local;
        }

        var url = baseUrl ?? BaseUrlResolver.Resolve(projectId, null);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(baseUrl));
        }

        if (url.IsLoopback)
        {
            return Local;
        }

        var host = url.IdnHost.ToLowerInvariant();
        return url.IsDefaultPort ? host : $"{host}:{url.Port}";
    }

    public static string For(ConnectionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return For(target.ProjectId, target.BaseUrl, target.UseEmbeddedEmulator);
    }

    /// <summary>Hosts compare case-insensitively; an unknown host (an older backup) matches none.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
