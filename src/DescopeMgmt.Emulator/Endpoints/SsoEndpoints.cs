using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Tenants' SSO configurations. Writes are v1 (<c>sso/settings/new</c>, <c>sso/saml</c>, <c>sso/saml/metadata</c>,
/// <c>sso/oidc</c>, <c>DELETE sso/settings</c>), reads v2 (<c>sso/settings</c>, <c>sso/settings/all</c>) with the SAML
/// fields renamed (idpUrl→idpSSOUrl, entityId→idpEntityId, idpCert→idpCertificate, roleMappings→groupsMapping with
/// the role as <c>{"id","name"}</c>) and the domains under <c>tenant</c>. A configuration is (tenantId, ssoId), an
/// omitted ssoId being the tenant's default one; configuring an ssoId that does not exist yet creates it. The tenant
/// and the mapped roles must exist (400). An OIDC client secret is kept only as a hash and never answered; a
/// configure without one keeps the secret the configuration had.
/// </summary>
internal static class SsoEndpoints
{
    private const string SecretHashField = "clientSecretHash";

    private static readonly string[] SamlFields = ["idpUrl", "entityId", "idpCert", "idpMetadataUrl", "roleMappings", "attributeMapping", "defaultSSORoles", "spACSUrl", "spEntityId"];

    private static readonly string[] OidcFields =
    [
        "name", "clientId", "redirectUrl", "authUrl", "tokenUrl", "userDataUrl", "scope", "JWKsUrl", "userAttrMapping", "manageProviderTokens",
        "callbackDomain", "prompt", "grantType", "issuer", "roleMappings",
    ];

    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapGet("/v2/mgmt/sso/settings/all", context =>
        {
            var tenantId = context.Request.Query["tenantId"].ToString();
            var all = projects.Read(Wire.ProjectId(context), state =>
            {
                var tenant = Tenant(state, tenantId);
                return (state.Sso.GetValueOrDefault(tenantId) ?? []).Select(c => (JsonNode?)Present(state, tenant, c)).ToArray();
            });
            return Wire.WriteAsync(context, new JsonObject { ["SSOSettings"] = new JsonArray(all) });
        });

        app.MapGet("/v2/mgmt/sso/settings", context =>
        {
            var (tenantId, ssoId) = Names(context);
            return Wire.WriteAsync(context, projects.Read(Wire.ProjectId(context), state => Present(state, Tenant(state, tenantId), Find(state, tenantId, ssoId))));
        });

        app.MapPost("/v1/mgmt/sso/settings/new", context =>
        {
            var body = Wire.Body(context);
            var tenantId = PermissionEndpoints.RequiredString(body, "tenantId");
            var displayName = PermissionEndpoints.RequiredString(body, "displayName");
            var ssoId = Wire.String(body, "ssoId") is { Length: > 0 } given ? given : "sso-" + Guid.NewGuid().ToString("N")[..12];
            return Wire.WriteAsync(context, projects.Change(Wire.ProjectId(context), state =>
            {
                var tenant = Tenant(state, tenantId);
                var list = Configurations(state, tenantId);
                if (list.Any(c => Wire.String(c, "ssoId") == ssoId))
                {
                    throw ApiError.Invalid($"tenant '{tenantId}' already has an SSO configuration '{ssoId}'");
                }

                var configuration = new JsonObject { ["ssoId"] = ssoId, ["displayName"] = displayName };
                list.Add(configuration);
                return Present(state, tenant, configuration);
            }));
        });

        app.MapPost("/v1/mgmt/sso/saml", context => ConfigureAsync(context, projects, "saml", settings =>
        {
            RequireUrl(settings, "idpUrl");
            PermissionEndpoints.RequiredString(settings, "entityId");
            PermissionEndpoints.RequiredString(settings, "idpCert");
            settings.Remove("idpMetadataUrl");
        }));

        app.MapPost("/v1/mgmt/sso/saml/metadata", context => ConfigureAsync(context, projects, "saml", settings =>
        {
            RequireUrl(settings, "idpMetadataUrl");
            settings.Remove("idpUrl");
            settings.Remove("idpCert");
        }));

        app.MapPost("/v1/mgmt/sso/oidc", context => ConfigureAsync(context, projects, "oidc", settings =>
        {
            PermissionEndpoints.RequiredString(settings, "name");
            PermissionEndpoints.RequiredString(settings, "clientId");
            foreach (var url in new[] { "authUrl", "tokenUrl", "userDataUrl", "JWKsUrl", "redirectUrl" })
            {
                if (Wire.String(settings, url) is { Length: > 0 })
                {
                    RequireUrl(settings, url);
                }
            }
        }));

