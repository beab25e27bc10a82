using System.CommandLine;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Backup;

/// <summary>
/// `--only flows,theme,tenants`, shared by the commands that work on a subset of item types: the workspace kinds by
/// default, every kind a backup holds (users too) for restore.
/// </summary>
internal static class OnlyOption
{
    private static string KindsList(IReadOnlyList<ResourceKind> kinds) => string.Join(", ", kinds.Select(k => k.KindsName));

    public static Option<string?> Create(IReadOnlyList<ResourceKind>? kinds = null) =>
        new("--only") { Description = $"Limit to these kinds: {KindsList(kinds ?? ResourceKinds.All)} (comma-separated)." };

    public static IReadOnlySet<ResourceType> Parse(string? text, IReadOnlyList<ResourceKind>? kinds = null)
    {
        kinds ??= ResourceKinds.All;
        if (string.IsNullOrWhiteSpace(text))
        {
            return kinds.Select(k => k.Type).ToHashSet();
        }

        var types = new HashSet<ResourceType>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ResourceTypeNames.TryParse(part, out var type))
            {
                throw new UserError("invalid_only", $"Unknown item type '{part}' in --only.", $"Use any of {KindsList(kinds)}, e.g. --only flows,tenants.");
            }

            if (!kinds.Any(k => k.Type == type))
            {
                var kind = ResourceKinds.Of(type);
                throw new UserError("invalid_only", $"{kind.KindsName} cannot be used with --only here: they are not part of the workspace.",
                    $"Change them with `descope-mgmt {kind.Name} ...`; use any of {KindsList(kinds)} here.");
            }

            types.Add(type);
        }

        return types;
    }
}
