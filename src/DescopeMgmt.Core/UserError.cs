namespace DescopeMgmt.Core;

/// <summary>
/// An expected failure the user can act on: bad input, a missing item, a refused operation.
/// Only the CLI's entry point turns it into output and an exit code.
/// </summary>
public class UserError : Exception
{
    public UserError(string code, string message, string? hint = null, int exitCode = 1)
        : base(message)
    {
        Code = code;
        Hint = hint;
        ExitCode = exitCode;
    }

    public UserError(string code, string message, string? hint, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
        Hint = hint;
        ExitCode = 1;
    }

    /// <summary>A stable machine-readable code such as <c>flow_not_found</c>.</summary>
    public string Code { get; }

    /// <summary>What to do next, shown under the message.</summary>
    public string? Hint { get; }

    public int ExitCode { get; }
}
