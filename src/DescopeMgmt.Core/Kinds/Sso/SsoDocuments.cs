using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Api.Sso;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Kinds.Sso;

/// <summary>
/// SSO configurations travel through Core as documents with the fields of <c>sso/&lt;tenantId&gt;.yaml</c>:
/// <c>ssoId</c> (absent for the tenant's default configuration), <c>displayName</c>, <c>domains</c> (sorted) and one
/// of <c>saml</c> or <c>oidc</c>, each spelt as the v1 writes take them. This is the one place where the v2 read's
/// names (<c>idpSSOUrl</c>, <c>idpEntityId</c>, <c>idpCertificate</c>, <c>groupsMapping</c> with the role as
/// <c>{id, name}</c>) become the write's (<c>idpUrl</c>, <c>entityId</c>, <c>idpCert</c>, <c>roleMappings</c> of
/// <c>{groups, roleName}</c>), and back. The service-generated SP certificate stays at the API boundary, and no
/// document read from live holds the OIDC client secret: reads never return it.
/// </summary>
public static class SsoDocuments
{
    public static JsonObject ToDocument(SsoSettings settings)
    {
        var document = new JsonObject();
        if (!string.IsNullOrEmpty(settings.SsoId))
        {
            document["ssoId"] = settings.SsoId;
        }

        if (!string.IsNullOrEmpty(settings.DisplayName))
        {
            document["displayName"] = settings.DisplayName;
        }

        document["domains"] = Texts(settings.Domains.Order(StringComparer.Ordinal));
        switch (settings.Protocol)
        {
            case SsoProtocol.Saml:
                document["saml"] = Saml(settings.Saml!);
                break;
            case SsoProtocol.Oidc:
                document["oidc"] = Oidc(settings.Oidc!);
                break;
        }

        return document;
    }

    private static JsonObject Saml(SsoSamlSettings saml)
    {
        var write = saml.ToWrite();
        var document = new JsonObject();
        Set(document, "idpMetadataUrl", write.IdpMetadataUrl);
        Set(document, "idpUrl", write.IdpUrl);
        Set(document, "entityId", write.EntityId);
        Set(document, "idpCert", write.IdpCert);
        Set(document, "spACSUrl", write.SpAcsUrl);
        Set(document, "spEntityId", write.SpEntityId);
        Set(document, "redirectUrl", saml.RedirectUrl);
        if (write.RoleMappings is { Count: > 0 } mappings)
        {
            document["roleMappings"] = RoleMappings(mappings);
        }

        if (write.AttributeMapping is { Count: > 0 } attributes)
        {
            document["attributeMapping"] = Mapping(attributes);
        }

        if (write.DefaultSsoRoles is { Count: > 0 } roles)
        {
            document["defaultSSORoles"] = Texts(roles.Order(StringComparer.Ordinal));
        }

        return document;
    }

    private static JsonObject Oidc(SsoOidcSettings oidc)
    {
        var document = new JsonObject();
        Set(document, "name", oidc.Name);
        Set(document, "clientId", oidc.ClientId);
        Set(document, "redirectUrl", oidc.RedirectUrl);
        Set(document, "authUrl", oidc.AuthUrl);
        Set(document, "tokenUrl", oidc.TokenUrl);
        Set(document, "userDataUrl", oidc.UserDataUrl);
        Set(document, "JWKsUrl", oidc.JwksUrl);
        Set(document, "issuer", oidc.Issuer);
        Set(document, "callbackDomain", oidc.CallbackDomain);
        Set(document, "grantType", oidc.GrantType);
        if (oidc.Scope is { Count: > 0 } scope)
        {
            document["scope"] = Texts(scope);
        }

        if (oidc.Prompt is { Count: > 0 } prompt)
        {
            document["prompt"] = Texts(prompt);
        }

        if (oidc.ManageProviderTokens)
        {
            document["manageProviderTokens"] = true;
        }

        if (oidc.UserAttrMapping is { Count: > 0 } attributes)
        {
            document["userAttrMapping"] = Mapping(attributes);
        }

        if (oidc.RoleMappings is { Count: > 0 } mappings)
        {
            document["roleMappings"] = RoleMappings(mappings);
        }

        return document;
    }

