using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;

namespace DescopeMgmt.Core.Kinds.PasswordPolicies;

/// <summary>
/// Password policies: the project's (ID <c>project</c>) and each tenant's (ID <c>tenants/&lt;tenantId&gt;</c>).
/// A policy always exists while its scope does, so it is only ever replaced, never deleted; a write
/// overwrites every field, so the whole desired policy is sent.
/// </summary>
public sealed partial class PasswordPolicyKind : ResourceKind
{
    public const string ProjectId = "project";

    private const string TenantPrefix = "tenants/";

    public override ResourceType Type => ResourceType.PasswordPolicy;

    public override string Name => "passwordPolicy";

    public override string ItemNoun => "password policy";

    public override string KindsName => "passwordPolicy";

    public override int Order => 5;

    public override bool CanDelete => false;

    public override bool HasRollbackCommand => false;

    // The service answers an unset count as 0 and an unset flag as false, which a file may leave out. The
    // tenant is in the ID; a document that still names it (hand-edited) is not a difference.
    public override DiffOptions Diff { get; } = new(new HashSet<string>(StringComparer.Ordinal) { "tenantId" }, ZeroValuesAreAbsent: true);

    /// <summary>Every known field of a policy with its kind of value and bounds, in the API's order.</summary>
    public static IReadOnlyList<PasswordPolicyField> Fields { get; } =
    [
        new("enabled", PasswordPolicyValueKind.Bool, "Whether users can sign in with a password."),
        new("minLength", PasswordPolicyValueKind.WholeNumber, "Minimum password length.") { Min = 4, Max = 64 },
        new("lowercase", PasswordPolicyValueKind.Bool, "Require a lowercase letter."),
        new("uppercase", PasswordPolicyValueKind.Bool, "Require an uppercase letter."),
        new("number", PasswordPolicyValueKind.Bool, "Require a digit."),
        new("nonAlphanumeric", PasswordPolicyValueKind.Bool, "Require a character that is neither a letter nor a digit."),
        new("expiration", PasswordPolicyValueKind.Bool, "Make passwords expire."),
        new("expirationWeeks", PasswordPolicyValueKind.WholeNumber, "Weeks until a password expires, while expiration is on.") { Min = 1, Max = 999, Switch = "expiration" },
        new("reuse", PasswordPolicyValueKind.Bool, "Forbid reusing recent passwords."),
        new("reuseAmount", PasswordPolicyValueKind.WholeNumber, "How many recent passwords cannot be reused, while reuse is on.") { Min = 1, Max = 50, Switch = "reuse" },
        new("lock", PasswordPolicyValueKind.Bool, "Lock the account after failed sign-ins."),
        new("lockAttempts", PasswordPolicyValueKind.WholeNumber, "Failed sign-ins before the account locks, while lock is on.") { Min = 2, Max = 10, Switch = "lock" },
        new("tempLock", PasswordPolicyValueKind.Bool, "Lock the account for a while after failed sign-ins."),
        new("tempLockAttempts", PasswordPolicyValueKind.WholeNumber, "Failed sign-ins before the temporary lock, while tempLock is on.") { Min = 1, Max = 10, Switch = "tempLock" },
        new("tempLockDuration", PasswordPolicyValueKind.WholeNumber, "Minutes the temporary lock lasts, while tempLock is on.") { Min = 1, Max = 1440, Switch = "tempLock" },
        new("enablePasswordStrength", PasswordPolicyValueKind.Bool, "Require a minimum password strength score."),
        new("passwordStrengthScore", PasswordPolicyValueKind.WholeNumber, "Minimum strength score, 0 (very weak) to 4 (very strong), while enablePasswordStrength is on.") { Max = 4, Switch = "enablePasswordStrength" },
    ];

    /// <summary>Each field's kind of value, by name (for typing a workspace file).</summary>
    public static IReadOnlyDictionary<string, PasswordPolicyValueKind> FieldTypes { get; } = Fields.ToDictionary(f => f.Name, f => f.Kind, StringComparer.Ordinal);

    /// <summary>The ID of the project's policy (<paramref name="tenantId"/> null or empty) or of a tenant's.</summary>
    public static string Id(string? tenantId) => string.IsNullOrEmpty(tenantId) ? ProjectId : TenantPrefix + tenantId;

    public static ResourceKey Key(string? tenantId) => new(ResourceType.PasswordPolicy, Id(tenantId));

    /// <summary>The tenant a policy ID names, or null for the project's policy.</summary>
    /// <exception cref="UserError">The ID is neither <c>project</c> nor <c>tenants/&lt;tenantId&gt;</c>.</exception>
    public static string? TenantOf(string id)
    {
        if (id == ProjectId)
        {
            return null;
        }

        if (id.StartsWith(TenantPrefix, StringComparison.Ordinal) && id.Length > TenantPrefix.Length)
        {
            return id[TenantPrefix.Length..];
        }

        throw new UserError("invalid_password_policy_id", $"'{ItemIds.Printable(id)}' is not a password policy ID.",
            $"A password policy ID is '{ProjectId}' or '{TenantPrefix}<tenantId>'.");
    }

    /// <summary>
    /// Every bound <paramref name="policy"/> breaks, one sentence each, empty when none. A policy is written
    /// whole, so an absent count counts as 0 (an absent minLength is a problem). Values of the wrong type, and
    /// fields not in <see cref="Fields"/>, are left to the caller's type check.
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonObject policy)
    {
        var problems = new List<string>();
        foreach (var field in Fields.Where(f => f.Kind == PasswordPolicyValueKind.WholeNumber))
        {
            if (!TryWholeNumber(policy[field.Name], out var value))
            {
                continue;
            }

            if (field.Problem(value) is { } problem)
            {
                problems.Add(problem);
            }
            else if (value == 0 && field.Min > 0 && field.Switch is { } flag && policy[flag] is JsonValue on && on.GetValueKind() == JsonValueKind.True)
            {
                problems.Add($"{field.Name} must be between {field.Min} and {field.Max} while {flag} is on (got 0)");
            }
        }

        return problems;
    }

    public override string BackupPath(string fileStem) => $"password/{fileStem}.json";

    public override async Task<JsonObject?> GetAsync(DescopeClient client, string id, CancellationToken cancellationToken)
    {
        var tenantId = TenantOf(id);
        try
        {
            return PasswordPolicyDocuments.ToDocument(await client.Password.GetSettingsAsync(tenantId, cancellationToken).ConfigureAwait(false));
        }
        catch (DescopeApiException ex) when (tenantId is not null && (ex.IsNotFound || ex.StatusCode == 400))
        {
            // A tenant that does not exist has no policy, but the service may answer it with a plain 400 as it
            // does any invalid request: the policy counts as absent only when the tenant itself reads as absent.
            if (ex.IsNotFound || await ResourceKinds.Tenant.GetAsync(client, tenantId, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            throw;
        }
    }

    public override Task PutAsync(DescopeClient client, string id, JsonObject desired, bool exists, CancellationToken cancellationToken) =>
        client.Password.UpdateSettingsAsync(TenantOf(id), PasswordPolicyDocuments.FromDocument(desired, id), cancellationToken);

    private static bool TryWholeNumber(JsonNode? node, out long value)
    {
        value = 0;
        return node switch
        {
            null => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
