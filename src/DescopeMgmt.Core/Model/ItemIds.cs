namespace DescopeMgmt.Core.Model;

/// <summary>
/// The one rule for an item ID that becomes a file name (a workspace flow file, an exported flow): it must
/// name a single file inside its folder on Linux and on Windows alike, because IDs come from the server
/// and a workspace made on one system is checked out on the other.
/// </summary>
public static class ItemIds
{
    public const int MaxLength = 100;

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    // Characters Windows refuses in a file name, besides control characters and the separators.
    private const string ForbiddenCharacters = ":*?\"<>|";

    /// <summary>Why <paramref name="id"/> cannot be a file name, or null when it can.</summary>
    public static string? Problem(string? id)
    {
        // What no answer of the service may hold (a path, '..', control characters) comes first.
        if (Api.WireIds.PathProblem(id) is { } pathProblem)
        {
            return pathProblem;
        }

        if (id!.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (id.FirstOrDefault(c => ForbiddenCharacters.Contains(c, StringComparison.Ordinal)) is var forbidden and not '\0')
        {
            return $"it contains '{forbidden}', which Windows does not allow in a file name";
        }

        if (id[^1] is '.' or ' ')
        {
            return "it ends with a dot or a space, which Windows drops from file names";
        }

        if (id[0] is '.' or ' ' or '-')
        {
            return "it starts with a dot, a space or '-'";
        }

        var stem = id.Split('.')[0].TrimEnd(' ');
        if (WindowsDeviceNames.Contains(stem))
        {
            return $"'{stem}' is a reserved Windows device name";
        }

        return null;
    }

    public static bool IsSafe(string? id) => Problem(id) is null;

    /// <summary>Returns <paramref name="id"/>, or throws naming it, what it is (e.g. "flow") and where it came from.</summary>
    public static string EnsureSafe(string id, string kind, string? source = null)
    {
        if (Problem(id) is { } problem)
        {
            throw new UserError($"invalid_{kind.Replace(' ', '_')}_id",
                $"{Capitalize(kind)} ID '{Printable(id)}'{(source is null ? "" : $" (from {source})")} cannot be used as a file name: {problem}.",
                $"IDs that become file names are at most {MaxLength} characters, without path separators, '..', ':', control characters, " +
                "a trailing dot or space, or a Windows device name (CON, NUL, COM1...). Rename the item in Descope, or leave it unmanaged.");
        }

        return id;
    }

    /// <summary>The ID with control characters shown as escapes, so a hostile ID cannot rewrite the terminal.</summary>
    public static string Printable(string id) => Api.WireIds.Printable(id);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
