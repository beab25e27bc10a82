using System.Text.Json.Serialization;
using DescopeMgmt.Core.Backups;

namespace DescopeMgmt.Core.Audit;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(AuditStats))]
[JsonSerializable(typeof(RollbackRecordList))]
public sealed partial class AuditJsonContext : JsonSerializerContext;
