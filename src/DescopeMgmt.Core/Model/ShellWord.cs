namespace DescopeMgmt.Core.Model;

/// <summary>
/// One word of a command we print for people to paste (an undo, a hint): anything but plainly safe
/// characters is single-quoted, so the pasted command means what it says in any POSIX shell, whatever an
/// ID, a name or a path holds.
/// </summary>
public static class ShellWord
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or ':' or '=' or '@' or '%' or '+' or '-')
            ? value
            : $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
