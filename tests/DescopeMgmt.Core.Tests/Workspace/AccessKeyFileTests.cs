using System.Text.Json.Nodes;
using DescopeMgmt.Core.Kinds.AccessKeys;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>access-keys.yaml: identity is the name, unique in the file; every problem is found at its line; sets are sets.</summary>
public sealed class AccessKeyFileTests
{
    [Fact]
    public void AccessKeys_identityIsTheName_rolesTenantRolesAndIpsAreSets()
    {
        var loaded = DevWorkspace.Load(("access-keys.yaml",
            "accessKeys:\n  - name: ci\n    roles: [b, a]\n    tenants: {acme: [y, x]}\n    permittedIps: [10.0.0.2, 10.0.0.1]\n    expireTime: 1900000000\n    customClaims: {team: build, level: 2}\n")).EnsureValid();

        var key = loaded.Desired.Of(ResourceType.AccessKey)!["ci"].Document;
        Assert.Equal("[\"a\",\"b\"]", key["roles"]!.ToJsonString());
        Assert.Equal("{\"acme\":[\"x\",\"y\"]}", key["tenants"]!.ToJsonString());
        Assert.Equal("[\"10.0.0.1\",\"10.0.0.2\"]", key["permittedIps"]!.ToJsonString());
        var write = AccessKeyDocuments.ToWrite("ci", key);
        Assert.Equal(1900000000, write.ExpireTime);
        Assert.Equal(["x", "y"], write.KeyTenants.Single(t => t.TenantId == "acme").RoleNames);
        Assert.Equal("build", write.CustomClaims!["team"].GetString());
    }

    [Theory]
    [InlineData("accessKeys:\n  - name: ci\n  - name: ci\n", "access-keys.yaml:3:5: error: duplicate access key 'ci' (first at line 2)")]
    [InlineData("accessKeys:\n  - description: no name\n", "access-keys.yaml:2:5: error: access key has no name")]
    [InlineData("accessKeys:\n  - name: ci\n    expireTime: tomorrow\n", "access-keys.yaml:3:17: error: expireTime must be a whole number, not 'tomorrow'")]
    [InlineData("accessKeys:\n  - name: ci\n    roles: Viewer\n", "access-keys.yaml:3:12: error: roles must be a list of text values")]
    [InlineData("accessKeys:\n  - name: ci\n    tenants: [acme]\n", "access-keys.yaml:3:14: error: tenants must be a mapping of name: value")]
    [InlineData("accessKeys:\n  - name: ci\n    tenants: {acme: Viewer}\n", "access-keys.yaml:2: error: access key 'ci': tenants.acme must be a list of role names")]
    [InlineData("accessKeys:\n  - name: ci\n    cleartext: abc\n", "access-keys.yaml:3:5: error: unknown field 'cleartext'")]
    [InlineData("accessKeys: ci\n", "'accessKeys' must be a list of")]
    public void AccessKeys_wrongShapesAndTypes_areErrorsAtTheirLine(string text, string expected)
    {
        Assert.Contains(expected, DevWorkspace.Errors(DevWorkspace.Load(("access-keys.yaml", text))), StringComparison.Ordinal);
    }

    [Fact]
    public void AccessKeys_ofATenantNotInTenantsYaml_areErrors()
    {
        var loaded = DevWorkspace.Load(
            ("tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n"),
            ("access-keys.yaml", "accessKeys:\n  - name: ci\n    tenants: {acme: [], globex: [Viewer]}\n"));

        var errors = DevWorkspace.Errors(loaded);
        Assert.Contains("access-keys.yaml:2: error: access key 'ci' belongs to tenant 'globex', which is not in tenants.yaml", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("'acme'", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":\"ci\",\"expireTime\":1900000000}", "{\"name\":\"ci\",\"expireTime\":1900000001}", "expireTime")]
    [InlineData("{\"name\":\"ci\",\"userId\":\"U1\"}", "{\"name\":\"ci\"}", "userId")]
    [InlineData("{\"name\":\"ci\",\"description\":\"a\"}", "{\"name\":\"ci\",\"description\":\"b\"}", null)]
    public void ReplaceFields_fixedFieldChanged_forcesAReplacementWithANewSecret_otherFieldsAreUpdates(string live, string desired, string? fixedField)
    {
        var kind = new AccessKeyKind();

        var forced = kind.ReplaceFields(JsonNode.Parse(live)!.AsObject(), JsonNode.Parse(desired)!.AsObject());

        string[] expected = fixedField is null ? [] : [fixedField];
        Assert.Equal(expected, forced);
        Assert.True(kind.CreatesSecrets);
        Assert.Equal("new secret", kind.ReplaceNote);
    }
}
