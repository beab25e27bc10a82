using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescopeMgmt.Api.Sso;

/// <summary>
/// SAML settings as <c>sso/saml</c> (IdP URL, entity ID and certificate) or <c>sso/saml/metadata</c> (metadata URL)
/// take them; <see cref="SsoApi.ConfigureSamlAsync"/> picks the endpoint from <see cref="IdpMetadataUrl"/>.
/// </summary>
public sealed class SsoSamlWriteSettings
{
    public string? IdpUrl { get; set; }

    public string? EntityId { get; set; }

    public string? IdpCert { get; set; }

    /// <summary>Set: configure from the IdP's metadata (<c>sso/saml/metadata</c>); <see cref="IdpUrl"/> and <see cref="IdpCert"/> are then not sent.</summary>
    public string? IdpMetadataUrl { get; set; }

    public List<SsoRoleMapping>? RoleMappings { get; set; }

    public Dictionary<string, JsonElement>? AttributeMapping { get; set; }

    [JsonPropertyName("defaultSSORoles")]
    public List<string>? DefaultSsoRoles { get; set; }

    [JsonPropertyName("spACSUrl")]
    public string? SpAcsUrl { get; set; }

    public string? SpEntityId { get; set; }
}

/// <summary>
/// OIDC settings as <c>sso/oidc</c> takes them. <see cref="ClientSecret"/> left null is not sent, and the service
/// keeps the secret it has: the service never returns it, so a read-modify-write cannot carry it.
/// </summary>
public sealed class SsoOidcWriteSettings : SsoOidcProviderSettings
{
    public string Name { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }


    /// <summary>Never shows the client secret.</summary>
    public override string ToString() => $"OIDC settings '{Name}' (client {ClientId}{(ClientSecret is null ? "" : ", secret (sensitive)")})";
}

/// <summary>Body of <c>sso/saml</c> and <c>sso/saml/metadata</c>.</summary>
public sealed class SsoSamlRequest
{
    public string TenantId { get; set; } = "";

    public string? SsoId { get; set; }

    public SsoSamlWriteSettings Settings { get; set; } = new();

    public string? RedirectUrl { get; set; }

    public List<string>? Domains { get; set; }
}

/// <summary>Body of <c>sso/oidc</c>.</summary>
public sealed class SsoOidcRequest
{
    public string TenantId { get; set; } = "";

    public string? SsoId { get; set; }

    public SsoOidcWriteSettings Settings { get; set; } = new();

    public List<string>? Domains { get; set; }
}

/// <summary>Body of <c>sso/settings/new</c>.</summary>
public sealed class SsoNewRequest
{
    public string TenantId { get; set; } = "";

    public string? SsoId { get; set; }

    public string DisplayName { get; set; } = "";
}

/// <summary>
/// The OIDC provider settings the v2 read and the v1 write spell alike; the two differ only in the name, the
/// client and the secret, which each declares itself.
/// </summary>
public abstract class SsoOidcProviderSettings
{
    public string? RedirectUrl { get; set; }

    public string? AuthUrl { get; set; }

    public string? TokenUrl { get; set; }

    public string? UserDataUrl { get; set; }

    public List<string>? Scope { get; set; }

    [JsonPropertyName("JWKsUrl")]
    public string? JwksUrl { get; set; }

    public Dictionary<string, JsonElement>? UserAttrMapping { get; set; }

    public bool ManageProviderTokens { get; set; }

    public string? CallbackDomain { get; set; }

    public List<string>? Prompt { get; set; }

    public string? GrantType { get; set; }

    public string? Issuer { get; set; }

    public List<SsoRoleMapping>? RoleMappings { get; set; }

    /// <summary>Copies these settings (deep, so the copy shares no list with this one) into <paramref name="target"/>.</summary>
    protected internal void CopyTo(SsoOidcProviderSettings target)
    {
        target.RedirectUrl = RedirectUrl;
        target.AuthUrl = AuthUrl;
        target.TokenUrl = TokenUrl;
        target.UserDataUrl = UserDataUrl;
        target.Scope = Scope is null ? null : [.. Scope];
        target.JwksUrl = JwksUrl;
        target.UserAttrMapping = UserAttrMapping is null ? null : new Dictionary<string, JsonElement>(UserAttrMapping);
        target.ManageProviderTokens = ManageProviderTokens;
        target.CallbackDomain = CallbackDomain;
        target.Prompt = Prompt is null ? null : [.. Prompt];
        target.GrantType = GrantType;
        target.Issuer = Issuer;
        target.RoleMappings = RoleMappings?.Select(r => new SsoRoleMapping { Groups = [.. r.Groups], RoleName = r.RoleName }).ToList();
    }
}
