using System.Runtime.CompilerServices;
using DescopeMgmt.Api.Http;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Users;

/// <summary>
/// User operations under <c>/v1/mgmt/user</c> (search and role add are <c>/v2</c>). A user is named by a login ID or
/// the user ID, as the service accepts either in <c>loginId</c>. Users are many: search a page at a time.
/// </summary>
public sealed class UsersApi
{
    private readonly ApiTransport _transport;

    internal UsersApi(ApiTransport transport) => _transport = transport;

    /// <summary>One page of the users matching <paramref name="search"/>, and how many match in all.</summary>
    public Task<UserPage> SearchPageAsync(UserSearch search, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v2/mgmt/user/search", $"search users (page {search.Page})", RequestKind.Read),
            search, ApiJsonContext.Default.UserSearch, ApiJsonContext.Default.UserPage, cancellationToken);

    /// <summary>
    /// Every user matching <paramref name="search"/>, fetched a page at a time from <see cref="UserSearch.Page"/> on, so only
    /// one page is held at once. Stops at an empty page or once <see cref="UserPage.Total"/> users came; a service that caps
    /// the page size below <see cref="UserSearch.Limit"/> is still read whole, since pages are counted, not sizes assumed.
    /// </summary>
    public async IAsyncEnumerable<User> SearchAllAsync(UserSearch search, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = 0;
        for (var page = search.Page; ; page++)
        {
            var answer = await SearchPageAsync(Copy(search, page), cancellationToken).ConfigureAwait(false);
            foreach (var user in answer.Users)
            {
                yield return user;
            }

            seen += answer.Users.Count;
            // Every page that goes on holds at least one user, so this ends even if a faulty total never comes.
            if (answer.Users.Count == 0 || seen >= answer.Total || page - search.Page >= answer.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>The user with this login ID or user ID; a missing user is a <see cref="DescopeApiException"/> with <see cref="DescopeApiException.IsNotFound"/>.</summary>
    public async Task<User> LoadAsync(string loginIdOrUserId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync<EmptyBody, UserEnvelope>(
            ApiCall.Get($"/v1/mgmt/user?loginId={Uri.EscapeDataString(loginIdOrUserId)}", $"load user '{loginIdOrUserId}'"),
            null, null, ApiJsonContext.Default.UserEnvelope, cancellationToken).ConfigureAwait(false);
        return response.User;
    }

    /// <summary>
    /// Creates a user (as invited, and sends the invitation, when <see cref="UserWrite.Invite"/> is true). Not repeated
    /// after a dropped connection: a repeat would answer "already exists" or send a second invitation.
    /// </summary>
    public Task<User> CreateAsync(UserWrite user, CancellationToken cancellationToken = default) =>
        SendUserAsync("/v1/mgmt/user/create", $"{(user.Invite == true ? "invite" : "create")} user '{user.LoginId}'", user, RequestKind.WriteOnce, cancellationToken);

    /// <summary>Creates the user as invited and sends the invitation; <paramref name="user"/> itself is left as it was.</summary>
    public Task<User> InviteAsync(UserWrite user, CancellationToken cancellationToken = default) =>
        SendUserAsync("/v1/mgmt/user/create", $"invite user '{user.LoginId}'", user with { Invite = true }, RequestKind.WriteOnce, cancellationToken);

    /// <summary>Replaces every field of the user <see cref="UserWrite.LoginId"/> names: omitted fields are cleared, so send the whole user.</summary>
    public Task<User> UpdateAsync(UserWrite user, CancellationToken cancellationToken = default) =>
        SendUserAsync("/v1/mgmt/user/update", $"update user '{user.LoginId}'", user, RequestKind.Write, cancellationToken);

    public Task<User> EnableAsync(string loginIdOrUserId, CancellationToken cancellationToken = default) => SetStatusAsync(loginIdOrUserId, "enabled", cancellationToken);

    public Task<User> DisableAsync(string loginIdOrUserId, CancellationToken cancellationToken = default) => SetStatusAsync(loginIdOrUserId, "disabled", cancellationToken);

    /// <summary>Cannot be undone. Not repeated after a dropped connection: a repeat of a delete that worked answers "not found".</summary>
    public Task DeleteAsync(string loginIdOrUserId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(ApiCall.Post("/v1/mgmt/user/delete", $"delete user '{loginIdOrUserId}'", RequestKind.WriteOnce),
            new UserDeleteRequest { LoginId = loginIdOrUserId }, ApiJsonContext.Default.UserDeleteRequest, cancellationToken);

    /// <summary>Adds roles to the user, in the project or (with <paramref name="tenantId"/>) in that tenant.</summary>
    public Task<User> AddRolesAsync(string loginIdOrUserId, string? tenantId, IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken = default) =>
        SendRolesAsync("/v2/mgmt/user/update/role/add", "add role(s) to", loginIdOrUserId, tenantId, roleNames, cancellationToken);

    public Task<User> RemoveRolesAsync(string loginIdOrUserId, string? tenantId, IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken = default) =>
        SendRolesAsync("/v1/mgmt/user/update/role/remove", "remove role(s) from", loginIdOrUserId, tenantId, roleNames, cancellationToken);

    /// <summary>Replaces the user's roles in the project or (with <paramref name="tenantId"/>) in that tenant.</summary>
    public Task<User> SetRolesAsync(string loginIdOrUserId, string? tenantId, IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken = default) =>
        SendRolesAsync("/v1/mgmt/user/update/role/set", "set the roles of", loginIdOrUserId, tenantId, roleNames, cancellationToken);

    private Task<User> SetStatusAsync(string loginIdOrUserId, string status, CancellationToken cancellationToken) =>
        SendAsync("/v1/mgmt/user/update/status", $"{(status == "enabled" ? "enable" : "disable")} user '{loginIdOrUserId}'",
            new UserStatusRequest { LoginId = loginIdOrUserId, Status = status }, ApiJsonContext.Default.UserStatusRequest, cancellationToken);

    private Task<User> SendRolesAsync(string path, string verb, string loginIdOrUserId, string? tenantId, IReadOnlyCollection<string> roleNames, CancellationToken cancellationToken)
    {
        var where = string.IsNullOrEmpty(tenantId) ? "" : $" in tenant '{tenantId}'";
        var request = new UserRolesRequest { LoginId = loginIdOrUserId, TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId, RoleNames = roleNames.ToList() };
        return SendAsync(path, $"{verb} user '{loginIdOrUserId}'{where}", request, ApiJsonContext.Default.UserRolesRequest, cancellationToken);
    }

    private async Task<User> SendUserAsync(string path, string operation, UserWrite user, RequestKind kind, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(ApiCall.Post(path, operation, kind), user, ApiJsonContext.Default.UserWrite, ApiJsonContext.Default.UserEnvelope, cancellationToken)
            .ConfigureAwait(false);
        return response.User;
    }

    /// <summary>Status and role changes set a state, so a repeat after a dropped connection is harmless.</summary>
    private async Task<User> SendAsync<TRequest>(string path, string operation, TRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> type,
        CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(ApiCall.Post(path, operation, RequestKind.Write), request, type, ApiJsonContext.Default.UserEnvelope, cancellationToken)
            .ConfigureAwait(false);
        return response.User;
    }

    private static UserSearch Copy(UserSearch search, int page) => new()
    {
        Page = page,
        Limit = search.Limit,
        Text = search.Text,
        TenantIds = search.TenantIds,
        RoleNames = search.RoleNames,
        Statuses = search.Statuses,
        Emails = search.Emails,
        Phones = search.Phones,
        LoginIds = search.LoginIds,
        UserIds = search.UserIds,
        WithTestUser = search.WithTestUser,
    };
}
