using System.Globalization;

namespace DescopeMgmt.Api;

/// <summary>Parses short durations used on the command line: 300ms, 10s, 5m, 2h, 30d, or a bare number.</summary>
public static class DurationText
{
    public const int MaxDays = 36500;

    /// <summary>The duration; <see cref="FormatException"/> when it is not one, <see cref="OverflowException"/> beyond <see cref="MaxDays"/>.</summary>
    public static TimeSpan Parse(string text, TimeSpan bareUnit)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        (string number, TimeSpan unit) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], TimeSpan.FromMilliseconds(1)),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], TimeSpan.FromSeconds(1)),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], TimeSpan.FromMinutes(1)),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], TimeSpan.FromHours(1)),
            _ when trimmed.EndsWith('d') => (trimmed[..^1], TimeSpan.FromDays(1)),
            _ => (trimmed, bareUnit),
        };
        // Bounded at a hundred years: nothing here waits or keeps longer, and TimeSpan arithmetic beyond it overflows.
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value <= 0)
        {
            throw new FormatException($"Invalid duration '{text}': expected a positive number with ms, s, m, h or d.");
        }

        if (double.IsInfinity(value) || unit.TotalDays * value > MaxDays)
        {
            throw new OverflowException($"Duration '{text}' is longer than {MaxDays} days.");
        }

        return unit * value;
    }
}
