using DescopeMgmt.Core.Model;
using System.Diagnostics;
using System.Text;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>Malformed workspace input is an error with its file and line, never read as "no items", and never a crash.</summary>
public sealed class WorkspaceStrictnessTests
{
    private static string? NoEnv(string name) => null;

    private static LoadedWorkspace LoadWith(string relative, string text) =>
        WorkspaceLoader.Load(new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments).File(relative, text).Root, "dev", NoEnv);

    private static WorkspaceProblem SingleError(LoadedWorkspace loaded) =>
        Assert.Single(loaded.Problems, p => p.Severity == ProblemSeverity.Error);

    [Theory]
    [InlineData("null", "holds null")]
    [InlineData("[1,2]", "holds a list")]
    [InlineData("42", "holds a number")]
    [InlineData("\"x\"", "holds a text")]
    [InlineData("", "invalid JSON")]
    public void Load_flowFileThatIsNotAnObject_isAnError_notAnAbsentFlow(string text, string message)
    {
        var loaded = LoadWith("flows/sign-in.json", text);

        var error = SingleError(loaded);
        Assert.Equal("flows/sign-in.json", error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(loaded.HasErrors);
    }

    [Fact]
    public void Load_flowsIsAFile_isAnError()
    {
        var loaded = LoadWith("flows", "not a folder");

        Assert.Contains("flows/ must be a folder", SingleError(loaded).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# all tenants were here\n")]
    [InlineData("tenants:\n")]
    [InlineData("tenants:\n#  - id: acme\n#    name: Acme\n")]
    public void Load_tenantsYamlEmptyOrOnlyComments_isAnError_soApplyCannotDeleteEveryTenant(string text)
    {
        var error = SingleError(LoadWith("tenants.yaml", text));

        Assert.Equal("tenants.yaml", error.File);
        Assert.NotNull(error.Line);
        Assert.Contains("tenants: []", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_tenantsEmptyList_meansNone()
    {
        var loaded = LoadWith("tenants.yaml", "tenants: []\n").EnsureValid();

        Assert.NotNull(loaded.Desired.Of(ResourceType.Tenant));
        Assert.Empty(loaded.Desired.Of(ResourceType.Tenant)!);
    }

    [Theory]
    [InlineData("tenants: { acme: Acme }", 1, "must be a list")]
    [InlineData("tenants: acme", 1, "must be a list")]
    [InlineData("- id: acme\n  name: Acme\n", 1, "expected only 'tenants:'")]
    [InlineData("tenant:\n  - id: acme\n    name: Acme\n", 1, "expected only 'tenants:'")]
    [InlineData("tenants:\n  -\n  - id: acme\n    name: Acme\n", 2, "each tenant must be a mapping")]
    [InlineData("tenants:\n  - acme\n", 2, "each tenant must be a mapping")]
    [InlineData("tenants:\n  - id: acme\n    name: Acme\n    id: other\n", 4, "invalid YAML")]
    public void Load_tenantsOfTheWrongShape_isAnErrorAtItsLine(string text, int line, string message)
    {
        var error = SingleError(LoadWith("tenants.yaml", text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enforceSSO: ture", "enforceSSO must be true or false, not 'ture'")]
    [InlineData("enforceSSO: 3", "enforceSSO must be true or false, not '3'")]
    [InlineData("disabled: [true]", "disabled must be true or false, not a list")]
    [InlineData("parent: [acme]", "parent must be a text value, not a list")]
    [InlineData("authType: { saml: true }", "authType must be a text value, not a mapping")]
    [InlineData("selfProvisioningDomains: acme.com", "selfProvisioningDomains must be a list of text values")]
    [InlineData("selfProvisioningDomains: [acme.com, [x]]", "a list holding lists or mappings")]
    [InlineData("customAttributes: [1, 2]", "customAttributes must be a mapping")]
    public void Load_tenantFieldOfTheWrongType_isAnErrorWithFileAndLine(string field, string message)
    {
        var error = SingleError(LoadWith("tenants.yaml", $"tenants:\n  - id: acme\n    name: Acme\n    {field}\n"));

        Assert.Equal("tenants.yaml", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    public void Load_booleans_followOneRule_inTenantsYamlAsInDescopeYaml(string spelling, bool expected)
    {
        using var ws = new WorkspaceBuilder()
            .File("descope.yaml", WorkspaceBuilder.TwoEnvironments.Replace("deleteMissing: false", $"deleteMissing: {spelling}", StringComparison.Ordinal))
            .File("tenants.yaml", $"tenants:\n  - id: acme\n    name: {spelling}\n    enforceSSO: {spelling}\n");

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).EnsureValid();

        var tenant = Assert.Single(loaded.Desired.Of(ResourceType.Tenant)!.Values).Document;
        Assert.Equal(expected, loaded.Config.Manage.DeleteMissing);
        Assert.Equal(expected, tenant["enforceSSO"]!.GetValue<bool>());
        Assert.Equal(spelling, tenant["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tenants:\n  - id: acme\n    name: Acme\n    enforceSso: true\n", "unknown field 'enforceSso'")]
    [InlineData("tenants:\n  - id: acme\n    name: Acme\n    customAttributes:\n      ? [a]\n      : 1\n", "a key must be a plain text")]
    [InlineData("tenants:\n  - id: acme\n    name: Acme\n    customAttributes:\n      ? {a: 1}\n      : 1\n      ? {b: 2}\n      : 2\n", "a key must be a plain text")]
    public void Load_tenantFieldTheApiCannotTake_isAnError_neverAWarningOrACrash(string text, string message)
    {
        var error = SingleError(LoadWith("tenants.yaml", text));

        Assert.Equal("tenants.yaml", error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("'true'")]
    public void Load_yaml11BooleansAndQuotedTrue_areErrors_inTenantsYamlAsInDescopeYaml(string spelling)
    {
        using var ws = new WorkspaceBuilder()
            .File("descope.yaml", WorkspaceBuilder.TwoEnvironments.Replace("deleteMissing: false", $"deleteMissing: {spelling}", StringComparison.Ordinal))
            .File("tenants.yaml", $"tenants:\n  - id: acme\n    name: Acme\n    enforceSSO: {spelling}\n");

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv);

        Assert.Contains(loaded.Problems, p => p.Severity == ProblemSeverity.Error && p.File == "descope.yaml" && p.Message.Contains("deleteMissing", StringComparison.Ordinal));
        Assert.Contains(loaded.Problems, p => p.Severity == ProblemSeverity.Error && p.File == "tenants.yaml" && p.Line == 4);
    }

    [Theory]
    [InlineData("tenants:\n  - &t { id: acme, name: Acme }\n  - *t\n", "anchor '&t'")]
    [InlineData("tenants: &loop [*loop]\n", "anchor '&loop'")]
    [InlineData("tenants:\n  - id: acme\n    name: Acme\n    customAttributes: *nothing\n", "alias '*nothing'")]
    public void Load_yamlAnchorsAndAliases_areRefused(string text, string message)
    {
        var error = SingleError(LoadWith("tenants.yaml", text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Load_billionLaughs_isRefusedAtTheFirstAnchor()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        var error = SingleError(LoadWith("tenants.yaml", text.ToString()));

        Assert.Equal(1, error.Line);
        Assert.Contains("anchor '&a0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_descopeYamlAlias_isRefused()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments
            .Replace("vars: { APP_URL: https://dev.example.com }", "vars: &v { APP_URL: https://dev.example.com }", StringComparison.Ordinal)
            .Replace("vars: { APP_URL: https://example.com }", "vars: *v", StringComparison.Ordinal));

        var error = SingleError(WorkspaceLoader.Load(ws.Root, null, NoEnv));

        Assert.Equal("descope.yaml", error.File);
        Assert.Contains("anchor '&v'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_tenThousandDeepCustomAttributes_isAnErrorAtItsLine()
    {
        var deep = string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000);

        var error = SingleError(LoadWith("tenants.yaml", $"tenants:\n  - id: acme\n    name: Acme\n    customAttributes: {deep}\n"));

        Assert.Equal(4, error.Line);
        Assert.Contains($"deeper than {WorkspaceFiles.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_tenThousandDeepFlowJson_isAnError()
    {
        var deep = "{\"flowId\": \"sign-in\", \"x\": " + string.Concat(Enumerable.Repeat("[", 10_000)) + new string(']', 10_000) + "}";

        var error = SingleError(LoadWith("flows/sign-in.json", deep));

        Assert.Equal(1, error.Line);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_descopeYamlWithAnUnclosedBrace_isAProblemWithItsLine_notACrash()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", "version: 1\nenvironments: {\n  dev: { projectId: P1\n");

        var error = SingleError(WorkspaceLoader.Load(ws.Root, null, NoEnv));

        Assert.Equal("descope.yaml", error.File);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("descope.yaml")]
    [InlineData("tenants.yaml")]
    [InlineData("flows/sign-in.json")]
    [InlineData("theme.json")]
    public void Load_invalidUtf8_isAnErrorWithTheByteOffset_neverReplaced(string relative)
    {
        var valid = relative switch
        {
            "descope.yaml" => WorkspaceBuilder.TwoEnvironments,
            "tenants.yaml" => "tenants:\n  - id: acme\n    name: Acme\n",
            "theme.json" => "{\n  \"styles\": { \"light\": {} }\n}",
            _ => WorkspaceBuilder.Flow("sign-in"),
        };
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        var offset = valid.IndexOf('\n', StringComparison.Ordinal) + 1;
        bytes.InsertRange(offset, [0xC3, 0x28]);
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments).Bytes(relative, [.. bytes]);

        var error = SingleError(WorkspaceLoader.Load(ws.Root, relative == "descope.yaml" ? null : "dev", NoEnv));

        Assert.Equal(relative, error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains($"invalid UTF-8 at byte offset {offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_tenantsYamlLinkedToDevZero_isAnError_withoutReadingForever()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links to devices are a Unix case");
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        File.CreateSymbolicLink(Path.Combine(ws.Root, "tenants.yaml"), "/dev/zero");

        var error = SingleError(WorkspaceLoader.Load(ws.Root, "dev", NoEnv));

        Assert.Equal("tenants.yaml", error.File);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_flowFileThatIsAFifo_isAnError_withoutWaitingForAWriter()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix case");
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        Directory.CreateDirectory(Path.Combine(ws.Root, "flows"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(ws.Root, "flows", "sign-in.json")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = SingleError(WorkspaceLoader.Load(ws.Root, "dev", NoEnv));

        Assert.Equal("flows/sign-in.json", error.File);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_fileOverTheSizeLimit_isAnError_withoutReadingIt()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments);
        Directory.CreateDirectory(Path.Combine(ws.Root, "flows"));
        using (var sparse = File.Create(Path.Combine(ws.Root, "flows", "huge.json")))
        {
            sparse.SetLength(WorkspaceFiles.MaxBytes + 1);
        }

        var error = SingleError(WorkspaceLoader.Load(ws.Root, "dev", NoEnv));

        Assert.Equal("flows/huge.json", error.File);
        Assert.Contains("limited to 64 MB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateFlowFiles_devZero_isAnError()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "/dev/zero is a Unix device");

        var error = Assert.Single(WorkspaceLoader.ValidateFlowFiles(["/dev/zero"], null, null, NoEnv));

        Assert.Equal("/dev/zero", error.File);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlowFileReader_devZero_isAUserError()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "/dev/zero is a Unix device");

        var error = Assert.Throws<UserError>(() => DescopeMgmt.Core.Flows.FlowFileReader.Read("/dev/zero", null));

        Assert.Contains("/dev/zero: is not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "not null")]
    [InlineData("[1]", "not a list")]
    [InlineData("{\"id\": \"theme\", \"cssTemplate\": {}}", "v1 theme")]
    [InlineData("{\"styles\": 3}", "styles: must be an object of modes")]
    public void Load_themeOfTheWrongShape_isAnError(string text, string message)
    {
        var loaded = LoadWith("theme.json", text);

        var error = SingleError(loaded);
        Assert.Equal("theme.json", error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(loaded.Theme);
    }
}
