using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DescopeMgmt.Core.Workspace;

/// <summary>Reads descope.yaml, reporting unknown keys, a literal management key and missing fields with their lines.</summary>
public static partial class WorkspaceConfigReader
{
    public const string FileName = "descope.yaml";

    private static readonly HashSet<string> TopKeys = ["version", "environments", "defaultEnvironment", "manage"];
    private static readonly HashSet<string> EnvironmentKeys = ["projectId", "managementKey", "baseUrl", "vars", "protected"];
    // flows is `all` or a list of IDs, and so are kinds managed item by item (sso); every other kind is on or off by its KINDS name.
    private static readonly HashSet<string> ManageKeys =
        ["flows", "deleteMissing", .. Kinds.ResourceKinds.All.Where(k => k != Kinds.ResourceKinds.Flow).Select(k => k.KindsName)];

    [GeneratedRegex("^K[A-Za-z0-9]{10,}")]
    private static partial Regex LiteralKey();

    public static WorkspaceConfig Read(string root, List<WorkspaceProblem> problems)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            throw new UserError("no_workspace", $"No {FileName} in {root}.", "Create a workspace with `descope-mgmt init`, or pass -C DIR.");
        }

        var empty = new WorkspaceConfig(path, new Dictionary<string, EnvironmentConfig>(), null, ManageConfig.Default);
        var (text, failure) = WorkspaceFiles.ReadText(path);
        if (failure is not null)
        {
            problems.Add(WorkspaceProblem.Error(FileName, failure.Line, null, failure.Message));
            return empty;
        }

        var parsed = YamlNodes.Parse(text!, FileName, problems);
        if (parsed is not YamlMappingNode top)
        {
            if (parsed is not null || !problems.Any(p => p.File == FileName))
            {
                // An empty file is as wrong as a list: the environments and what is managed would silently be "none".
                problems.Add(WorkspaceProblem.Error(FileName, parsed is null || YamlNodes.IsNull(parsed) ? 1 : YamlNodes.Line(parsed), null,
                    parsed is null || YamlNodes.IsNull(parsed)
                        ? "is empty or holds only comments: it needs version, environments and manage (`descope-mgmt init` writes one)"
                        : $"its top level is {(parsed is YamlSequenceNode ? "a list" : "a single value")}; expected a mapping with version, environments and manage"));
            }

            return empty;
        }

        CheckKeys(top, TopKeys, FileName, "", problems);
        if (Child(top, "version") is { } versionNode && YamlNodes.Scalar(versionNode) != "1")
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(versionNode), null,
                $"version '{YamlNodes.Scalar(versionNode)}' is not supported: this descope-mgmt reads version: 1"));
        }

        var environments = new Dictionary<string, EnvironmentConfig>(StringComparer.Ordinal);
        if (Child(top, "environments") is YamlMappingNode envs)
        {
            foreach (var (keyNode, value) in envs.Children)
            {
                var name = YamlNodes.Scalar(keyNode) ?? "";
                if (value is not YamlMappingNode env)
                {
                    problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(value), null, $"environment '{name}' must be a mapping with at least projectId"));
                }
                else if (ReadEnvironment(name, env, problems) is { } config)
                {
                    environments[name] = config;
                }
            }
        }
        else
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(top), null, "'environments' is missing: name at least one environment with its projectId"));
        }

        var defaultEnvironment = YamlNodes.Scalar(Child(top, "defaultEnvironment"));
        if (defaultEnvironment is not null && !environments.ContainsKey(defaultEnvironment))
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(Child(top, "defaultEnvironment")!), null, $"defaultEnvironment '{defaultEnvironment}' is not one of the environments"));
        }

        if (Child(top, "manage") is { } manageNode and not YamlMappingNode && !YamlNodes.IsNull(manageNode))
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(manageNode), YamlNodes.Column(manageNode), $"manage must be a mapping ({string.Join(", ", ManageKeys)})"));
        }

        return new WorkspaceConfig(path, environments, defaultEnvironment, ReadManage(Child(top, "manage") as YamlMappingNode, problems));
    }

    private static EnvironmentConfig? ReadEnvironment(string name, YamlMappingNode env, List<WorkspaceProblem> problems)
    {
        CheckKeys(env, EnvironmentKeys, FileName, $"environments.{name}.", problems);
        var projectId = YamlNodes.Scalar(Child(env, "projectId"));
        if (string.IsNullOrWhiteSpace(projectId))
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(env), null, $"environment '{name}' has no projectId"));
            return null;
        }

        string? keyVariable = null;
        if (Child(env, "managementKey") is YamlScalarNode keyNode && keyNode.Value is { Length: > 0 } keyText)
        {
            keyVariable = TemplateText.SingleVariable(keyText);
            if (keyVariable is null)
            {
                problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(keyNode), YamlNodes.Column(keyNode),
                    LiteralKey().IsMatch(keyText)
                        ? $"environment '{name}' has a literal management key: never commit a key; write managementKey: ${{DESCOPE_{name.ToUpperInvariant()}_MANAGEMENT_KEY}} and export that variable"
                        : $"environment '{name}': managementKey must be a single ${{VARIABLE}} reference"));
            }
        }

        else if (Child(env, "managementKey") is { } notScalar and not YamlScalarNode)
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(notScalar), YamlNodes.Column(notScalar),
                $"environment '{name}': managementKey must be a single ${{VARIABLE}} reference"));
        }

        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(env, "vars") is YamlMappingNode varsNode)
        {
            foreach (var (k, v) in varsNode.Children)
            {
                if (v is not YamlScalarNode)
                {
                    problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(v), YamlNodes.Column(v),
                        $"environments.{name}.vars.{YamlNodes.Scalar(k)} must be a text value, not a list or mapping"));
                }

                vars[YamlNodes.Scalar(k) ?? ""] = YamlNodes.Scalar(v) ?? "";
            }
        }
        else if (Child(env, "vars") is { } notMapping && !YamlNodes.IsNull(notMapping))
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(notMapping), YamlNodes.Column(notMapping),
                $"environments.{name}.vars must be a mapping of NAME: value"));
        }

        if (Child(env, "baseUrl") is { } baseUrlNode and not YamlScalarNode)
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(baseUrlNode), YamlNodes.Column(baseUrlNode),
                $"environments.{name}.baseUrl must be a URL or 'local'"));
        }

        var isProtected = Flag(env, "protected", false, $"environments.{name}.", problems);
        return new EnvironmentConfig(name, projectId, keyVariable, YamlNodes.Scalar(Child(env, "baseUrl")), vars, isProtected);
    }

    private static ManageConfig ReadManage(YamlMappingNode? manage, List<WorkspaceProblem> problems)
    {
        if (manage is null)
        {
            return ManageConfig.Default;
        }

        CheckKeys(manage, ManageKeys, FileName, "manage.", problems);
        var flowsNode = Child(manage, "flows");
        IReadOnlySet<string>? flows = flowsNode switch
        {
            YamlSequenceNode list => list.Children.Select(YamlNodes.Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal),
            _ => null,
        };
        if (flowsNode is not null and not YamlSequenceNode && YamlNodes.Scalar(flowsNode) != "all")
        {
            problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(flowsNode), YamlNodes.Column(flowsNode),
                $"manage.flows is '{YamlNodes.Scalar(flowsNode)}': write 'all' or a list of flow IDs"));
        }

        var off = Kinds.ResourceKinds.All.Where(k => k != Kinds.ResourceKinds.Flow && !k.ManagedByList && !Flag(manage, k.KindsName, true, "manage.", problems)).Select(k => k.Type).ToHashSet();
        var listed = new Dictionary<Model.ResourceType, IReadOnlySet<string>?>();
        foreach (var kind in Kinds.ResourceKinds.All.Where(k => k.ManagedByList))
        {
            switch (IdList(manage, kind, problems))
            {
                case (true, var ids):
                    listed[kind.Type] = ids;
                    break;
                default:
                    off.Add(kind.Type);
                    break;
            }
        }

        return new ManageConfig(flows, off, Flag(manage, "deleteMissing", false, "manage.", problems)) { Listed = listed };
    }

    /// <summary>
    /// A kind managed item by item (opt-in): <c>all</c>, or a list of IDs. Absent, <c>false</c> or <c>[]</c> manage none
    /// (Managed false); anything else is an error, and manages none.
    /// </summary>
    private static (bool Managed, IReadOnlySet<string>? Ids) IdList(YamlMappingNode manage, Kinds.ResourceKind kind, List<WorkspaceProblem> problems)
    {
        var node = Child(manage, kind.KindsName);
        switch (node)
        {
            case null:
                return (false, null);
            case YamlSequenceNode list when list.Children.All(i => i is YamlScalarNode && !string.IsNullOrEmpty(YamlNodes.Scalar(i))):
                var ids = list.Children.Select(YamlNodes.Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal);
                return (ids.Count > 0, ids);
            case YamlScalarNode when YamlNodes.Scalar(node) == "all":
                return (true, null);
            case YamlScalarNode when YamlNodes.Boolean(node) == false:
                return (false, null);
            default:
                problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(node), YamlNodes.Column(node),
                    $"manage.{kind.KindsName} must be 'all' or a list of {kind.ManagedByListNoun} IDs, e.g. {kind.KindsName}: [acme]"));
                return (false, null);
        }
    }

    /// <summary>
    /// A YAML boolean (<see cref="YamlNodes.Boolean"/>). Anything else is an error rather than a
    /// silent false: a misspelt <c>protected: ture</c> must not leave prod unprotected.
    /// </summary>
    private static bool Flag(YamlMappingNode map, string key, bool fallback, string prefix, List<WorkspaceProblem> problems)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return fallback;
        }

        if (YamlNodes.Boolean(node) is { } value)
        {
            return value;
        }

        problems.Add(WorkspaceProblem.Error(FileName, YamlNodes.Line(node), YamlNodes.Column(node), $"{prefix}{key} must be true or false"));
        // An unreadable protected flag fails safe: the environment stays protected.
        return fallback || key == "protected";
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(p => YamlNodes.Scalar(p.Key) == key).Value;

    private static void CheckKeys(YamlMappingNode map, HashSet<string> allowed, string file, string prefix, List<WorkspaceProblem> problems)
    {
        foreach (var (key, _) in map.Children)
        {
            var name = YamlNodes.Scalar(key) ?? "";
            if (!allowed.Contains(name))
            {
                problems.Add(WorkspaceProblem.Error(file, YamlNodes.Line(key), YamlNodes.Column(key),
                    $"unknown key '{prefix}{name}' (expected one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})"));
            }
        }
    }
}
