using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Workspace;

namespace DescopeMgmt.Core.Tests.Workspace;

public sealed class WorkspaceLoaderTests
{
    private static string? NoEnv(string name) => null;

    [Fact]
    public void Load_twoEnvironments_substituteEachEnvironmentsVars()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments).File("flows/sign-in.json", WorkspaceBuilder.Flow("sign-in"));

        var dev = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).EnsureValid();
        var prod = WorkspaceLoader.Load(ws.Root, "prod", NoEnv).EnsureValid();

        Assert.Equal("https://dev.example.com/done", Redirect(dev));
        Assert.Equal("https://example.com/done", Redirect(prod));
        Assert.True(prod.Environment!.IsProtected);
        Assert.Equal("PROD_KEY", prod.Environment.ManagementKeyVariable);
    }

    [Fact]
    public void Load_varMissingFromEnvironment_fallsBackToThePrefixedProcessVariable()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments)
            .File("flows/sign-in.json", WorkspaceBuilder.Flow("sign-in", redirect: "${CALLBACK_HOST}/cb"));

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", name => name == "DESCOPE_VAR_CALLBACK_HOST" ? "https://cb.test" : null).EnsureValid();

        Assert.Equal("https://cb.test/cb", Redirect(loaded));
    }

    [Fact]
    public void Load_undefinedVar_isAnErrorWithFileLineAndColumn()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments)
            .File("flows/sign-in.json", WorkspaceBuilder.Flow("sign-in", redirect: "${NOPE}/x"));

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv);

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("flows/sign-in.json", problem.File);
        Assert.Equal(7, problem.Line);
        Assert.Contains("${NOPE}", problem.Message, StringComparison.Ordinal);
        Assert.Throws<WorkspaceInvalidError>(() => loaded.EnsureValid());
    }

    [Fact]
    public void Load_dollarDollarBrace_isALiteral_andHandlebarsAreUntouched()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments)
            .File("flows/sign-in.json", WorkspaceBuilder.Flow("sign-in", redirect: "$${NOT_A_VAR}"));

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).EnsureValid();

        Assert.Equal("${NOT_A_VAR}", Redirect(loaded));
        Assert.Equal("Hi {{user.name}}", loaded.Flows["sign-in"].Document["screens"]![0]!["contents"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Load_literalKeyAndUnknownKeys_areErrorsWithLines()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", """
            version: 1
            environments:
              dev:
                projectId: P2dev
                managementKey: K2abcdefghijklmnopqrstuvwxyz
                colour: blue
            defaultEnvironment: dev
            extra: 1
            """);

        var problems = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).Problems;

        Assert.Contains(problems, p => p.Message.Contains("literal management key", StringComparison.Ordinal) && p.Line == 5);
        Assert.Contains(problems, p => p.Message.Contains("unknown key 'environments.dev.colour'", StringComparison.Ordinal) && p.Line == 6);
        Assert.Contains(problems, p => p.Message.Contains("unknown key 'extra'", StringComparison.Ordinal) && p.Line == 8);
    }

    [Fact]
    public void Load_manyBrokenFiles_reportsEveryProblemAtOnce()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments)
            .File("flows/a.json", WorkspaceBuilder.Flow("a", startTask: "9"))
            .File("flows/b.json", WorkspaceBuilder.Flow("other-id"))
            .File("flows/c.json", WorkspaceBuilder.Flow("c", screenId: "missing-screen"))
            .File("flows/d.json", """{"errorCode":"E103003","errorDescription":"Failed getting flow"}""")
            .File("flows/e.json", "{\n  \"flowId\": \"e\",\n  broken\n}")
            .File("flows/f.json", """{"flowId":"f","contents":{"startTask":"1","tasks":{"1":{"id":"1"}}},"screens":[{"screenId":"s","screenId":"s"}]}""")
            .File("tenants.yaml", """
                tenants:
                  - id: acme
                    name: Acme
                    selfProvisioningDomains: [acme.com]
                  - id: acme
                    name: Acme
                    selfProvisioningDomains: [acme.com, "not a domain"]
                """);

        var problems = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).Problems;

        Assert.Contains(problems, p => p.File == "flows/a.json" && p.Message.Contains("startTask '9'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "flows/b.json" && p.Message.Contains("does not match the file name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "flows/c.json" && p.Message.Contains("missing-screen", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "flows/d.json" && p.Message.Contains("API error response", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "flows/e.json" && p.Line == 3);
        Assert.Contains(problems, p => p.File == "flows/f.json" && p.Message.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "tenants.yaml" && p.Message.Contains("duplicate tenant id 'acme'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "tenants.yaml" && p.Message.Contains("duplicate tenant name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "tenants.yaml" && p.Message.Contains("claimed by two tenants", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "tenants.yaml" && p.Message.Contains("'not a domain' is not a valid domain", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_tenantsYaml_typesScalarsLikeJson()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments).File("tenants.yaml", """
            tenants:
              - id: acme
                name: Acme
                enforceSSO: true
                customAttributes: { seats: 25, code: "007", url: "${APP_URL}" }
            """);

        var tenant = Assert.Single(WorkspaceLoader.Load(ws.Root, "dev", NoEnv).EnsureValid().Desired.Of(ResourceType.Tenant)!.Values).Document;

        Assert.True(tenant["enforceSSO"]!.GetValue<bool>());
        Assert.Equal(25, tenant["customAttributes"]!["seats"]!.GetValue<long>());
        Assert.Equal("007", tenant["customAttributes"]!["code"]!.GetValue<string>());
        Assert.Equal("https://dev.example.com", tenant["customAttributes"]!["url"]!.GetValue<string>());
    }

    private static string Redirect(LoadedWorkspace ws) =>
        ws.Flows["sign-in"].Document["contents"]!["tasks"]!["1"]!["arguments"]!["redirectUrl"]!["value"]!.GetValue<string>();
    [Theory]
    [InlineData("protected: ture", "environments.prod.protected must be true or false")]
    [InlineData("protected: TRUE", null)]
    [InlineData("protected: on", "environments.prod.protected must be true or false")]
    [InlineData("protected: yes", "environments.prod.protected must be true or false")]
    [InlineData("protected: 'true'", "environments.prod.protected must be true or false")]
    public void Load_protectedFlag_acceptsYamlBooleans_andRejectsTypos(string line, string? error)
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments.Replace("protected: true", line, StringComparison.Ordinal));

        var loaded = WorkspaceLoader.Load(ws.Root, "prod", NoEnv);

        Assert.True(loaded.Environment!.IsProtected, "a typo must never leave an environment unprotected");
        if (error is null)
        {
            Assert.DoesNotContain(loaded.Problems, p => p.Severity == ProblemSeverity.Error);
        }
        else
        {
            Assert.Contains(loaded.Problems, p => p.Message == error && p.File == "descope.yaml" && p.Line > 0);
        }
    }

    [Theory]
    [InlineData("version: 1", "version: 2", "version '2' is not supported")]
    [InlineData("flows: all", "flows: none", "manage.flows is 'none'")]
    public void Load_unsupportedVersionOrFlowsScalar_isAnError(string search, string replacement, string error)
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments.Replace(search, replacement, StringComparison.Ordinal));

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv);

        Assert.Contains(loaded.Problems, p => p.Severity == ProblemSeverity.Error && p.Message.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_tenantsEmptyList_isAnEmptyList_asPullWritesForAProjectWithoutTenants()
    {
        using var ws = new WorkspaceBuilder().File("descope.yaml", WorkspaceBuilder.TwoEnvironments).File("tenants.yaml", "tenants: []\n");

        var loaded = WorkspaceLoader.Load(ws.Root, "dev", NoEnv).EnsureValid();

        Assert.NotNull(loaded.Desired.Of(ResourceType.Tenant));
        Assert.Empty(loaded.Desired.Of(ResourceType.Tenant)!);
    }
}
