using System.CommandLine;
using DescopeMgmt.Api;

namespace DescopeMgmt.Cli.Commands;

/// <summary>The <c>name</c> argument of the commands whose items are named, not given IDs (permissions, roles).</summary>
internal static class NameArgument
{
    public static Argument<string> Create(string description)
    {
        var argument = new Argument<string>("name") { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && WireIds.NameProblem(result.Tokens[^1].Value) is { } problem)
            {
                result.AddError($"'{WireIds.Printable(result.Tokens[^1].Value)}' cannot be a name: {problem}.");
            }
        });
        return argument;
    }
}
