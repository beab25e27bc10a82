using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>permissions.yaml, roles.yaml and password.yaml: malformed is never absent, and each problem is found at its line.</summary>
public sealed class AccessControlFilesTests
{
    [Theory]
    [InlineData("permissions.yaml")]
    [InlineData("roles.yaml")]
    [InlineData("password.yaml")]
    public void EmptyOrCommentOnlyFile_isAnError_neverNoItems(string file)
    {
        var loaded = DevWorkspace.Load((file, "# nothing here yet\n"));

        Assert.Contains($"{file}:1:1", DevWorkspace.Errors(loaded), StringComparison.Ordinal);
        Assert.Contains("empty or holds only comments", DevWorkspace.Errors(loaded), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyLists_meanNone()
    {
        var loaded = DevWorkspace.Load(("permissions.yaml", "permissions: []\n"), ("roles.yaml", "roles: []\n")).EnsureValid();

        Assert.Empty(loaded.Desired.Of(ResourceType.Permission)!);
        Assert.Empty(loaded.Desired.Of(ResourceType.Role)!);
        Assert.Null(loaded.Desired.Of(ResourceType.PasswordPolicy));
    }

    [Fact]
    public void Roles_identityIsTenantAndName_permissionsAreASet()
    {
        var loaded = DevWorkspace.Load(("roles.yaml", "roles:\n  - name: Editor\n    permissions: [b, a]\n  - name: Editor\n    tenant: acme\n    default: true\n")).EnsureValid();

        var roles = loaded.Desired.Of(ResourceType.Role)!;
        Assert.Equal(["Editor", "acme/Editor"], roles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("[\"a\",\"b\"]", roles["Editor"].Document["permissions"]!.ToJsonString());
    }

    [Theory]
    [InlineData("roles:\n  - name: Editor\n  - name: Editor\n", "roles.yaml:3:5: error: duplicate role 'Editor' (first at line 2)")]
    [InlineData("roles:\n  - description: no name\n", "roles.yaml:2:5: error: role has no name")]
    [InlineData("roles:\n  - name: Editor\n    default: yes\n", "roles.yaml:3:14: error: default must be true or false, not 'yes'")]
    [InlineData("roles:\n  - name: Editor\n    permissions: read\n", "roles.yaml:3:18: error: permissions must be a list of text values")]
    [InlineData("roles:\n  - name: Editor\n    permision: [a]\n", "roles.yaml:3:5: error: unknown field 'permision' for a role")]
    [InlineData("roles:\n  - Editor\n", "roles.yaml:2:5: error: each role must be a mapping")]
    [InlineData("roles: Editor\n", "'roles' must be a list of roles")]
    public void Roles_wrongShapesAndTypes_areErrorsAtTheirLine(string text, string expected)
    {
        Assert.Contains(expected, DevWorkspace.Errors(DevWorkspace.Load(("roles.yaml", text))), StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_grantingAPermissionNotInPermissionsYaml_orOfATenantNotInTenantsYaml_areErrors_builtInsAreKnown()
    {
        var loaded = DevWorkspace.Load(
            ("permissions.yaml", "permissions:\n  - name: projects.read\n"),
            ("tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n"),
            ("roles.yaml", "roles:\n  - name: Editor\n    permissions: [projects.read, projects.write, User Admin]\n  - name: Billing\n    tenant: globex\n"));

        var errors = DevWorkspace.Errors(loaded);
        Assert.Contains("roles.yaml:2: error: role 'Editor' grants permission 'projects.write', which is not in permissions.yaml", errors, StringComparison.Ordinal);
        Assert.Contains("roles.yaml:4: error: role 'Billing' of tenant 'globex' belongs to tenant 'globex', which is not in tenants.yaml", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("User Admin", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("project:\n  minLength: 2\n", "project: minLength must be between 4 and 64 (got 2)")]
    [InlineData("project:\n  minLength: ten\n", "password.yaml:2:14: error: minLength must be a whole number, not 'ten'")]
    [InlineData("project:\n  minLenght: 10\n", "unknown field 'minLenght' for a password policy")]
    [InlineData("project: strict\n", "project must be a mapping of policy fields")]
    [InlineData("tenants: [acme]\n", "'tenants' must map each tenant ID to its policy fields")]
    [InlineData("policy:\n  minLength: 10\n", "unknown key 'policy'")]
    [InlineData("project:\n  minLength: 10\n  lock: true\n", "lockAttempts must be between 2 and 10 while lock is on (got 0)")]
    public void Password_wrongShapesTypesAndBounds_areErrors(string text, string expected)
    {
        Assert.Contains(expected, DevWorkspace.Errors(DevWorkspace.Load(("password.yaml", text))), StringComparison.Ordinal);
    }

    [Fact]
    public void Password_tenantPolicyOfATenantNotInTenantsYaml_isAnError_andFieldsLeftOutAreZero()
    {
        var loaded = DevWorkspace.Load(("tenants.yaml", "tenants:\n  - id: acme\n    name: Acme\n"), ("password.yaml", "project:\n  minLength: 10\ntenants:\n  acme:\n    minLength: 12\n  globex:\n    minLength: 12\n"));

        Assert.Contains("tenants.globex: tenant 'globex' is not in tenants.yaml", DevWorkspace.Errors(loaded), StringComparison.Ordinal);
        var acme = loaded.Desired.Of(ResourceType.PasswordPolicy)!["tenants/acme"].Document;
        Assert.Equal(12, acme["minLength"]!.GetValue<int>());
        Assert.False(acme["lock"]!.GetValue<bool>());
    }
}
