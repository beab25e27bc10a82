using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Core;

namespace DescopeMgmt.Cli.Commands.Tenant;

/// <summary>The tenant field flags shared by create and update, and how they edit a tenant document.</summary>
internal sealed class TenantFieldOptions
{
    public Option<string?> Name { get; } = new("--name") { Description = "Tenant name (unique in the project)." };

    public Option<string[]> Domains { get; } = new("--domain") { Description = "Self-provisioning domain (repeatable); on update replaces the list." };

    public Option<string[]> Attributes { get; } = new("--attr") { Description = "Custom attribute KEY=VALUE (repeatable); an empty VALUE removes the key." };

    public Option<bool?> EnforceSso { get; } = new("--enforce-sso") { Description = "Require SSO for this tenant (true/false)." };

    public Option<bool?> Disabled { get; } = new("--disabled") { Description = "Disable the tenant (true/false)." };

    public IEnumerable<Option> All => [Name, Domains, Attributes, EnforceSso, Disabled];

    public sealed record Values(string? Name, string[] Domains, string[] Attributes, bool? EnforceSso, bool? Disabled);

    public Values Read(ParseResult parse) => new(
        parse.GetValue(Name),
        parse.GetValue(Domains) ?? [],
        parse.GetValue(Attributes) ?? [],
        parse.GetValue(EnforceSso),
        parse.GetValue(Disabled));

    /// <summary>Applies the given flags to a copy of <paramref name="tenant"/>; fields not given stay as they are.</summary>
    public static JsonObject Apply(JsonObject tenant, Values values, bool replaceDomainsOnlyWhenGiven = true)
    {
        var result = (JsonObject)tenant.DeepClone();
        if (values.Name is { } name)
        {
            result["name"] = name;
        }

        if (values.Domains.Length > 0 || !replaceDomainsOnlyWhenGiven)
        {
            var domains = new JsonArray();
            foreach (var domain in values.Domains)
            {
                domains.Add((JsonNode)JsonValue.Create(domain.Trim().ToLowerInvariant()));
            }

            result["selfProvisioningDomains"] = domains;
        }

        if (values.Attributes.Length > 0)
        {
            var attributes = result["customAttributes"] as JsonObject ?? [];
            attributes = (JsonObject)attributes.DeepClone();
            foreach (var pair in values.Attributes)
            {
                var split = pair.Split('=', 2);
                if (split.Length != 2 || split[0].Length == 0)
                {
                    throw new UserError("invalid_attribute", $"'{pair}' is not KEY=VALUE.", "Example: --attr plan=enterprise");
                }

                if (split[1].Length == 0)
                {
                    attributes.Remove(split[0]);
                }
                else
                {
                    attributes[split[0]] = split[1];
                }
            }

            result["customAttributes"] = attributes;
        }

        if (values.EnforceSso is { } sso)
        {
            result["enforceSSO"] = sso;
        }

        if (values.Disabled is { } disabled)
        {
            result["disabled"] = disabled;
        }

        return result;
    }
}
