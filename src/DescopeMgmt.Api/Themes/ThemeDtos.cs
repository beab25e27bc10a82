using System.Text.Json.Nodes;

namespace DescopeMgmt.Api.Themes;

/// <summary><c>{"theme": ...}</c> for both v1 and v2; the theme stays an opaque document.</summary>
public sealed class ThemeEnvelope
{
    public JsonObject? Theme { get; set; }
}
