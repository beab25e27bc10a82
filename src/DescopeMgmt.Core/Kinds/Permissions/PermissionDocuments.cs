using System.Text.Json.Nodes;
using DescopeMgmt.Api.Permissions;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds.Permissions;

/// <summary>
/// Permissions travel through Core as <c>{name, description}</c> documents, the fields of permissions.yaml, so the
/// workspace, backups and the differ see the same shape; a built-in also carries the read-only
/// <see cref="ResourceKind.BuiltInField"/> marker. The service's ID and <c>systemDefault</c> stay at the API boundary.
/// </summary>
public static class PermissionDocuments
{
    public static JsonObject ToDocument(Permission permission)
    {
        var document = new JsonObject
        {
            ["name"] = permission.Name,
            ["description"] = permission.Description ?? "",
        };
        if (permission.SystemDefault)
        {
            document[ResourceKind.BuiltInField] = true;
        }

        return document;
    }

    /// <summary>The write that makes the permission named <paramref name="name"/> equal to <paramref name="document"/> (its name is its identity).</summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static PermissionWrite ToWrite(string name, JsonObject document)
    {
        var key = new ResourceKey(ResourceType.Permission, name);
        return new PermissionWrite { Name = name, Description = NullIfEmpty(DocumentFields.String(document, "description", key)) };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
