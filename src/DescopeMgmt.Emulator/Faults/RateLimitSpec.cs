using System.Globalization;

namespace DescopeMgmt.Emulator.Faults;

/// <summary>A fixed-window request limit for the whole emulator, like the service's per-IP limits.</summary>
public sealed record RateLimitSpec(int Permits, TimeSpan Window)
{
    /// <summary>Parses "500/10s", "100/60" (seconds), "5/1m", "20/500ms".</summary>
    public static RateLimitSpec Parse(string text)
    {
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var permits) && permits > 0)
        {
            var window = parts[1].ToLowerInvariant();
            var (number, unitMs) = window.EndsWith("ms", StringComparison.Ordinal) ? (window[..^2], 1.0)
                : window.EndsWith('s') ? (window[..^1], 1000.0)
                : window.EndsWith('m') ? (window[..^1], 60_000.0)
                : (window, 1000.0);
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return new RateLimitSpec(permits, TimeSpan.FromMilliseconds(amount * unitMs));
            }
        }

        throw new FormatException($"Invalid rate limit '{text}': expected PERMITS/WINDOW such as 500/10s.");
    }
}
