using System.Text.Json.Nodes;
using DescopeMgmt.Api.Tenants;
using DescopeMgmt.Api.Users;
using DescopeMgmt.Core.Kinds;
using DescopeMgmt.Core.Kinds.Users;
using DescopeMgmt.Core.Model;
using Xunit;

namespace DescopeMgmt.Core.Tests.Kinds;

public sealed class UserKindTests
{
    [Fact]
    public void Registry_userKind_isBackedButNeverAWorkspaceKind()
    {
        Assert.DoesNotContain(ResourceKinds.User, ResourceKinds.All);
        Assert.Contains(ResourceKinds.User, ResourceKinds.Backed);
        Assert.Equal(ResourceKinds.All.Count + 1, ResourceKinds.Backed.Count);
        Assert.Same(ResourceKinds.User, ResourceKinds.Find("users"));
        Assert.Same(ResourceKinds.User, ResourceKinds.Of(ResourceType.User));
        Assert.Equal("users/alice@acme.com.json", ResourceKinds.User.BackupPath("alice@acme.com"));
        // Users go last: they hold roles of the project and of tenants, which must exist first.
        Assert.Same(ResourceKinds.User, ResourceKinds.Backed[^1]);
    }

    [Fact]
    public void ToDocument_thenToWrite_sendsTheWholeUser_underALoginId_evenWhenNamedByUserId()
    {
        var user = new User
        {
            UserId = "U1",
            LoginIds = ["alice@acme.com", "alice"],
            Name = "Alice",
            Email = "alice@acme.com",
            RoleNames = ["Editor"],
            UserTenants = [new TenantMembership { TenantId = "acme", TenantName = "Acme", RoleNames = ["Billing"] }],
            Status = "disabled",
            CreatedTime = 1_700_000_000,
        };

        var document = UserDocuments.ToDocument(user);
        var byLoginId = UserDocuments.ToWrite("alice", document);
        var byUserId = UserDocuments.ToWrite("U1", document);

        Assert.Equal("alice", byLoginId.LoginId);
        Assert.Equal(["alice@acme.com"], byLoginId.AdditionalLoginIds!);
        Assert.Equal("alice@acme.com", byUserId.LoginId);
        Assert.Equal(["alice"], byUserId.AdditionalLoginIds!);
        Assert.Equal("Alice", byUserId.DisplayName);
        Assert.Equal(["Editor"], byUserId.RoleNames!);
        Assert.Equal("Billing", Assert.Single(Assert.Single(byUserId.UserTenants!).RoleNames));
        Assert.Equal("disabled", UserDocuments.Status(document));
        // The tenant's display name is the service's, never written back.
        Assert.Null(document["userTenants"]![0]!["tenantName"]);
    }

    [Fact]
    public void Diff_ignoresTheServicesIdAndCreationTime()
    {
        var before = UserDocuments.ToDocument(new User { UserId = "U1", LoginIds = ["a"], CreatedTime = 1 });
        var after = UserDocuments.ToDocument(new User { UserId = "U2", LoginIds = ["a"], CreatedTime = 2 });

        Assert.Empty(DescopeMgmt.Core.Planning.JsonDiff.Compare(before, after, ResourceKinds.User.Diff));
        after["name"] = "Changed";
        Assert.Single(DescopeMgmt.Core.Planning.JsonDiff.Compare(before, after, ResourceKinds.User.Diff));
    }
}
