using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands.Demo;
using DescopeMgmt.Cli.Commands.Emulator;
using DescopeMgmt.Cli.Commands.Flow;
using DescopeMgmt.Cli.Commands.Tenant;
using DescopeMgmt.Cli.Commands.Theme;

namespace DescopeMgmt.Cli.Commands;

/// <summary>Registers every command by hand (no scanning: NativeAOT).</summary>
public static class CommandTree
{
    public static RootCommand Build(CommandRunner runner)
    {
        var root = new RootCommand(
            "descope-mgmt: Descope configuration as code with a safety net.\n" +
            "Keep flows, the theme and tenants in git, see how live differs, apply after an automatic backup, " +
            "and roll back any change in one command. Try it without an account: descope-mgmt demo");
        foreach (var option in GlobalOptions.All)
        {
            root.Add(option);
        }

        root.Add(Group("flow", "Flows: list, export, import, delete, validate, sync, rollback.",
            FlowListCommand.Build(runner),
            FlowExportCommand.Build(runner)));
        root.Add(Group("theme", "The project theme: export and import.",
            ThemeExportCommand.Build(runner)));
        root.Add(Group("tenant", "Tenants: list, get, create, update, delete, sync, rollback.",
            TenantListCommand.Build(runner),
            TenantGetCommand.Build(runner)));
        root.Add(Group("emulator", "The local emulator of the Descope Management API.",
            EmulatorServeCommand.Build(runner)));
        root.Add(DemoCommand.Build(runner));
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
