using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Api.Password;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.PasswordPolicies;
using DescopeMgmt.Core.Planning;
using DescopeMgmt.Emulator;
using Xunit;

namespace DescopeMgmt.Core.Tests.Kinds;

/// <summary>The password policy kind: its IDs, its bounds, its documents, and its live side against the emulator.</summary>
public sealed class PasswordPolicyKindTests
{
    private const string ProjectId = "P2PasswordKindTest";
    private const string Key = "K2PasswordKindTestKey";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PasswordPolicyKind Kind => ResourceKinds.PasswordPolicy;

    private static JsonObject Valid() => new()
    {
        ["enabled"] = true, ["minLength"] = 12, ["lock"] = true, ["lockAttempts"] = 5, ["expiration"] = false, ["expirationWeeks"] = 0,
    };

    [Fact]
    public void Id_and_TenantOf_roundTrip_forTheProjectAndForATenant()
    {
        Assert.Equal("project", PasswordPolicyKind.Id(null));
        Assert.Equal("project", PasswordPolicyKind.Id(""));
        Assert.Equal("tenants/acme", PasswordPolicyKind.Id("acme"));
        Assert.Null(PasswordPolicyKind.TenantOf("project"));
        Assert.Equal("acme", PasswordPolicyKind.TenantOf(PasswordPolicyKind.Id("acme")));
        Assert.Same(Kind, ResourceKinds.Find("passwordPolicy"));
    }

    [Theory]
    [InlineData("tenants/")]
    [InlineData("acme")]
    [InlineData("Project")]
    public void TenantOf_anIdOfNeitherShape_isAUserError(string id) =>
        Assert.Equal("invalid_password_policy_id", Assert.Throws<UserError>(() => PasswordPolicyKind.TenantOf(id)).Code);

    [Fact]
    public void Problems_aPolicyWithinItsBounds_hasNone() => Assert.Empty(PasswordPolicyKind.Problems(Valid()));

    [Fact]
    public void Problems_nameEachBrokenBound()
    {
        var policy = Valid();
        policy["minLength"] = 3;
        policy["lockAttempts"] = 11;
        policy["reuseAmount"] = -1;

        Assert.Equal(
            ["minLength must be between 4 and 64 (got 3)", "reuseAmount must be between 1 and 50 (got -1)", "lockAttempts must be between 2 and 10 (got 11)"],
            PasswordPolicyKind.Problems(policy));
    }

    [Fact]
    public void Problems_aCountOfZero_isFineWhileItsSwitchIsOff_butNotWhileItIsOn()
    {
        var off = Valid();
        off["lock"] = false;
        off["lockAttempts"] = 0;
        var on = Valid();
        on["lockAttempts"] = 0;

        Assert.Empty(PasswordPolicyKind.Problems(off));
        Assert.Equal(["lockAttempts must be between 2 and 10 while lock is on (got 0)"], PasswordPolicyKind.Problems(on));
    }

    [Fact]
    public void Problems_anAbsentMinLength_isAProblem_sinceTheWholePolicyIsWritten()
    {
        var policy = Valid();
        policy.Remove("minLength");

        Assert.Equal(["minLength must be between 4 and 64 (got 0)"], PasswordPolicyKind.Problems(policy));
    }

    [Fact]
    public void Problems_leaveValuesOfTheWrongTypeToTheTypeCheck()
    {
        var policy = Valid();
        policy["minLength"] = "twelve";

        Assert.Empty(PasswordPolicyKind.Problems(policy));
        Assert.Equal(PasswordPolicyValueKind.WholeNumber, PasswordPolicyKind.FieldTypes["minLength"]);
        Assert.Equal(PasswordPolicyValueKind.Bool, PasswordPolicyKind.FieldTypes["nonAlphanumeric"]);
    }

    [Fact]
    public void Complete_fillsAbsentFieldsWithZero_keepsUnknownOnes_andDropsTheTenant()
    {
        var partial = new JsonObject { ["minLength"] = 12, ["maskError"] = true, ["tenantId"] = "acme" };

        var complete = PasswordPolicyDocuments.Complete(partial, "tenants/acme");

        Assert.Equal(PasswordPolicyKind.Fields.Select(f => f.Name).Append("maskError"), complete.Select(p => p.Key));
        Assert.Equal(12, complete["minLength"]!.GetValue<int>());
        Assert.False(complete["lock"]!.GetValue<bool>());
        Assert.Equal(0, complete["lockAttempts"]!.GetValue<int>());
        Assert.True(complete["maskError"]!.GetValue<bool>());
    }

    [Fact]
    public void FromDocument_aFieldOfTheWrongType_isAUserErrorNamingThePolicy()
    {
        var error = Assert.Throws<UserError>(() => PasswordPolicyDocuments.FromDocument(new JsonObject { ["minLength"] = "long" }, "tenants/acme"));

        Assert.Equal("invalid_password_policy", error.Code);
        Assert.Contains("'tenants/acme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_aFileLeavingOutFalseAndZeroFields_matchesTheLivePolicy_onceCompleted()
    {
        var live = PasswordPolicyDocuments.ToDocument(new PasswordSettings { Enabled = true, MinLength = 12 });
        var file = PasswordPolicyDocuments.Complete(new JsonObject { ["enabled"] = true, ["minLength"] = 12 }, "project");

        Assert.Empty(JsonDiff.Compare(live, file, Kind.Diff));
    }

    [Fact]
    public async Task GetAsync_unknownTenant_isAbsent_butAKnownTenantsPolicyIsRead()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key }, Ct);
        using var client = Client(host);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        await client.Password.UpdateSettingsAsync("acme", new PasswordSettings { Enabled = true, MinLength = 20 }, Ct);

        Assert.Null(await Kind.GetAsync(client, PasswordPolicyKind.Id("nope"), Ct));
        Assert.Equal(20, (await Kind.GetAsync(client, PasswordPolicyKind.Id("acme"), Ct))!["minLength"]!.GetValue<int>());
        Assert.NotEqual(20, (await Kind.GetAsync(client, PasswordPolicyKind.Id(null), Ct))!["minLength"]!.GetValue<int>());
    }

    [Fact]
    public async Task PutAsync_writesTheWholePolicyToItsTenant_includingFieldsThisToolDoesNotKnow()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ManagementKey = Key }, Ct);
        using var client = Client(host);
        await client.Tenants.CreateAsync(new TenantWrite { Id = "acme", Name = "Acme" }, Ct);
        var desired = PasswordPolicyDocuments.Complete(new JsonObject { ["enabled"] = true, ["minLength"] = 9, ["maskError"] = true }, "tenants/acme");
        host.Requests.Clear();

        await Kind.PutAsync(client, PasswordPolicyKind.Id("acme"), desired, exists: true, Ct);

        var body = JsonNode.Parse(Assert.Single(host.Requests.Snapshot(), r => r.Method == "POST").Body)!.AsObject();
        Assert.Equal("acme", body["tenantId"]!.GetValue<string>());
        Assert.True(body["maskError"]!.GetValue<bool>());
        Assert.Equal(0, body["reuseAmount"]!.GetValue<int>());
        var back = (await Kind.GetAsync(client, PasswordPolicyKind.Id("acme"), Ct))!;
        back["maskError"] = true; // the emulator keeps only the fields it knows
        Assert.Empty(JsonDiff.Compare(back, desired, Kind.Diff));
    }

    private static DescopeClient Client(EmulatorHost host) => new(new DescopeClientOptions { ProjectId = ProjectId, ManagementKey = Key, BaseUrl = host.BaseUrl });
}
