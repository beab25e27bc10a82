using System.CommandLine;

namespace DescopeMgmt.Cli.Commands;

/// <summary>
/// The parser binds a token it does not know as an option (`apply --dry-run`, or a mistyped one after `flow export`) to a free
/// positional argument, so the user got "cannot read the plan file --dry-run" or "flow '...' not found"
/// instead of a usage error. Every argument without its own rule refuses such a token; '-' alone stays a value
/// (standard input), and a file whose name starts with '-' can still be given as ./-name.
/// </summary>
internal static class OptionLikeArguments
{
    public static void Attach(Command command, string path = "descope-mgmt")
    {
        foreach (var argument in command.Arguments.Where(a => a.Validators.Count == 0))
        {
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                {
                    result.AddError($"Unrecognized option '{token.Value}': `{path}` has no such option.");
                }
            });
        }

        foreach (var sub in command.Subcommands)
        {
            Attach(sub, $"{path} {sub.Name}");
        }
    }
}
