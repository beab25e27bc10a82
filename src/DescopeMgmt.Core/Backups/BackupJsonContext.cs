using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Backups;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(BackupManifest))]
[JsonSerializable(typeof(BackupSummary))]
[JsonSerializable(typeof(BackupSummaryList))]
[JsonSerializable(typeof(BackupVerification))]
[JsonSerializable(typeof(PruneResult))]
public sealed partial class BackupJsonContext : JsonSerializerContext;
