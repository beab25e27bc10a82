using System.Text.Json.Nodes;
using DescopeMgmt.Api.Json;

namespace DescopeMgmt.Api.Themes;

/// <summary><c>{"theme": ...}</c> for both v1 and v2; the theme stays an opaque document.</summary>
public sealed class ThemeEnvelope : IWireAnswer
{
    public JsonObject? Theme { get; set; }

    string? IWireAnswer.Problem() => Theme is null ? "it holds no 'theme' object" : null;
}
