using System.CommandLine;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.Help;

/// <summary>One example on a help page: what it does, then the command line to copy.</summary>
internal sealed record HelpExample(string Purpose, string CommandLine);

/// <summary>
/// What help shows beyond each command's own syntax: one to three examples per command, keyed by the
/// command's path, and the global options each command acts on. Kept in one table so that every page
/// teaches the same way and a test can hold every leaf command to it.
/// </summary>
internal static class CommandHelp
{
    private static readonly Dictionary<string, HelpExample[]> ExamplesByPath = new(StringComparer.Ordinal)
    {
        [""] =
        [
            new("The guided tour on the embedded emulator (no account needed)", "descope-mgmt demo"),
            new("List the flows of a project (key from DESCOPE_MANAGEMENT_KEY)", "descope-mgmt flow list --project-id P2abc"),
            new("Show how live differs from the workspace in this folder", "descope-mgmt plan"),
        ],

        ["flow list"] =
        [
            new("List the flows of the project", "descope-mgmt flow list"),
            new("The same as JSON, for scripts", "descope-mgmt flow list --output json"),
        ],
        ["flow export"] =
        [
            new("Print one flow", "descope-mgmt flow export sign-up-or-in"),
            new("Write every flow to flows/<id>.json", "descope-mgmt flow export --all -o flows"),
        ],
        ["flow import"] =
        [
            new("See what importing a file would change", "descope-mgmt flow import flows/sign-up-or-in.json --dry-run"),
            new("Import a file under another flow ID", "descope-mgmt flow import sign-in.json --flow-id sign-in-v2"),
        ],
        ["flow delete"] =
        [
            new("Delete a flow (backed up first; the undo command is printed)", "descope-mgmt flow delete old-sign-in"),
        ],
        ["flow validate"] =
        [
            new("Check the whole workspace offline", "descope-mgmt flow validate"),
            new("Check some flow files", "descope-mgmt flow validate flows/sign-up-or-in.json flows/sso.json"),
        ],
        ["flow sync"] =
        [
            new("Show what would change live to match the workspace's flows", "descope-mgmt flow sync"),
            new("Change live flows in staging (confirms first)", "descope-mgmt flow sync --apply --env staging"),
        ],
        ["flow rollback"] =
        [
            new("Put one flow back as it was in the latest backup", "descope-mgmt flow rollback --flow-id sign-up-or-in --backup latest"),
            new("Preview restoring every flow of the latest backup", "descope-mgmt flow rollback --all --latest --dry-run"),
        ],

        ["theme export"] =
        [
            new("Write the project theme to a file", "descope-mgmt theme export -o theme.json"),
        ],
        ["theme import"] =
        [
            new("See what importing the theme would change", "descope-mgmt theme import theme.json --dry-run"),
            new("Replace the project theme (backed up first)", "descope-mgmt theme import theme.json"),
        ],

        ["tenant list"] =
        [
            new("List the tenants of the project", "descope-mgmt tenant list"),
            new("The same as JSON, for scripts", "descope-mgmt tenant list --output json"),
        ],
        ["tenant get"] =
        [
            new("Show one tenant", "descope-mgmt tenant get acme"),
        ],
        ["tenant create"] =
        [
            new("Create a tenant with a self-provisioning domain", "descope-mgmt tenant create acme --name \"Acme Corp\" --domain acme.com"),
            new("Create a sub-tenant", "descope-mgmt tenant create acme-eu --name \"Acme Europe\" --parent acme"),
        ],
        ["tenant update"] =
        [
            new("Preview requiring SSO for a tenant", "descope-mgmt tenant update acme --enforce-sso true --dry-run"),
            new("Set a custom attribute", "descope-mgmt tenant update acme --attr plan=enterprise"),
        ],
        ["tenant delete"] =
        [
            new("Delete a tenant (backed up first; the undo command is printed)", "descope-mgmt tenant delete acme-labs"),
        ],
        ["tenant sync"] =
        [
            new("Show what would change live to match tenants.yaml", "descope-mgmt tenant sync"),
            new("Apply it without a prompt (CI)", "descope-mgmt tenant sync --apply --yes"),
        ],
        ["tenant rollback"] =
        [
            new("Put one tenant back as it was in the latest backup", "descope-mgmt tenant rollback --tenant-id acme --backup latest"),
            new("Restore every tenant of a backup", "descope-mgmt tenant rollback --all --backup 2025-01-15T10:30:00"),
        ],

        ["password-policy show"] =
        [
            new("Show the project's password policy", "descope-mgmt password-policy show"),
            new("Show a tenant's, as JSON", "descope-mgmt password-policy show --tenant acme --output json"),
        ],
        ["password-policy set"] =
        [
            new("Require 12 characters and a symbol", "descope-mgmt password-policy set --min-length 12 --non-alphanumeric true"),
            new("Preview locking a tenant's accounts after 5 failed sign-ins", "descope-mgmt password-policy set --tenant acme --lock true --lock-attempts 5 --dry-run"),
        ],

        ["permission list"] =
        [
            new("List permissions, built-ins marked", "descope-mgmt permission list"),
        ],
        ["permission create"] =
        [
            new("Create a permission", "descope-mgmt permission create projects.read --description \"View projects\""),
        ],
        ["permission update"] =
        [
            new("Change a permission's description", "descope-mgmt permission update projects.read --description \"View projects and their members\""),
        ],
        ["permission delete"] =
        [
            new("Preview deleting a permission", "descope-mgmt permission delete projects.read --dry-run"),
        ],

        ["role list"] =
        [
            new("List the project's and every tenant's roles", "descope-mgmt role list"),
        ],
        ["role get"] =
        [
            new("Show a project role", "descope-mgmt role get Viewer"),
            new("Show a role of a tenant", "descope-mgmt role get \"Billing Admin\" --tenant acme"),
        ],
        ["role create"] =
        [
            new("Create a project role granting two permissions", "descope-mgmt role create Editor --permission projects.read --permission projects.write"),
            new("Create a tenant role new users get", "descope-mgmt role create \"Billing Admin\" --tenant acme --permission billing.manage --default true"),
        ],
        ["role update"] =
        [
            new("Replace the permissions a role grants", "descope-mgmt role update Viewer --permission projects.read"),
            new("Preview making a tenant role private", "descope-mgmt role update \"Billing Admin\" --tenant acme --private true --dry-run"),
        ],
        ["role delete"] =
        [
            new("Delete a role of a tenant (backed up first)", "descope-mgmt role delete \"Billing Admin\" --tenant acme"),
        ],

        ["user list"] =
        [
            new("The first 50 users", "descope-mgmt user list"),
            new("The second page of a tenant's admins, as JSON", "descope-mgmt user list --tenant acme --role \"Tenant Admin\" --limit 20 --page 2 --output json"),
            new("Find users by name, email, phone or login ID", "descope-mgmt user list --text alice"),
        ],
        ["user get"] =
        [
            new("Show a user with its roles and tenants", "descope-mgmt user get alice@acme.com"),
        ],
        ["user invite"] =
        [
            new("Preview an invitation (sends nothing)", "descope-mgmt user invite --email carol@acme.com --name Carol --dry-run"),
            new("Invite to a tenant with a role there", "descope-mgmt user invite --email carol@acme.com --tenant acme --role \"Billing Admin\""),
        ],
        ["user update"] =
        [
            new("Change a user's display name", "descope-mgmt user update alice@acme.com --name \"Alice Adams\""),
            new("Remove a phone number (preview)", "descope-mgmt user update alice@acme.com --phone \"\" --dry-run"),
        ],
        ["user enable"] =
        [
            new("Let a disabled user sign in again", "descope-mgmt user enable alice@acme.com"),
        ],
        ["user disable"] =
        [
            new("Stop a user from signing in (record kept)", "descope-mgmt user disable alice@acme.com"),
        ],
        ["user delete"] =
        [
            new("Preview deleting a user", "descope-mgmt user delete alice@acme.com --dry-run"),
            new("Delete a user (its record is backed up first)", "descope-mgmt user delete alice@acme.com --yes"),
        ],
        ["user role add"] =
        [
            new("Give a user a project role", "descope-mgmt user role add alice@acme.com --role Editor"),
        ],
        ["user role remove"] =
        [
            new("Take a role from a user in a tenant", "descope-mgmt user role remove alice@acme.com --role \"Billing Admin\" --tenant acme"),
        ],
        ["user role set"] =
        [
            new("Make these a user's only roles in a tenant", "descope-mgmt user role set alice@acme.com --role Viewer --tenant acme"),
            new("Remove every project role of a user", "descope-mgmt user role set alice@acme.com --role \"\""),
        ],
        ["access-key list"] =
        [
            new("List the project's access keys (never a secret)", "descope-mgmt access-key list"),
            new("The keys of one tenant whose name holds \"deploy\", as JSON", "descope-mgmt access-key list --tenant acme --text deploy --output json"),
        ],
        ["access-key get"] =
        [
            new("Show one key with all its fields", "descope-mgmt access-key get ci-deploy"),
        ],
        ["access-key create"] =
        [
            new("Create a key; its secret goes to a new private file", "descope-mgmt access-key create ci-deploy --role Editor --secrets-out ci-deploy.yaml"),
            new("A tenant key that expires, usable from one network", "descope-mgmt access-key create billing-sync --tenant-role acme:Billing --expire-time 2027-01-31T00:00:00Z --permitted-ip 10.0.0.0/8 --secrets-out billing.yaml"),
            new("Preview a key (sends nothing)", "descope-mgmt access-key create ci-deploy --description \"Deploys prod\" --custom-claim team=build --dry-run"),
        ],
        ["access-key update"] =
        [
            new("Replace a key's project roles", "descope-mgmt access-key update ci-deploy --role Editor --role Viewer"),
            new("Preview a new description and tenant roles", "descope-mgmt access-key update ci-deploy --description \"Deploys staging\" --tenant-role acme:Viewer --dry-run"),
        ],
        ["access-key rotate"] =
        [
            new("Give a key a new secret, written to a new private file", "descope-mgmt access-key rotate ci-deploy --secrets-out ci-deploy-2.yaml"),
        ],
        ["access-key activate"] =
        [
            new("Let a deactivated key be used again", "descope-mgmt access-key activate ci-deploy"),
        ],
        ["access-key deactivate"] =
        [
            new("Stop a key from being used (undo with activate)", "descope-mgmt access-key deactivate ci-deploy --yes"),
        ],
        ["access-key delete"] =
        [
            new("Preview deleting a key", "descope-mgmt access-key delete ci-deploy --dry-run"),
            new("Delete a key (backed up first; a restore gives it a new secret)", "descope-mgmt access-key delete ci-deploy"),
        ],

        ["init"] =
        [
            new("Start a workspace from the project as it is live", "descope-mgmt init --from-live"),
            new("Start an empty workspace in another folder", "descope-mgmt init -C descope-config --environment-name staging"),
        ],
        ["pull"] =
        [
            new("See which files pulling live would write", "descope-mgmt pull --dry-run"),
            new("Write live into the workspace files", "descope-mgmt pull"),
        ],
        ["plan"] =
        [
            new("Show how live differs from the workspace", "descope-mgmt plan"),
            new("In CI: exit 2 when there are changes, and keep the plan", "descope-mgmt plan --env prod --detailed-exitcode --out plan.json"),
            new("Only flows and tenants", "descope-mgmt plan --only flows,tenants"),
        ],
        ["apply"] =
        [
            new("Make live match the workspace (shows the plan and confirms)", "descope-mgmt apply"),
            new("Only the roles, in prod, without a prompt", "descope-mgmt apply --env prod --only roles --yes"),
            new("In CI: new access keys' secrets go to a private file", "descope-mgmt apply --yes --secrets-out new-keys.yaml"),
        ],
        ["drift"] =
        [
            new("Exit 2 when live differs from the workspace", "descope-mgmt drift --env prod"),
            new("A pull-request comment", "descope-mgmt drift --format markdown"),
        ],

        ["backup create"] =
        [
            new("Back up everything the tool manages now", "descope-mgmt backup create --note \"before the migration\""),
            new("Back up only flows and the theme", "descope-mgmt backup create --only flows,theme"),
        ],
        ["backup list"] =
        [
            new("List the project's backups, newest first", "descope-mgmt backup list"),
            new("Only backups holding a flow", "descope-mgmt backup list --flow-id sign-up-or-in"),
        ],
        ["backup show"] =
        [
            new("Show the latest backup and check its checksums", "descope-mgmt backup show latest"),
        ],
        ["backup diff"] =
        [
            new("How live differs from the latest backup", "descope-mgmt backup diff latest"),
            new("How two backups differ", "descope-mgmt backup diff 2025-01-15T10:30:00 latest"),
        ],
        ["backup verify"] =
        [
            new("Check every backup of the project", "descope-mgmt backup verify --all"),
            new("Check one backup", "descope-mgmt backup verify latest"),
        ],
        ["backup prune"] =
        [
            new("See which backups would go", "descope-mgmt backup prune --dry-run"),
            new("Remove backups older than 90 days, keeping the newest 20", "descope-mgmt backup prune --older-than 90d --keep 20 --yes"),
        ],
        ["backup restore"] =
        [
            new("Preview restoring the latest backup", "descope-mgmt backup restore latest --dry-run"),
            new("Restore only the roles of a backup", "descope-mgmt backup restore 2025-01-15T10:30:00 --only roles"),
            new("Bring back deleted access keys: each gets a new secret, written to a private file", "descope-mgmt backup restore latest --only accessKeys --yes --secrets-out restored-keys.yaml"),
        ],

        ["rollback history"] =
        [
            new("Past rollbacks and restores, with the backup that undoes each", "descope-mgmt rollback history"),
        ],

        ["audit list"] =
        [
            new("Changes that failed this year", "descope-mgmt audit list --failed --since 2025-01-01"),
            new("Every change to one flow", "descope-mgmt audit list --target flow:sign-up-or-in"),
        ],
        ["audit export"] =
        [
            new("The whole audit log as CSV", "descope-mgmt audit export --format csv > audit.csv"),
        ],
        ["audit stats"] =
        [
            new("Count changes by operation and outcome", "descope-mgmt audit stats"),
        ],

        ["emulator serve"] =
        [
            new("Serve the sample project on port 4318, state kept in a folder", "descope-mgmt emulator serve --seed sample --data-dir .emulator"),
            new("Any free port, 500 requests per 10 s, 20% of answers 503", "descope-mgmt emulator serve --port 0 --rate-limit 500/10s --fault 503:0.2"),
        ],

        ["demo"] =
        [
            new("The guided tour: export, edit, plan, apply, roll back", "descope-mgmt demo"),
        ],

        ["completion"] =
        [
            new("Completion in this bash session (add the line to ~/.bashrc to keep it)", "source <(descope-mgmt completion bash)"),
            new("Completion in this zsh session (add the line to ~/.zshrc to keep it)", "source <(descope-mgmt completion zsh)"),
            new("Completion in every fish session", "descope-mgmt completion fish > ~/.config/fish/completions/descope-mgmt.fish"),
        ],
    };

    /// <summary>
    /// The global options a command acts on, when not all of them: a server or a script generator has no
    /// project, workspace or backups, so its help must not offer those.
    /// </summary>
    private static readonly Dictionary<string, Option[]> GlobalsByPath = new(StringComparer.Ordinal)
    {
        ["emulator serve"] = [GlobalOptions.Output, GlobalOptions.NoColor, GlobalOptions.Quiet],
        ["completion"] = [GlobalOptions.Output],
    };

    /// <summary>The command's words after the program name, e.g. "flow export"; "" for the root.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    public static IReadOnlyList<HelpExample> ExamplesFor(Command command) =>
        ExamplesByPath.TryGetValue(PathOf(command), out var examples) ? examples : [];

    /// <summary>Every path that has examples, so a test can find examples of commands that no longer exist.</summary>
    public static IEnumerable<string> PathsWithExamples => ExamplesByPath.Keys;

    public static IReadOnlyList<Option> GlobalsFor(Command command) =>
        GlobalsByPath.TryGetValue(PathOf(command), out var globals) ? globals : [.. GlobalOptions.All];
}