    /// <summary>The SAML write (and its redirect URL, which the write carries beside the settings) that gives <paramref name="saml"/>.</summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static (SsoSamlWriteSettings Settings, string? RedirectUrl) ToSamlWrite(JsonObject saml, ResourceKey key) => (new SsoSamlWriteSettings
    {
        IdpUrl = DocumentFields.String(saml, "idpUrl", key),
        EntityId = DocumentFields.String(saml, "entityId", key),
        IdpCert = DocumentFields.String(saml, "idpCert", key),
        IdpMetadataUrl = DocumentFields.String(saml, "idpMetadataUrl", key),
        RoleMappings = ToRoleMappings(saml, key),
        AttributeMapping = Elements(saml["attributeMapping"]),
        DefaultSsoRoles = saml["defaultSSORoles"] is null ? null : DocumentFields.Strings(saml, "defaultSSORoles", key),
        SpAcsUrl = DocumentFields.String(saml, "spACSUrl", key),
        SpEntityId = DocumentFields.String(saml, "spEntityId", key),
    }, DocumentFields.String(saml, "redirectUrl", key));

    /// <summary>The OIDC write that gives <paramref name="oidc"/>; its client secret only when the document holds one (else the service keeps its own).</summary>
    /// <exception cref="UserError">A field has the wrong type.</exception>
    public static SsoOidcWriteSettings ToOidcWrite(JsonObject oidc, ResourceKey key)
    {
        var secret = DocumentFields.String(oidc, "clientSecret", key);
        return new SsoOidcWriteSettings
        {
            Name = DocumentFields.String(oidc, "name", key) ?? "",
            ClientId = DocumentFields.String(oidc, "clientId", key) ?? "",
            ClientSecret = string.IsNullOrEmpty(secret) || secret == SensitiveFields.Shown ? null : secret,
            RedirectUrl = DocumentFields.String(oidc, "redirectUrl", key),
            AuthUrl = DocumentFields.String(oidc, "authUrl", key),
            TokenUrl = DocumentFields.String(oidc, "tokenUrl", key),
            UserDataUrl = DocumentFields.String(oidc, "userDataUrl", key),
            JwksUrl = DocumentFields.String(oidc, "JWKsUrl", key),
            Issuer = DocumentFields.String(oidc, "issuer", key),
            CallbackDomain = DocumentFields.String(oidc, "callbackDomain", key),
            GrantType = DocumentFields.String(oidc, "grantType", key),
            Scope = oidc["scope"] is null ? null : DocumentFields.Strings(oidc, "scope", key),
            Prompt = oidc["prompt"] is null ? null : DocumentFields.Strings(oidc, "prompt", key),
            ManageProviderTokens = DocumentFields.Bool(oidc, "manageProviderTokens", key),
            UserAttrMapping = Elements(oidc["userAttrMapping"]),
            RoleMappings = ToRoleMappings(oidc, key),
        };
    }

    /// <summary>The document's SSO domains.</summary>
    public static List<string> Domains(JsonObject document, ResourceKey key) => DocumentFields.Strings(document, "domains", key);

    /// <summary>
    /// Puts the sets of a configuration (its domains, default roles, each mapping's groups) in one order: a file may
    /// list them in any order and the service may answer in another, and neither is a difference.
    /// </summary>
    public static void Normalize(JsonObject document)
    {
        SortTexts(document, "domains");
        foreach (var protocol in (string[])["saml", "oidc"])
        {
            if (document[protocol] is JsonObject settings)
            {
                SortTexts(settings, "defaultSSORoles");
                foreach (var mapping in (settings["roleMappings"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    SortTexts(mapping, "groups");
                }
            }
        }
    }

    private static void SortTexts(JsonObject parent, string field)
    {
        if (parent[field] is JsonArray list && list.All(n => n is JsonValue))
        {
            parent[field] = Texts(list.Select(n => n!.ToString()).Order(StringComparer.Ordinal));
        }
    }

    private static List<SsoRoleMapping>? ToRoleMappings(JsonObject settings, ResourceKey key)
    {
        if (settings["roleMappings"] is not JsonArray list)
        {
            return null;
        }

        return list.Select(m => m is JsonObject mapping
            ? new SsoRoleMapping { Groups = DocumentFields.Strings(mapping, "groups", key), RoleName = DocumentFields.String(mapping, "roleName", key) ?? "" }
            : throw new UserError("invalid_sso", $"SSO configuration '{ItemIds.Printable(key.Id)}' has a role mapping that is not {{groups, roleName}}.",
                "Fix the SSO file (run `descope-mgmt flow validate`) and try again.")).ToList();
    }

    private static JsonArray RoleMappings(IEnumerable<SsoRoleMapping> mappings) => new(mappings
        .Select(m => (JsonNode?)new JsonObject { ["groups"] = Texts(m.Groups.Order(StringComparer.Ordinal)), ["roleName"] = m.RoleName }).ToArray());

    private static JsonObject Mapping(Dictionary<string, JsonElement> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            result[name] = JsonNode.Parse(value.GetRawText());
        }

        return result;
    }

    private static Dictionary<string, JsonElement>? Elements(JsonNode? node)
    {
        if (node is not JsonObject values)
        {
            return null;
        }

        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            using var parsed = JsonDocument.Parse(value?.ToJsonString() ?? "null");
            result[name] = parsed.RootElement.Clone();
        }

        return result;
    }

    private static void Set(JsonObject document, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            document[field] = value;
        }
    }

    private static JsonArray Texts(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
