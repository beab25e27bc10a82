using System.Text.Json;
using System.Text.Json.Serialization;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Password;

/// <summary>
/// The password policy of the project or of one tenant, as <c>password/settings</c> reads and writes it. A write
/// overwrites every field, so callers send the whole policy read back and changed (<c>with { ... }</c>). Node's
/// type spells <c>nonAlphaNumeric</c> and Go <c>nonAlphanumeric</c>: both are read (names match case-insensitively),
/// the Go spelling is written. Fields the service omits take defaults; fields this client does not know are kept in
/// <see cref="Extra"/> and written back, so a newer service's settings survive a read-modify-write.
/// </summary>
public sealed record PasswordSettings : IWireAnswer
{
    /// <summary>The policy a write applies to (null or empty: the project's). Set by the client; answers may leave it out.</summary>
    public string? TenantId { get; init; }

    public bool Enabled { get; init; }

    /// <summary>The service accepts 5 to 64.</summary>
    public int MinLength { get; init; }

    public bool Lowercase { get; init; }

    public bool Uppercase { get; init; }

    public bool Number { get; init; }

    public bool NonAlphanumeric { get; init; }

    public bool Expiration { get; init; }

    public int ExpirationWeeks { get; init; }

    public bool Reuse { get; init; }

    public int ReuseAmount { get; init; }

    public bool Lock { get; init; }

    public int LockAttempts { get; init; }

    public bool TempLock { get; init; }

    public int TempLockAttempts { get; init; }

    public int TempLockDuration { get; init; }

    public bool EnablePasswordStrength { get; init; }

    public int PasswordStrengthScore { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    string? IWireAnswer.Problem()
    {
        (string Name, int Value)[] counts =
        [
            ("minLength", MinLength), ("expirationWeeks", ExpirationWeeks), ("reuseAmount", ReuseAmount), ("lockAttempts", LockAttempts),
            ("tempLockAttempts", TempLockAttempts), ("tempLockDuration", TempLockDuration), ("passwordStrengthScore", PasswordStrengthScore),
        ];
        return counts.FirstOrDefault(c => c.Value < 0) is { Name: not null } negative ? $"'{negative.Name}' is negative ({negative.Value})" : null;
    }
}
