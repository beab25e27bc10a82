using System.CommandLine;
using System.CommandLine.Parsing;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Tenant;

/// <summary>
/// A tenant ID given on the command line follows the flow-ID rule (<see cref="ItemIds"/>): it names a
/// file (sso/&lt;tenantId&gt;.yaml) and lands in printed undo commands, so an ID that breaks either is a usage
/// error before anything is read or changed.
/// </summary>
internal static class TenantIdSyntax
{
    public static Argument<string> Argument(string description)
    {
        var argument = new Argument<string>("tenant-id") { Description = description };
        argument.Validators.Add(result => Check(result, result.Tokens));
        return argument;
    }

    /// <summary>Adds the rule to an option such as <c>--tenant-id</c>.</summary>
    public static T Validated<T>(T option)
        where T : Option
    {
        option.Validators.Add(result => Check(result, result.Tokens));
        return option;
    }

    private static void Check(SymbolResult result, IReadOnlyList<Token> tokens)
    {
        if (tokens.Count > 0 && ItemIds.Problem(tokens[^1].Value) is { } problem)
        {
            result.AddError($"Tenant ID '{ItemIds.Printable(tokens[^1].Value)}' is not valid: {problem}. " +
                $"Tenant IDs are at most {ItemIds.MaxLength} characters, without '/', '..', ':', control characters or a leading '-'.");
        }
    }
}
