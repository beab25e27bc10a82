using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// The password policy, <c>/v1/mgmt/password/settings</c>: an empty <c>tenantId</c> is the project's policy,
/// a tenant without a policy of its own answers with the project's. A write replaces every field (an omitted
/// one takes its zero value) and is refused with 400 when a field has the wrong type or leaves its bounds.
/// Node's type spells <c>nonAlphaNumeric</c>, so both spellings are accepted; answers use <c>nonAlphanumeric</c>.
/// </summary>
internal static class PasswordEndpoints
{
    private const string NodeSpelling = "nonAlphaNumeric";

    private static readonly string[] Flags =
        ["enabled", "lowercase", "uppercase", "number", "nonAlphanumeric", "expiration", "reuse", "lock", "tempLock", "enablePasswordStrength"];

    /// <summary>Counts and their bounds; the minimum length range is the one the Descope console offers.</summary>
    private static readonly (string Name, int Min, int Max)[] Counts =
    [
        ("minLength", 5, 64),
        ("expirationWeeks", 0, int.MaxValue),
        ("reuseAmount", 0, int.MaxValue),
        ("lockAttempts", 0, int.MaxValue),
        ("tempLockAttempts", 0, int.MaxValue),
        ("tempLockDuration", 0, int.MaxValue),
        ("passwordStrengthScore", 0, 4),
    ];

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapGet("/v1/mgmt/password/settings", context =>
        {
            var tenantId = context.Request.Query["tenantId"].ToString();
            var policy = projects.Read(Wire.ProjectId(context), state =>
            {
                if (tenantId.Length == 0)
                {
                    return state.PasswordSettings;
                }

                EnsureTenant(state, tenantId);
                return state.TenantPasswordSettings.TryGetValue(tenantId, out var own) ? own : state.PasswordSettings;
            });
            return Wire.WriteAsync(context, policy.DeepClone());
        });

        app.MapPost("/v1/mgmt/password/settings", context =>
        {
            var body = Wire.Body(context);
            var policy = Parse(body);
            var tenantId = Wire.String(body, "tenantId") ?? "";
            projects.Change(Wire.ProjectId(context), state =>
            {
                if (tenantId.Length == 0)
                {
                    state.PasswordSettings = policy;
                }
                else
                {
                    EnsureTenant(state, tenantId);
                    state.TenantPasswordSettings[tenantId] = policy;
                }

                return true;
            });
            return Wire.WriteEmptyAsync(context);
        });
    }

    private static void EnsureTenant(ProjectState state, string tenantId)
    {
        if (!state.Tenants.ContainsKey(tenantId))
        {
            throw ApiError.Invalid($"tenant '{tenantId}' does not exist");
        }
    }

    /// <summary>The whole policy a write sets: every known field, omitted ones at their zero value.</summary>
    private static JsonObject Parse(JsonObject body)
    {
        if (body[NodeSpelling] is { } nodeSpelled && !body.ContainsKey("nonAlphanumeric"))
        {
            body = (JsonObject)body.DeepClone();
            body["nonAlphanumeric"] = nodeSpelled.DeepClone();
        }

        var policy = new JsonObject();
        foreach (var flag in Flags)
        {
            policy[flag] = body[flag] switch
            {
                null => false,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                _ => throw ApiError.BadRequest($"{flag} must be true or false"),
            };
        }

        foreach (var (name, min, max) in Counts)
        {
            var value = body[name] switch
            {
                null => 0,
                JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
                JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                _ => throw ApiError.BadRequest($"{name} must be a whole number"),
            };
            if (value < min || value > max)
            {
                throw ApiError.Invalid(max == int.MaxValue ? $"{name} must be at least {min} (got {value})" : $"{name} must be between {min} and {max} (got {value})");
            }

            policy[name] = value;
        }

        return policy;
    }
}
