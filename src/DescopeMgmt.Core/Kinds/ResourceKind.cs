using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds;

/// <summary>
/// One managed kind of live configuration, described once (the counterpart of a resource in a Terraform
/// provider): its names, how it is compared, where it lives in a backup, how live is read, written and
/// deleted with its API's quirks, and where it goes in the order of a change. Everything that works on
/// items (the change session's read-back, restore, backups, undo commands, --only) asks the kind instead
/// of switching on its type.
/// </summary>
public abstract class ResourceKind
{
    public abstract ResourceType Type { get; }

    /// <summary>The singular wire name: <c>flow</c>, <c>theme</c>, <c>tenant</c> (backup manifests, audit targets, messages).</summary>
    public abstract string Name { get; }

    /// <summary>What one item is called in a count (<c>3 flows</c>); the wire name unless that reads badly.</summary>
    public virtual string ItemNoun => Name;

    /// <summary>The spelling in a KINDS list (<c>--only flows,theme,tenants</c>).</summary>
    public abstract string KindsName { get; }

    /// <summary>What a comparison ignores (server-managed fields) and how zero values count.</summary>
    public abstract DiffOptions Diff { get; }

    /// <summary>Place in the order of a change (lower first); deletions run in the reverse order.</summary>
    public abstract int Order { get; }

    /// <summary>Whether an item can be deleted, and so recorded in a backup as absent for a restore to remove.</summary>
    public virtual bool CanDelete => true;

    /// <summary>What a restore of this kind cannot put back (a user's password and sessions), said whenever it restores one; null when it puts back everything.</summary>
    public virtual string? RestoreCaveat => null;

    /// <summary>Whether the kind has its own rollback command (<c>flow rollback --flow-id ID</c>); otherwise <c>backup restore --only</c> undoes it.</summary>
    public virtual bool HasRollbackCommand => true;

    /// <summary>
    /// The read-only marker a kind puts in the live document of a built-in item (a permission the service marks
    /// <c>systemDefault</c>, the "Tenant Admin" role); comparisons ignore it, it is never written.
    /// </summary>
    public const string BuiltInField = "builtIn";

    /// <summary>Whether the item is one every project has: listed as built-in, never changed or deleted.</summary>
    public virtual bool IsBuiltIn(JsonObject document) => false;

    /// <summary>Whether <paramref name="document"/> carries the <see cref="BuiltInField"/> marker of a live built-in.</summary>
    protected static bool HasBuiltInMarker(JsonObject document) =>
        document[BuiltInField] is JsonValue value && value.TryGetValue<bool>(out var builtIn) && builtIn;

    /// <summary>The path of an item inside a backup folder, given its ID already made safe as a file name.</summary>
    public abstract string BackupPath(string fileStem);

    /// <summary>The live item, or null when it does not exist.</summary>
    public abstract Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Several items at the lowest API cost the kind allows (one call for all where the API lists them
    /// whole); absent ones are left out. The default reads them one by one.
    /// </summary>
    public virtual async Task<IReadOnlyDictionary<string, JsonObject>> ReadManyAsync(DescopeClient client, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await GetAsync(client, id, cancellationToken).ConfigureAwait(false) is { } item)
            {
                result[id] = item;
            }
        }

