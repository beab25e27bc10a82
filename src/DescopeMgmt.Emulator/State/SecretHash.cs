using System.Security.Cryptography;
using System.Text;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// Secrets the emulator receives or makes (access key cleartexts, OIDC client secrets) are kept only as a hash:
/// enough to tell whether one was set or changed, useless to anyone who reads the state file.
/// </summary>
internal static class SecretHash
{
    public static string Of(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new access key cleartext: random, shaped like the service's (a "K2" key ID part and a secret part).</summary>
    public static string NewCleartext(string keyId) => $"{keyId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
}
