using System.Text.Json.Nodes;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>Only a v2 theme (componentsVersion, styles per mode, references) may replace the live theme.</summary>
public sealed class ThemeRulesTests
{
    private static IReadOnlyList<string> Problems(string json) => ThemeRules.Problems(JsonNode.Parse(json)).Select(p => p.ToString()).ToList();

    [Theory]
    [InlineData("""{"componentsVersion":"2.0.295","styles":{"light":{"colors":{"primary":"#111"}},"dark":{}},"references":{"fonts":["Inter"]}}""")]
    [InlineData("""{"styles":{"light":{}}}""")]
    [InlineData("""{"id":"theme","version":3,"styles":{}}""")]
    public void Problems_v2Theme_none(string json) => Assert.Empty(Problems(json));

    [Theory]
    [InlineData("""{"theme":{"styles":{}}}""", "API answer")]
    [InlineData("""{"id":"t","cssTemplate":{}}""", "v1 theme")]
    [InlineData("""{"componentsVersion":"2.0.1"}""", "styles: is missing")]
    [InlineData("""{"styles":[]}""", "styles: must be an object of modes (light, dark), not a list")]
    [InlineData("""{"styles":{"light":"blue"}}""", "styles.light: must be an object of style settings, not a text")]
    [InlineData("""{"styles":{},"componentsVersion":2}""", "componentsVersion: must be a version text")]
    [InlineData("""{"styles":{},"references":[]}""", "references: must be an object")]
    [InlineData("""{"styles":{},"colour":"red"}""", "colour: unknown key")]
    [InlineData("""[]""", "not a list")]
    [InlineData("""null""", "not null")]
    public void Problems_notAV2Theme_saysWhereAndWhy(string json, string problem)
    {
        Assert.Contains(Problems(json), p => p.Contains(problem, StringComparison.Ordinal));
    }
}
