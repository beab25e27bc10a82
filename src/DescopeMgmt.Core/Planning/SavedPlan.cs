using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Planning;

/// <summary>One field of a saved change, as the plan showed it.</summary>
public sealed record SavedProperty(string Path, string Kind, JsonNode? Old, JsonNode? New);

/// <summary>The counts a reader of the file sees first.</summary>
public sealed record SavedPlanSummary(int Create, int Update, int Delete, int Replace = 0);

/// <summary>One item of a saved plan: what happens to it, the fields shown, and the document apply sends.</summary>
public sealed record SavedChange(string Type, string Id, string Action, IReadOnlyList<SavedProperty> Properties, JsonObject? Desired)
{
    /// <summary>For a replacement: the fields that force it, as the plan showed them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReplaceFields { get; init; }
}

/// <summary>
/// A plan as <c>plan --out</c> writes it and <c>apply PLANFILE</c> executes it (like a Terraform plan
/// file): the target, the kinds, the changes with the documents to send, and the fingerprints of every
/// input, so an apply can refuse when live or the workspace changed since. It never holds a management
/// key: the key is not an input of a plan.
/// </summary>
public sealed record SavedPlan(
    string Format,
    string Fingerprint,
    DateTimeOffset CreatedAt,
    string ToolVersion,
    PlanTarget Target,
    IReadOnlyList<string> Kinds,
    PlanInputs Inputs,
    SavedPlanSummary Summary,
    IReadOnlyList<SavedChange> Changes,
    IReadOnlyList<string> Unmanaged,
    IReadOnlyList<string> BuiltIn)
{
    public const string CurrentFormat = "descope-mgmt-plan/1";

    /// <summary>Workspace documents nest up to 62 levels; the file wraps them in a few more.</summary>
    internal const int MaxDepth = 128;

    public static SavedPlan Create(Plan plan, PlanTarget target, IReadOnlySet<ResourceType> kinds, PlanInputs inputs, DateTimeOffset createdAt, string toolVersion)
    {
        var kindNames = ResourceKinds.All.Where(k => kinds.Contains(k.Type)).Select(k => k.Name).ToList();
        return new SavedPlan(CurrentFormat, inputs.PlanFingerprint(target, kindNames), createdAt, toolVersion, target, kindNames, inputs,
            new SavedPlanSummary(plan.Count(ChangeAction.Create), plan.Count(ChangeAction.Update), plan.Count(ChangeAction.Delete), plan.Count(ChangeAction.Replace)),
            plan.Actionable.Select(c => new SavedChange(ResourceTypeNames.ToWire(c.Key.Type), c.Key.Id, c.Action.ToString().ToLowerInvariant(),
                c.Properties.Select(p => new SavedProperty(p.Path, p.Kind.ToString().ToLowerInvariant(), p.Old, p.New)).ToList(),
                c.Action == ChangeAction.Delete ? null : c.Desired)
            {
                ReplaceFields = c.Action == ChangeAction.Replace ? c.ReplaceFields : null,
            }).ToList(),
            plan.Unmanaged.Select(k => k.ToString()).ToList(),
            plan.BuiltIn.Select(k => k.ToString()).ToList());
    }

    /// <summary>The kinds the plan read live, as types.</summary>
    public IReadOnlySet<ResourceType> KindTypes() => Kinds.Select(name => ResourceKinds.Find(name)?.Type
        ?? throw Malformed($"it names the unknown kind '{name}'")).ToHashSet();

    /// <summary>
    /// The plan again, its live documents taken from <paramref name="live"/> (read now, and checked to be the
    /// ones the plan saw); without it, only for showing the saved changes, existing items stand as empty documents.
    /// </summary>
    public Plan ToPlan(LiveSnapshot? live)
    {
        var changes = Changes.Select(c =>
        {
            if (!ResourceTypeNames.TryParse(c.Type, out var type) || !Enum.TryParse<ChangeAction>(c.Action, ignoreCase: true, out var action)
                || action == ChangeAction.NoChange || (action != ChangeAction.Delete && c.Desired is null))
            {
                throw Malformed($"its change of {c.Type}:{c.Id} is not one descope-mgmt wrote");
            }

            var properties = c.Properties.Select(p => new PropertyChange(p.Path, Enum.TryParse<ChangeKind>(p.Kind, ignoreCase: true, out var kind) ? kind : ChangeKind.Modified,
                p.Old?.DeepClone(), p.New?.DeepClone())).ToList();
            var key = new ResourceKey(type, c.Id);
            var current = live is null ? (action == ChangeAction.Create ? null : new JsonObject()) : live.Of(type).GetValueOrDefault(c.Id);
            return new ResourceChange(key, action, properties, current, c.Desired?.DeepClone().AsObject()) { ReplaceFields = c.ReplaceFields ?? [] };
        }).ToList();
        return new Plan(changes, Parse(Unmanaged)) { BuiltIn = Parse(BuiltIn) };
    }

    private static List<ResourceKey> Parse(IEnumerable<string> keys) => keys.Select(k =>
    {
        var colon = k.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ResourceTypeNames.TryParse(k[..colon], out var type) ? new ResourceKey(type, k[(colon + 1)..]) : throw Malformed($"it names the unknown item '{k}'");
    }).ToList();

    public string ToJson() => JsonSerializer.Serialize(this, PlanFileJsonContext.Default.SavedPlan) + "\n";

    /// <summary>Reads a plan file; anything but a whole plan of this format is an error saying what to do.</summary>
    public static SavedPlan Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError("plan_file_unreadable", $"Cannot read the plan file {path}: {ex.Message}", "Save a plan with `descope-mgmt plan --out plan.json`, then `descope-mgmt apply plan.json`.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw Malformed($"it is not JSON ({ex.Message})", path);
        }

        var format = (root as JsonObject)?["format"] is JsonValue v && v.TryGetValue<string>(out var f) ? f : null;
        if (format is null)
        {
            throw Malformed("it has no \"format\" field", path);
        }

        if (format != CurrentFormat)
        {
            throw new UserError("plan_file_version", $"{path} is a plan of format '{format}'; this descope-mgmt reads '{CurrentFormat}'.",
                "Make the plan again with this version: `descope-mgmt plan --out plan.json`.");
        }

        try
        {
            return JsonSerializer.Deserialize(text, PlanFileJsonContext.Default.SavedPlan) ?? throw Malformed("it is empty", path);
        }
        catch (JsonException ex)
        {
            throw Malformed($"it is incomplete or has a field of the wrong type ({ex.Message})", path);
        }
    }

    private static UserError Malformed(string why, string? path = null) => new("plan_file_invalid",
        $"{path ?? "The plan file"} is not a valid descope-mgmt plan: {why}.",
        "Make the plan again with `descope-mgmt plan --out plan.json` (do not edit plan files by hand).");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    MaxDepth = Planning.SavedPlan.MaxDepth,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(SavedPlan))]
internal sealed partial class PlanFileJsonContext : JsonSerializerContext;