        return result;
    }

    /// <summary>Makes the live item equal to <paramref name="desired"/> (the whole document, where the API replaces every field).</summary>
    public abstract Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="PutAsync(DescopeClient, string, JsonObject, bool, CancellationToken)"/> for a change that has a place for the secrets a
    /// create answers once (an access key's cleartext); kinds without such secrets ignore it.
    /// </summary>
    public virtual Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, Kinds.AccessKeys.ICreatedSecrets? secrets, CancellationToken cancellationToken) =>
        PutAsync(client, id, desired, exists, cancellationToken);

    public virtual Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        throw new UserError("cannot_delete", $"The {Name} cannot be deleted, only replaced.");

    /// <summary>
    /// The order to write items of this kind in (a parent before its children); deletions use the
    /// reverse. <paramref name="document"/> gives an item's content, live or desired. The default is by ID.
    /// </summary>
    public virtual IReadOnlyList<string> WriteOrder(IReadOnlyDictionary<string, JsonObject> documents) =>
        documents.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The workspace file (or folder) of the kind as a user sees it: <c>flows/</c>, <c>theme.json</c>, <c>tenants.yaml</c>.</summary>
    public abstract string WorkspaceFile { get; }

    /// <summary>
    /// The items the workspace wants, problems recorded in <paramref name="source"/>; null when the workspace
    /// holds no file for the kind, which leaves it unplanned (never "no items": that would delete them all).
    /// </summary>
    public abstract IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source);

    /// <summary>Checks that need the other kinds' files (a role's permissions and tenant), once every kind was read.</summary>
    public virtual void CheckReferences(WorkspaceItems desired, List<WorkspaceProblem> problems)
    {
    }

    /// <summary>
    /// The workspace files holding <paramref name="live"/> (the kind's managed items of <paramref name="from"/>),
    /// as pull writes them, server-managed fields left out.
    /// </summary>
    public abstract IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from);

    /// <summary>Workspace files (relative) of managed items that are not live; pull reports them and keeps them: they may be the only copy.</summary>
    public virtual IEnumerable<string> FilesNotLive(string root, IReadOnlyDictionary<string, JsonObject> live, ManageConfig manage) => [];

    /// <summary>Why the ID cannot be read back from a backup into the workspace (a flow ID is a file name there), or null.</summary>
    public virtual string? FileNameProblem(string id) => null;

    /// <summary>
    /// Whether <c>manage:</c> takes this kind as <c>all</c> or a list of IDs (<c>sso: [acme]</c>, tenant IDs) and
    /// leaves it unmanaged until then (opt-in), instead of on/off.
    /// </summary>
    public virtual bool ManagedByList => false;

    /// <summary>What the IDs of a <see cref="ManagedByList"/> kind's <c>manage:</c> list name (<c>tenant</c>).</summary>
    public virtual string ManagedByListNoun => Name;

    /// <summary>
    /// The document paths (<c>oidc.clientSecret</c>) holding secrets that the service never returns: a comparison
    /// ignores them, they are written only as <c>${NAME}</c> in a file, shown and stored as <see cref="SensitiveFields.Shown"/>,
    /// and sent with every write of the item that has one.
    /// </summary>
    public virtual IReadOnlyList<string> SensitivePaths => [];

    /// <summary>What deleting the item costs its users, said in a plan beside the deletion; null when nothing beyond the item itself.</summary>
    public virtual string? DeleteConsequence(string id) => null;

    /// <summary>Whether <c>manage:</c> in descope.yaml covers the item (flows can be listed one by one).</summary>
    public virtual bool Manages(ManageConfig manage, string id) => manage.Manages(Type);

    /// <summary>Every live item of the kind at a constant API cost, for plan, drift, pull and backup create.</summary>
    public abstract Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The changed fields the API cannot update in place (an access key's expiry and bound user), which make the
    /// change a replacement: delete the live item, then create it anew. Empty for an update; the default, for
    /// kinds whose every field can be updated.
    /// </summary>
    public virtual IReadOnlyList<string> ReplaceFields(JsonObject live, JsonObject desired) => [];

    /// <summary>What a replacement of this kind costs beyond the fields (<c>new secret</c>), said with it; null when nothing.</summary>
    public virtual string? ReplaceNote => null;

    /// <summary>
    /// Whether creating an item answers a secret once (an access key's cleartext): a change that creates one, or
    /// replaces or restores one, needs a place for it before it runs. Apply and restore both ask this.
    /// </summary>
    public virtual bool CreatesSecrets => false;

    /// <summary>Refuses, before anything runs, a change the API cannot make (moving a tenant to another parent).</summary>
    public virtual void CheckChange(string id, JsonObject live, JsonObject desired)
    {
    }

    /// <summary>The order a plan writes the desired items in; by default <see cref="WriteOrder"/> of their documents.</summary>
    public virtual IReadOnlyList<string> PlanOrder(IReadOnlyDictionary<string, DesiredItem> desired) =>
        WriteOrder(desired.ToDictionary(d => d.Key, d => d.Value.Document, StringComparer.Ordinal));

    /// <summary>
    /// Equality of whole top-level parts without building nodes (flows read from a project snapshot), for
    /// the differ; null to compare every part.
    /// </summary>
    public virtual Func<string, bool?>? SameTopLevel(DesiredItem desired, LiveSnapshot live) => null;

    public override string ToString() => Name;
}
