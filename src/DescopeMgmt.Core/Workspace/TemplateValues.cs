namespace DescopeMgmt.Core.Workspace;

/// <summary>
/// Where <c>${NAME}</c> gets its value: the environment's vars, then only the process variable
/// <c>DESCOPE_VAR_NAME</c>. The prefix keeps every other process variable (a CI secret, a management
/// key) out of reach of a workspace file that a pull request can change. A value equal to a management
/// key (any environment's managementKey variable, or DESCOPE_MANAGEMENT_KEY) is refused, so a key
/// cannot be copied into a flow, a plan, a drift comment or a backup through a var either.
/// </summary>
public sealed class TemplateValues
{
    public const string ProcessPrefix = "DESCOPE_VAR_";
    private const string DefaultKeyVariable = "DESCOPE_MANAGEMENT_KEY";

    private readonly EnvironmentConfig? _environment;
    private readonly Func<string, string?> _getVariable;
    private readonly IReadOnlyList<(string Variable, string Value)> _keys;

    private TemplateValues(EnvironmentConfig? environment, Func<string, string?> getVariable, IReadOnlyList<(string, string)> keys)
    {
        _environment = environment;
        _getVariable = getVariable;
        _keys = keys;
    }

    /// <param name="config">Its environments name the management key variables whose values are refused; null outside a workspace.</param>
    public static TemplateValues For(WorkspaceConfig? config, EnvironmentConfig? environment, Func<string, string?> getVariable)
    {
        var keyVariables = (config?.Environments.Values ?? []).Select(e => e.ManagementKeyVariable).OfType<string>()
            .Append(DefaultKeyVariable)
            .Distinct(StringComparer.Ordinal);
        var keys = keyVariables
            .Select(v => (Variable: v, Value: getVariable(v)))
            .Where(k => !string.IsNullOrWhiteSpace(k.Value))
            .Select(k => (k.Variable, k.Value!.Trim()))
            .ToList();
        return new TemplateValues(environment, getVariable, keys);
    }

    /// <summary>The value of <paramref name="name"/> and where it came from, or null when it is not defined.</summary>
    public (string Value, string Source)? Find(string name)
    {
        if (_environment is not null && _environment.Vars.TryGetValue(name, out var value))
        {
            return (value, $"vars of environment '{_environment.Name}'");
        }

        return _getVariable(ProcessPrefix + name) is { } fromProcess ? (fromProcess, ProcessPrefix + name) : null;
    }

    /// <summary>
    /// The management key variable whose value <paramref name="value"/> is or contains (a value such as
    /// <c>Bearer P2..:K2..</c> leaks the key as surely), or null when it holds none.
    /// </summary>
    public string? KeyVariableHolding(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0
            ? null
            : _keys.FirstOrDefault(k => string.Equals(k.Value, trimmed, StringComparison.Ordinal)
                || (k.Value.Length >= MinimumContainedKeyLength && trimmed.Contains(k.Value, StringComparison.Ordinal))).Variable;
    }

    // Short values (a test key "x") would match ordinary text; real management keys are far longer.
    private const int MinimumContainedKeyLength = 16;
}