        app.MapDelete("/v1/mgmt/sso/settings", context =>
        {
            var (tenantId, ssoId) = Names(context);
            projects.Change(Wire.ProjectId(context), state =>
            {
                Tenant(state, tenantId);
                var configuration = Find(state, tenantId, ssoId);
                var list = state.Sso[tenantId];
                list.Remove(configuration);
                return list.Count > 0 || state.Sso.Remove(tenantId);
            });
            return Wire.WriteEmptyAsync(context);
        });
    }

    private static Task ConfigureAsync(HttpContext context, ProjectAccess projects, string protocol, Action<JsonObject> check)
    {
        var body = Wire.Body(context);
        var tenantId = PermissionEndpoints.RequiredString(body, "tenantId");
        var ssoId = Wire.String(body, "ssoId") ?? "";
        var settings = body["settings"] switch
        {
            JsonObject given => (JsonObject)given.DeepClone(),
            null => throw ApiError.Missing("settings"),
            _ => throw ApiError.BadRequest("settings must be an object"),
        };
        check(settings);
        var domains = Wire.StringList(body, "domains");
        projects.Change(Wire.ProjectId(context), state =>
        {
            Tenant(state, tenantId);
            var mappings = settings["roleMappings"] switch
            {
                null => [],
                JsonArray array when array.All(m => m is JsonObject) => array.OfType<JsonObject>().ToList(),
                _ => throw ApiError.BadRequest("settings.roleMappings must be a list of objects"),
            };
            UserEndpoints.EnsureRolesExist(state, tenantId, mappings.Select(m => PermissionEndpoints.RequiredString(m, "roleName"))
                .Concat(Wire.StringList(settings, "defaultSSORoles")));
            var list = Configurations(state, tenantId);
            var existing = list.FirstOrDefault(c => (Wire.String(c, "ssoId") ?? "") == ssoId);
            var stored = new JsonObject();
            Wire.CopyNonZero(settings, stored, protocol == "saml" ? SamlFields : OidcFields);
            if (protocol == "oidc")
            {
                if (Wire.String(settings, "clientSecret") is { Length: > 0 } secret)
                {
                    stored[SecretHashField] = SecretHash.Of(secret);
                }
                else if (existing?["oidc"]?[SecretHashField] is { } kept)
                {
                    stored[SecretHashField] = kept.DeepClone();
                }
            }

            var configuration = new JsonObject { ["ssoId"] = ssoId, [protocol] = stored };
            if (existing?["displayName"] is { } displayName)
            {
                configuration["displayName"] = displayName.DeepClone();
            }

            Wire.CopyNonZero(body, configuration, ["redirectUrl"]);
            if (domains.Count > 0)
            {
                configuration["domains"] = new JsonArray(domains.Select(d => (JsonNode?)d).ToArray());
            }

            if (existing is null)
            {
                list.Add(configuration);
            }
            else
            {
                list[list.IndexOf(existing)] = configuration;
            }

            return true;
        });
        return Wire.WriteEmptyAsync(context);
    }

    private static (string TenantId, string SsoId) Names(HttpContext context) =>
        (context.Request.Query["tenantId"].ToString(), context.Request.Query["ssoId"].ToString());

    private static JsonObject Tenant(ProjectState state, string tenantId) =>
        tenantId.Length == 0 ? throw ApiError.Missing("tenantId")
        : state.Tenants.TryGetValue(tenantId, out var tenant) ? tenant
        : throw ApiError.Invalid($"tenant '{tenantId}' does not exist");

    private static List<JsonObject> Configurations(ProjectState state, string tenantId) =>
        state.Sso.TryGetValue(tenantId, out var list) ? list : state.Sso[tenantId] = [];

    private static JsonObject Find(ProjectState state, string tenantId, string ssoId) =>
        (state.Sso.GetValueOrDefault(tenantId) ?? []).FirstOrDefault(c => (Wire.String(c, "ssoId") ?? "") == ssoId)
        ?? throw ApiError.NotFound(ssoId.Length == 0 ? $"tenant '{tenantId}' has no default SSO configuration" : $"tenant '{tenantId}' has no SSO configuration '{ssoId}'");

    private static void RequireUrl(JsonObject settings, string field)
    {
        var value = PermissionEndpoints.RequiredString(settings, field);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw ApiError.Invalid($"settings.{field} '{value}' is not an http(s) URL");
        }
    }

    /// <summary>The v2 shape: the tenant with this configuration's domains, and SAML renamed; never the OIDC secret or its hash.</summary>
    private static JsonObject Present(ProjectState state, JsonObject tenant, JsonObject configuration)
    {
        var tenantView = new JsonObject { ["id"] = Wire.String(tenant, "id"), ["name"] = Wire.String(tenant, "name") };
        if (configuration["domains"] is { } domains)
        {
            tenantView["domains"] = domains.DeepClone();
        }

        var answer = new JsonObject { ["tenant"] = tenantView };
        Wire.CopyNonZero(configuration, answer, ["ssoId", "displayName"]);
        if (configuration["saml"] is JsonObject saml)
        {
            var view = new JsonObject();
            foreach (var (from, to) in new[] { ("idpUrl", "idpSSOUrl"), ("entityId", "idpEntityId"), ("idpCert", "idpCertificate") })
            {
                if (saml[from] is { } value)
                {
                    view[to] = value.DeepClone();
                }
            }

            Wire.CopyNonZero(saml, view, ["idpMetadataUrl", "spEntityId", "spACSUrl", "attributeMapping", "defaultSSORoles"]);
            Wire.CopyNonZero(configuration, view, ["redirectUrl"]);
            var groups = new JsonArray();
            foreach (var mapping in (saml["roleMappings"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = Wire.String(mapping, "roleName") ?? "";
                var role = state.FindRole(Wire.String(tenant, "id"), name) ?? state.FindRole(null, name);
                groups.Add((JsonNode)new JsonObject
                {
                    ["role"] = new JsonObject { ["id"] = role is null ? null : Wire.String(role, "id"), ["name"] = name },
                    ["groups"] = mapping["groups"]?.DeepClone() ?? new JsonArray(),
                });
            }

            if (groups.Count > 0)
            {
                view["groupsMapping"] = groups;
            }

            answer["saml"] = view;
        }

        if (configuration["oidc"] is JsonObject oidc)
        {
            var view = (JsonObject)oidc.DeepClone();
            view.Remove(SecretHashField);
            answer["oidc"] = view;
        }

        return answer;
    }
}
