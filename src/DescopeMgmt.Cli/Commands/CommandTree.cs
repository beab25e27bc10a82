using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Audit;
using DescopeMgmt.Cli.Commands.Backup;
using DescopeMgmt.Cli.Commands.Completion;
using DescopeMgmt.Cli.Commands.Demo;
using DescopeMgmt.Cli.Commands.Emulator;
using DescopeMgmt.Cli.Commands.Flow;
using DescopeMgmt.Cli.Commands.Help;
using DescopeMgmt.Cli.Commands.PasswordPolicy;
using DescopeMgmt.Cli.Commands.Permission;
using DescopeMgmt.Cli.Commands.Role;
using DescopeMgmt.Cli.Commands.Rollback;
using DescopeMgmt.Cli.Commands.Tenant;
using DescopeMgmt.Cli.Commands.Theme;
using DescopeMgmt.Cli.Commands.Workspace;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands;

/// <summary>Registers every command by hand (no scanning: NativeAOT).</summary>
public static class CommandTree
{
    public static RootCommand Build(CommandRunner runner)
    {
        var root = new RootCommand(
            "descope-mgmt: Descope configuration as code with a safety net.\n" +
            "Keep flows, the theme and tenants in git, see how live differs, change live only after an automatic backup, " +
            "and roll back any change in one command. Try it without an account: descope-mgmt demo");
        foreach (var option in GlobalOptions.All)
        {
            root.Add(option);
        }

        root.Add(Group("flow", "Flows: list, export, import, delete, validate, sync, rollback.",
            FlowListCommand.Build(runner),
            FlowExportCommand.Build(runner),
            FlowImportCommand.Build(runner),
            FlowDeleteCommand.Build(runner),
            FlowValidateCommand.Build(runner),
            SyncCommand.Build(runner, ResourceType.Flow),
            new RollbackOptions(ResourceType.Flow).Build(runner)));
        root.Add(Group("theme", "The project theme: export and import.",
            ThemeExportCommand.Build(runner),
            ThemeImportCommand.Build(runner)));
        root.Add(Group("tenant", "Tenants: list, get, create, update, delete, sync, rollback.",
            TenantListCommand.Build(runner),
            TenantGetCommand.Build(runner),
            TenantCreateCommand.Build(runner),
            TenantUpdateCommand.Build(runner),
            TenantDeleteCommand.Build(runner),
            SyncCommand.Build(runner, ResourceType.Tenant),
            new RollbackOptions(ResourceType.Tenant).Build(runner)));
        root.Add(Group("password-policy", "Password policy of the project or a tenant: show, set.", PasswordPolicyShowCommand.Build(runner), PasswordPolicySetCommand.Build(runner)));
        root.Add(Group("permission", "Permissions: list, create, update, delete (built-ins are listed, never changed).",
            PermissionListCommand.Build(runner), PermissionCreateCommand.Build(runner), PermissionUpdateCommand.Build(runner), PermissionDeleteCommand.Build(runner)));
        root.Add(Group("role", "Roles of the project and of tenants: list, get, create, update, delete (built-ins are listed, never changed).",
            RoleListCommand.Build(runner), RoleGetCommand.Build(runner), RoleCreateCommand.Build(runner), RoleUpdateCommand.Build(runner), RoleDeleteCommand.Build(runner)));
        root.Add(User.UserCommands.Build(runner));
        root.Add(AccessKey.AccessKeyCommands.Build(runner));
        root.Add(InitCommand.Build(runner));
        root.Add(PullCommand.Build(runner));
        root.Add(PlanCommand.Build(runner));
        root.Add(ApplyCommand.Build(runner));
        root.Add(DriftCommand.Build(runner));
        root.Add(Group("backup", "Backups: taken before every change; create, list, show, diff, verify, prune, restore.",
            BackupCreateCommand.Build(runner),
            BackupListCommand.Build(runner),
            BackupShowCommand.Build(runner),
            BackupDiffCommand.Build(runner),
            BackupVerifyCommand.Build(runner),
            BackupPruneCommand.Build(runner),
            BackupRestoreCommand.Build(runner)));
        root.Add(Group("rollback", "Rollback records.", RollbackHistoryCommand.Build(runner)));
        root.Add(Group("audit", "The audit log of every change: list, export, stats.",
            AuditListCommand.Build(runner),
            AuditExportCommand.Build(runner),
            AuditStatsCommand.Build(runner)));
        root.Add(Group("emulator", "The local emulator of the Descope Management API.",
            EmulatorServeCommand.Build(runner)));
        root.Add(DemoCommand.Build(runner));
        root.Add(CompletionCommand.Build(runner));
        HelpPage.Attach(root, () => HelpPage.TerminalWidth(runner.Environment.OutIsTerminal));
        SuggestAction.Attach(root);
        OptionLikeArguments.Attach(root);
        return root;
    }

    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var sub in subcommands)
        {
            group.Add(sub);
        }

        return group;
    }
}
