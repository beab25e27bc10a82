using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>${NAME}: the environment's vars, then only DESCOPE_VAR_NAME; management key values refused without being printed.</summary>
public sealed class TemplateValuesTests
{
    private const string DevKey = "K2DevKeyValueThatMustNeverBePrinted01";

    private static Func<string, string?> Process(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static LoadedWorkspace Load(string redirect, Func<string, string?> process, string descopeYaml = WorkspaceBuilder.TwoEnvironments)
    {
        var ws = new WorkspaceBuilder().File("descope.yaml", descopeYaml).File("flows/sign-in.json", WorkspaceBuilder.Flow("sign-in", redirect: redirect));
        return WorkspaceLoader.Load(ws.Root, "dev", process);
    }

    private static string Redirect(LoadedWorkspace ws) =>
        ws.Flows["sign-in"].Document["contents"]!["tasks"]!["1"]!["arguments"]!["redirectUrl"]!["value"]!.GetValue<string>();

    [Fact]
    public void Load_processVariableWithThePrefix_fillsThePlaceholder()
    {
        var loaded = Load("${CALLBACK_HOST}/cb", Process(("DESCOPE_VAR_CALLBACK_HOST", "https://cb.test"))).EnsureValid();

        Assert.Equal("https://cb.test/cb", Redirect(loaded));
    }

    [Fact]
    public void Load_processVariableWithoutThePrefix_isNotReachable_andTheHintNamesBothSources()
    {
        var loaded = Load("${HOME}/cb", Process(("HOME", "/root"), ("DEV_KEY", DevKey)));

        var error = Assert.Single(loaded.Problems);
        Assert.Equal("flows/sign-in.json", error.File);
        Assert.NotNull(error.Line);
        Assert.Contains("${HOME} is not defined", error.Message, StringComparison.Ordinal);
        Assert.Contains("DESCOPE_VAR_HOME", error.Message, StringComparison.Ordinal);
        Assert.Contains("vars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_managementKeyVariableItself_isNotReachable()
    {
        var loaded = Load("${DEV_KEY}", Process(("DEV_KEY", DevKey)));

        Assert.Contains("${DEV_KEY} is not defined", Assert.Single(loaded.Problems).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey, string.Join('\n', loaded.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DESCOPE_VAR_LEAK", "PROD_KEY")]
    [InlineData("DESCOPE_VAR_LEAK", "DESCOPE_MANAGEMENT_KEY")]
    public void Load_prefixedVariableHoldingAManagementKey_isRefused_withoutPrintingIt(string variable, string keyVariable)
    {
        var loaded = Load("${LEAK}", Process((variable, DevKey), (keyVariable, DevKey)));

        var error = Assert.Single(loaded.Problems);
        Assert.Equal("flows/sign-in.json", error.File);
        Assert.NotNull(error.Line);
        Assert.Contains($"holds the value of the management key in {keyVariable}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_varInDescopeYamlEqualToAManagementKey_isRefused()
    {
        var yaml = WorkspaceBuilder.TwoEnvironments.Replace("vars: { APP_URL: https://dev.example.com }", $"vars: {{ APP_URL: {DevKey} }}", StringComparison.Ordinal);

        var loaded = Load("${APP_URL}", Process(("DEV_KEY", DevKey)), yaml);

        var error = Assert.Single(loaded.Problems);
        Assert.Contains("vars of environment 'dev'", error.Message, StringComparison.Ordinal);
        Assert.Contains("management key in DEV_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_tenantsYamlPlaceholderHoldingAKey_isRefusedAtItsLine()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments)
            .File("tenants.yaml", "tenants:\n  - id: acme\n    name: ${TENANT_NAME}\n");

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", Process(("DESCOPE_VAR_TENANT_NAME", DevKey), ("DESCOPE_MANAGEMENT_KEY", DevKey)));

        var error = Assert.Single(loaded.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("tenants.yaml", 3), (error.File, error.Line!.Value));
        Assert.DoesNotContain(DevKey, string.Join('\n', loaded.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_valueContainingAManagementKey_isRefused()
    {
        var loaded = Load("${AUTH}", Process(("DESCOPE_VAR_AUTH", $"Bearer P2dev:{DevKey}"), ("DEV_KEY", DevKey)));

        var error = Assert.Single(loaded.Problems);
        Assert.Contains("management key in DEV_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_twoHarmlessPlaceholdersSpellingTheKeyTogether_areRefused_withoutPrintingIt()
    {
        var loaded = Load("${A}${B}", Process(("DEV_KEY", DevKey), ("DESCOPE_VAR_A", DevKey[..10]), ("DESCOPE_VAR_B", DevKey[10..])));

        var problem = Assert.Single(loaded.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Contains("management key in DEV_KEY", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DevKey, string.Join('\n', loaded.Problems), StringComparison.Ordinal);
    }
}
