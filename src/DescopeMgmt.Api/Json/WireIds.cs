namespace DescopeMgmt.Api;

/// <summary>
/// IDs the service sends become file names (workspace flow files, backup items) and paths in messages,
/// so an answer naming an item with a path in its ID (<c>../../x</c>, <c>/etc/x</c>, <c>C:\x</c>) or a control
/// character is not an answer the service gives: it is refused like any other malformed answer.
/// </summary>
public static class WireIds
{
    /// <summary>Why <paramref name="id"/> could name something other than one item (a path, a hidden escape), or null.</summary>
    public static string? PathProblem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it is empty";
        }

        if (id is "." or ".." || id.Contains("..", StringComparison.Ordinal))
        {
            return "it contains '..'";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }

            if (c is '/' or '\\')
            {
                return "it contains a path separator";
            }
        }

        return id.Length > 1 && id[1] == ':' && char.IsAsciiLetter(id[0]) ? "it starts with a drive letter" : null;
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot be a name (of a permission or role), or null. Names are shown and compared,
    /// never used as paths, so a slash is allowed; an empty name or a control character is not.
    /// </summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "it is empty" : name.Any(char.IsControl) ? "it contains a control character" : null;

    /// <summary>The ID with control characters shown as escapes, so a hostile ID cannot rewrite the terminal.</summary>
    public static string Printable(string id) =>
        string.Concat(id.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
