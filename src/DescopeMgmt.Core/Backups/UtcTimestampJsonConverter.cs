using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescopeMgmt.Core.Backups;

/// <summary>Writes instants as UTC with a <c>Z</c> (<c>2025-01-15T10:30:00Z</c>), whatever offset they carry.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
