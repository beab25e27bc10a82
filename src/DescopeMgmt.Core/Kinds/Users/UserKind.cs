using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Core.Live;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Kinds.Users;

/// <summary>
/// Users are runtime data, not desired state: they are changed one at a time by the <c>user</c> commands, which back
/// each one up first, and a backup restore puts a user's record back. They have no workspace file and are never
/// planned, pulled or read whole (there may be millions), so the kind is registered only among the kinds backups
/// hold (<see cref="ResourceKinds.Backed"/>), not among the workspace kinds. The item ID is the login ID the
/// user was named by; a restore recreates a deleted user under it (with a new user ID), without the password,
/// sessions or MFA devices, which the API neither reads nor writes.
/// </summary>
public sealed class UserKind : ResourceKind
{
    private const string NotAWorkspaceKind = "Users are not part of the workspace: they are never planned, pulled or read whole.";

    public override ResourceType Type => ResourceType.User;

    public override string Name => "user";

    public override string KindsName => "users";

    // Last: a user holds roles of the project and of tenants, which must exist first; deletions run the other way.
    public override int Order => 10;

    public override bool HasRollbackCommand => false;

    public override string? RestoreCaveat =>
        "A restored user gets back its record (login IDs, names, email, phone, roles, tenants, status), " +
        "not its password, sessions or MFA devices: a recreated user signs in again and sets these anew.";

    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal) { "userId", "createdTime" }, ZeroValuesAreAbsent: true);

    public static ResourceKey Key(string loginId) => new(ResourceType.User, loginId);

    public override string BackupPath(string fileStem) => $"users/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            return UserDocuments.ToDocument(await client.Users.LoadAsync(id, cancellationToken).ConfigureAwait(false));
        }
        catch (DescopeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Update (the whole user) or create, then the status if it differs: the status has its own endpoint. A user
    /// recreated as invited is created invited with no message sent, so a restore never mails anyone.
    /// </summary>
    public override async Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken)
    {
        var write = UserDocuments.ToWrite(id, desired);
        var status = UserDocuments.Status(desired);
        User written;
        if (exists)
        {
            written = await client.Users.UpdateAsync(write, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            written = await client.Users.CreateAsync(status == "invited" ? write with { Invite = true, SendMail = false, SendSms = false } : write, cancellationToken)
                .ConfigureAwait(false);
        }

        if (status is "enabled" && written.Status != status)
        {
            await client.Users.EnableAsync(id, cancellationToken).ConfigureAwait(false);
        }
        else if (status is "disabled" && written.Status != status)
        {
            await client.Users.DisableAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task DeleteAsync(DescopeClient client, string id, bool cascade, CancellationToken cancellationToken) =>
        client.Users.DeleteAsync(id, cancellationToken);

    // Never called: the kind is not among the workspace kinds (ResourceKinds.All) that workspaces, plans and pulls use.
    public override string WorkspaceFile => "";

    public override IReadOnlyDictionary<string, DesiredItem>? ReadWorkspace(WorkspaceSource source) => null;

    public override IReadOnlyList<WorkspaceFileText> ToWorkspaceFiles(IReadOnlyDictionary<string, JsonObject> live, LiveSnapshot from) => [];

    public override Task<IReadOnlyDictionary<string, JsonObject>> ReadAllAsync(LiveReadContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(NotAWorkspaceKind);
}
