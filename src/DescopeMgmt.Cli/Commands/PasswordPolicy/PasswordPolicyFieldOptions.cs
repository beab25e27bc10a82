using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.PasswordPolicies;

namespace DescopeMgmt.Cli.Commands.PasswordPolicy;

/// <summary>
/// One flag per policy field (<c>minLength</c> → <c>--min-length N</c>, <c>lock</c> → <c>--lock true|false</c>),
/// made from the kind's field list so a field added there is settable here, and how the given ones edit a policy.
/// </summary>
internal sealed class PasswordPolicyFieldOptions
{
    private readonly List<(PasswordPolicyField Field, Option Option)> _options = [];

    public PasswordPolicyFieldOptions()
    {
        foreach (var field in PasswordPolicyKind.Fields)
        {
            var description = field.Description.TrimEnd('.');
            Option option = field.Kind == PasswordPolicyValueKind.Bool
                ? new Option<bool?>(FlagName(field.Name)) { Description = $"{description} (true/false)." }
                : new Option<int?>(FlagName(field.Name))
                {
                    Description = $"{description} ({(field.Max == int.MaxValue ? $"at least {field.Min}" : $"{field.Min}-{field.Max}")}).",
                    HelpName = "N",
                };
            _options.Add((field, option));
        }
    }

    /// <summary>In the kind's field order, so a count follows the switch it belongs to.</summary>
    public IEnumerable<Option> All => _options.Select(o => o.Option);

    /// <summary>The fields given on the command line, by API name.</summary>
    public IReadOnlyDictionary<string, JsonNode> Read(ParseResult parse)
    {
        var given = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (field, option) in _options)
        {
            JsonNode? value = option switch
            {
                Option<bool?> flag => parse.GetValue(flag) is { } on ? JsonValue.Create(on) : null,
                Option<int?> count => parse.GetValue(count) is { } n ? JsonValue.Create(n) : null,
                _ => null,
            };
            if (value is not null)
            {
                given[field.Name] = value;
            }
        }

        return given;
    }

    /// <summary><c>minLength</c> → <c>--min-length</c>.</summary>
    public static string FlagName(string field)
    {
        var name = new StringBuilder("--");
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                name.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }

    /// <summary>Refuses, before anything is read or sent, when no field is given or a given value is out of its bounds.</summary>
    public static void EnsureValid(IReadOnlyDictionary<string, JsonNode> values)
    {
        if (values.Count == 0)
        {
            throw new UserError("nothing_to_set", "Give at least one field to set.", "Example: descope-mgmt password-policy set --min-length 12");
        }

        var problems = values
            .Select(v => PasswordPolicyKind.Fields.Single(f => f.Name == v.Key) is { Kind: PasswordPolicyValueKind.WholeNumber } field
                ? field.Problem(v.Value.GetValue<int>()) is { } problem ? $"{FlagName(field.Name)}: {problem}" : null
                : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new UserError("invalid_password_policy", $"Out of bounds: {string.Join("; ", problems)}. Nothing was changed.",
                $"Run `descope-mgmt password-policy set --help` for each field's bounds.");
        }
    }

    /// <summary>
    /// A copy of <paramref name="policy"/> with the given fields set, refused when the result breaks a bound
    /// the live policy did not already break (turning lock on while lockAttempts is 0, say): a bound the
    /// service itself let through is its own to judge.
    /// </summary>
    public static JsonObject Apply(JsonObject policy, IReadOnlyDictionary<string, JsonNode> values)
    {
        var result = (JsonObject)policy.DeepClone();
        foreach (var (name, value) in values)
        {
            result[name] = value.DeepClone();
        }

        var already = PasswordPolicyKind.Problems(policy).ToHashSet(StringComparer.Ordinal);
        var added = PasswordPolicyKind.Problems(result).Where(p => !already.Contains(p)).ToList();
        if (added.Count > 0)
        {
            throw new UserError("invalid_password_policy", $"The policy would break its bounds: {string.Join("; ", added)}. Nothing was changed.",
                "Set the count together with its switch, e.g. --lock true --lock-attempts 5.");
        }

        return result;
    }
}
