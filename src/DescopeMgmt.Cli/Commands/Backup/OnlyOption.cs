using System.CommandLine;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Backup;

/// <summary>`--only flows,theme,tenants`, shared by the commands that work on a subset of item types.</summary>
internal static class OnlyOption
{
    private static string KindsList => string.Join(", ", ResourceKinds.All.Select(k => k.KindsName));

    public static Option<string?> Create() => new("--only") { Description = $"Limit to these kinds: {KindsList} (comma-separated)." };

    public static IReadOnlySet<ResourceType> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ResourceKinds.All.Select(k => k.Type).ToHashSet();
        }

        var types = new HashSet<ResourceType>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ResourceTypeNames.TryParse(part, out var type))
            {
                throw new UserError("invalid_only", $"Unknown item type '{part}' in --only.", $"Use any of {KindsList}, e.g. --only flows,tenants.");
            }

            types.Add(type);
        }

        return types;
    }
}
