using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>An error the endpoint answers with: HTTP status plus the Descope error body.</summary>
internal sealed class ApiError : Exception
{
    public ApiError(int status, string code, string description, string? detail = null)
        : base(description)
    {
        Status = status;
        Code = code;
        Detail = detail;
    }

    public int Status { get; }

    public string Code { get; }

    public string Description => Message;

    public string? Detail { get; }

    public static ApiError BadRequest(string detail) => new(400, "E011001", "Request is malformed", detail);

    public static ApiError Missing(string field) => new(400, "E011002", "Missing arguments", $"{field} is required");

    public static ApiError Invalid(string detail) => new(400, "E011003", "Request validation failed", detail);

    public static ApiError NotFound(string what) => new(404, "E011004", "Not found", what);

    /// <summary>The management API's code for an unknown user.</summary>
    public const string UserNotFoundCode = "E112102";

    public static ApiError UserNotFound(string loginIdOrUserId) => new(404, UserNotFoundCode, "User not found", $"user '{loginIdOrUserId}' does not exist");
}

/// <summary>Reading request bodies and writing answers as JSON documents (no reflection: NativeAOT).</summary>
internal static class Wire
{
    public const string BodyItem = "emulator.body";
    public const string ProjectItem = "emulator.project";

    public static JsonObject Body(HttpContext context)
    {
        var text = context.Items[BodyItem] as string ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest(ex.Message);
        }
    }

    public static string ProjectId(HttpContext context) => (string)context.Items[ProjectItem]!;

    public static Task WriteAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
    }

    public static Task WriteEmptyAsync(HttpContext context) => WriteAsync(context, new JsonObject());

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string description, string? message = null)
    {
        var body = new JsonObject { ["errorCode"] = code, ["errorDescription"] = description };
        if (message is not null)
        {
            body["errorMessage"] = message;
        }

        return WriteAsync(context, body, status);
    }

    public static string? String(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Bool(JsonObject body, string name) => body[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => bool.TryParse(s, out var parsed) && parsed,
        _ => false,
    };

    /// <summary>An int64 sent as a number or, as proto JSON allows, a string; absent is 0, anything else a 400.</summary>
    public static long Long(JsonObject body, string name) => body[name] switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw ApiError.BadRequest($"{name} must be an integer"),
    };

    /// <summary>A value the proto-based service leaves out of its answers: null, empty, false or "".</summary>
    public static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };

    /// <summary>A copy of <paramref name="fields"/> of <paramref name="body"/> that carry a value, the way the service omits zero values.</summary>
    public static void CopyNonZero(JsonObject body, JsonObject target, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (!IsZero(body[field]))
            {
                target[field] = body[field]!.DeepClone();
            }
        }
    }

    /// <summary>A list of strings, or a 400 naming the field when it is something else.</summary>
    public static List<string> StringList(JsonObject body, string name) => body[name] switch
    {
        null => [],
        JsonArray array when array.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => array.Select(n => n!.GetValue<string>()).ToList(),
        _ => throw ApiError.BadRequest($"{name} must be a list of strings"),
    };

    public static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>();
}
