namespace DescopeMgmt.Core.Workspace;

/// <summary>The descope.yaml that `init` writes, with comments explaining each part.</summary>
public static class WorkspaceScaffold
{
    public static string DescopeYaml(string environment, string projectId, string? baseUrl) => $"""
        # descope-mgmt workspace; what each part means: see the descope-mgmt README, section "Workspace". Keep this folder in git.
        version: 1
        environments:
          {environment}:
            projectId: {projectId}
            # Only a ${"{"}VARIABLE{"}"} reference: a literal key here is an error.
            managementKey: ${"{"}DESCOPE_{environment.ToUpperInvariant().Replace('-', '_')}_MANAGEMENT_KEY{"}"}
        {(baseUrl is null ? "" : $"    baseUrl: {baseUrl}\n")}    # protected: true    # apply/rollback then need the environment name typed, or --yes
            vars: {"{}"}           # values for ${"{"}NAME{"}"} placeholders in flows/, theme.json and tenants.yaml; a name not here is read from DESCOPE_VAR_NAME
        defaultEnvironment: {environment}
        manage:
          flows: all               # or a list of flow IDs; other flows are reported as unmanaged, never touched
          tenants: true
          theme: true
          # sso: [acme]            # tenants whose SSO configurations are managed (sso/<tenantId>.yaml), or all; opt-in
          deleteMissing: false     # true: items live but not in the workspace are deleted by apply (shown as DELETE first)

        """;
}
