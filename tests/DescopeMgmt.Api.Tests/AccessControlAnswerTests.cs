namespace DescopeMgmt.Api.Tests;

/// <summary>
/// Role, permission and password-policy answers as the live service may send them: both spellings the reference
/// names are read, and an answer that cannot name each item exactly once is refused, never read as fewer items.
/// </summary>
public sealed class AccessControlAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RoleLoadAll_permissionsNamesSpelling_isReadAsPermissionNames()
    {
        await using var server = ScriptedHttpServer.Answering(200, """{"roles":[{"name":"R","permissionsNames":["a","b"]},{"name":"S"}]}""");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var roles = await client.Roles.LoadAllAsync(Ct);

        Assert.Equal(["a", "b"], roles[0].PermissionNames);
        Assert.Empty(roles[1].PermissionNames);
    }

    [Fact]
    public async Task PasswordGetSettings_nodeSpellingNonAlphaNumeric_isRead_andUnknownFieldsAreWrittenBack()
    {
        await using var server = ScriptedHttpServer.Answering(200, """{"minLength":9,"nonAlphaNumeric":true,"anyLetter":true}""");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var policy = await client.Password.GetSettingsAsync(null, Ct);
        await client.Password.UpdateSettingsAsync("t1", policy, Ct);

        Assert.True(policy.NonAlphanumeric);
        Assert.Equal(9, policy.MinLength);
        var written = server.Requests[^1].Body;
        Assert.Contains("\"nonAlphanumeric\":true", written, StringComparison.Ordinal);
        Assert.Contains("\"anyLetter\":true", written, StringComparison.Ordinal);
        Assert.Contains("\"tenantId\":\"t1\"", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"permissions":null}""")]
    [InlineData("""{"permissions":[null]}""")]
    [InlineData("""{"permissions":[{"description":"no name"}]}""")]
    [InlineData("""{"permissions":[{"name":"a"},{"name":"a"}]}""")]
    [InlineData("""{"permissions":[{"name":"a\u001b[2J"}]}""")]
    public async Task PermissionLoadAll_answerNotAPermissionList_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Permissions.LoadAllAsync(Ct));

        Assert.True(error.IsMalformedAnswer, error.Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"roles":[null]}""")]
    [InlineData("""{"roles":[{"tenantId":"t"}]}""")]
    [InlineData("""{"roles":[{"name":"R","tenantId":"t"},{"name":"R","tenantId":"t"}]}""")]
    [InlineData("""{"roles":[{"name":"R","tenantId":"../x"}]}""")]
    [InlineData("""{"roles":[{"name":"R","permissionNames":[""]}]}""")]
    public async Task RoleLoadAll_answerNotARoleList_isMalformedNotEmpty(string body)
    {
        await using var server = ScriptedHttpServer.Answering(200, body);
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Roles.LoadAllAsync(Ct));

        Assert.True(error.IsMalformedAnswer, error.Message);
    }

    [Fact]
    public async Task RoleLoadAll_sameNameInProjectAndTenant_isTwoRoles()
    {
        await using var server = ScriptedHttpServer.Answering(200, """{"roles":[{"name":"R"},{"name":"R","tenantId":"t"}]}""");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        Assert.Equal(2, (await client.Roles.LoadAllAsync(Ct)).Count);
    }

    [Fact]
    public async Task PasswordGetSettings_negativeCount_isMalformed()
    {
        await using var server = ScriptedHttpServer.Answering(200, """{"minLength":-1}""");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        var error = await Assert.ThrowsAsync<DescopeApiException>(() => client.Password.GetSettingsAsync(null, Ct));

        Assert.True(error.IsMalformedAnswer, error.Message);
    }

    [Fact]
    public async Task DeleteBatch_withAnEmptyName_isRefusedBeforeSending()
    {
        await using var server = ScriptedHttpServer.Answering(200, "{}");
        using var client = MalformedAnswerTests.ClientFor(server.BaseUrl);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Roles.DeleteBatchAsync(["R", ""], null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Permissions.DeleteBatchAsync([""], Ct));

        Assert.Empty(server.Requests);
    }
}
