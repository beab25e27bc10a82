using System.Text.Json.Serialization;
using DescopeMgmt.Core.Backups;

namespace DescopeMgmt.Core.Locking;

/// <summary>
/// The content of a lock file: who holds it, for the "project is locked" message and the stale check.
/// <see cref="Token"/> tells our own lock apart from one that replaced it.
/// </summary>
public sealed record LockHolder(int Pid, string Host, string Operation, DateTimeOffset Started, string Token);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(LockHolder))]
internal sealed partial class LockJsonContext : JsonSerializerContext;
