using System.Globalization;
using System.Text.RegularExpressions;

namespace DescopeMgmt.Emulator.Faults;

public enum FaultKind
{
    /// <summary>Answer with an HTTP status and a Descope error body (429 also sends Retry-After: 1 unless told not to).</summary>
    Status,

    /// <summary>Abort the connection without an answer.</summary>
    Reset,

    /// <summary>Delay the answer, then serve it normally.</summary>
    Latency,

    /// <summary>Send the status, the headers and the first byte of the body, then pause (for <see cref="FaultSpec.Latency"/>) before the rest.</summary>
    Stall,
}

/// <summary>
/// One injected fault. Text form: <c>KIND[:ARG][@PATH][~BODY][#N][*COUNT]</c> where KIND is an HTTP
/// status, <c>429-noretryafter</c> (a 429 without the Retry-After header, which the service may omit),
/// <c>reset</c>, <c>latency</c> (delay before the answer) or <c>stall</c> (headers sent, body paused); ARG is
/// a probability (default 1) or, for latency and stall, a duration (<c>300ms</c>, <c>2s</c>); <c>@PATH</c>
/// limits it to requests whose path starts with PATH (or, ending in <c>$</c>, is exactly PATH); <c>~BODY</c> to requests whose body contains BODY;
/// <c>#N</c> fires only on the Nth matching request; <c>*COUNT</c> on the first COUNT. Examples:
/// <c>503:0.2</c>, <c>reset:0.1</c>, <c>latency:300ms</c>, <c>stall:2s@/v1/mgmt/flow/list</c>,
/// <c>429-noretryafter#1</c>, <c>500@/v2/mgmt/flow/import#3</c>, <c>500@/v2/mgmt/flow/import~"flow-c"</c>, <c>503*2</c>.
/// </summary>
public sealed partial record FaultSpec(
    FaultKind Kind,
    int StatusCode = 0,
    double Probability = 1,
    TimeSpan Latency = default,
    string? PathPrefix = null,
    string? BodyContains = null,
    int? Nth = null,
    int? FirstCount = null,
    bool OmitRetryAfter = false)
{
    [GeneratedRegex(@"^(?<kind>\d{3}|429-noretryafter|reset|latency|stall)(:(?<arg>[^@~#*]+))?(@(?<path>[^~#*]+))?(~(?<body>[^#*]+))?(#(?<nth>\d+))?(\*(?<count>\d+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Syntax();

    private static int ErrorStatus(string kindText, string text)
    {
        var status = int.Parse(kindText, CultureInfo.InvariantCulture);
        return status is >= 400 and <= 599
            ? status
            : throw new FormatException($"Invalid fault '{text}': {status} is not an error status (400-599).");
    }

    public static FaultSpec Parse(string text)
    {
        var match = Syntax().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"Invalid fault '{text}': expected e.g. 503:0.2, 429-noretryafter, reset:0.1, latency:300ms, stall:2s or 500@/v2/mgmt/flow/import#3.");
        }

        var kindText = match.Groups["kind"].Value.ToLowerInvariant();
        var arg = match.Groups["arg"].Success ? match.Groups["arg"].Value.Trim() : null;
        var path = match.Groups["path"].Success ? match.Groups["path"].Value.Trim() : null;
        var body = match.Groups["body"].Success ? match.Groups["body"].Value : null;
        int? nth = match.Groups["nth"].Success ? int.Parse(match.Groups["nth"].Value, CultureInfo.InvariantCulture) : null;
        int? count = match.Groups["count"].Success ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture) : null;

        return kindText switch
        {
            "reset" => new FaultSpec(FaultKind.Reset, Probability: ParseProbability(arg, text), PathPrefix: path, BodyContains: body, Nth: nth, FirstCount: count),
            "latency" => new FaultSpec(FaultKind.Latency, Latency: ParseDuration(arg, text), PathPrefix: path, BodyContains: body, Nth: nth, FirstCount: count),
            "stall" => new FaultSpec(FaultKind.Stall, Latency: ParseDuration(arg, text), PathPrefix: path, BodyContains: body, Nth: nth, FirstCount: count),
            "429-noretryafter" => new FaultSpec(FaultKind.Status, 429, ParseProbability(arg, text), PathPrefix: path, BodyContains: body, Nth: nth, FirstCount: count, OmitRetryAfter: true),
            _ => new FaultSpec(FaultKind.Status, ErrorStatus(kindText, text), ParseProbability(arg, text), PathPrefix: path, BodyContains: body, Nth: nth, FirstCount: count),
        };
    }

    private static double ParseProbability(string? arg, string text)
    {
        if (arg is null)
        {
            return 1;
        }

        if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p < 0 || p > 1)
        {
            throw new FormatException($"Invalid fault '{text}': the probability must be between 0 and 1.");
        }

        return p;
    }

    private static TimeSpan ParseDuration(string? arg, string text)
    {
        if (arg is null)
        {
            throw new FormatException($"Invalid fault '{text}': latency and stall need a duration, e.g. latency:300ms.");
        }

        var value = arg.ToLowerInvariant();
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            throw new FormatException($"Invalid fault '{text}': bad duration '{arg}'.");
        }

        return TimeSpan.FromMilliseconds(amount * unit);
    }
}
