using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Cli.Commands.Rollback;

/// <summary>The syntax shared by `flow rollback` and `tenant rollback`.</summary>
internal sealed class RollbackOptions(ResourceType type)
{
    private readonly string _noun = ResourceTypeNames.ToWire(type);

    public Option<string?> Id { get; } = type == ResourceType.Tenant
        ? Tenant.TenantIdSyntax.Validated(new Option<string?>("--tenant-id") { Description = "The tenant to roll back." })
        : new($"--{ResourceTypeNames.ToWire(type)}-id") { Description = $"The {ResourceTypeNames.ToWire(type)} to roll back." };

    public Option<bool> All { get; } = new("--all") { Description = $"Roll back every {ResourceTypeNames.ToWire(type)} in the backup." };

    public Option<bool> Latest { get; } = new("--latest") { Description = $"Use the most recent backup of the project that holds the {ResourceTypeNames.ToWire(type)} (the same as --backup latest)." };

    public Option<string?> Backup { get; } = new("--backup")
    {
        Description = type == ResourceType.Flow
            ? "Backup to restore from: ID, its unique prefix or random suffix, timestamp, folder, manifest.json, 'latest', or a flow export file."
            : "Backup to restore from: ID, its unique prefix or random suffix, timestamp, folder, manifest.json, or 'latest'.",
    };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show the diff live → backup and change nothing." };

    public Command Build(CommandRunner runner)
    {
        var command = new Command("rollback",
            $"Put {_noun}s back as they were in a backup: verify it, show the diff, confirm, back up the current state, restore, verify.")
        {
            Id, All, Latest, Backup, DryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RestoreWorkflow.RunAsync(context, ToSpec(parse), ct));
        return command;
    }

    internal RestoreSpec ToSpec(ParseResult parse)
    {
        var id = parse.GetValue(Id);
        var all = parse.GetValue(All);
        var latest = parse.GetValue(Latest);
        var backup = parse.GetValue(Backup);
        var example = $"descope-mgmt {_noun} rollback --{_noun}-id ID --backup REF, or --all --latest";
        if ((id is null) == !all)
        {
            throw new UserError("invalid_arguments", $"Give either --{_noun}-id or --all.", example);
        }

        if (latest == (backup is not null))
        {
            throw new UserError("invalid_arguments", "Give either --backup REF or --latest.", example);
        }

        return new RestoreSpec($"{_noun} rollback", backup ?? "latest", new HashSet<ResourceType> { type },
            id is null ? null : new ResourceKey(type, id), parse.GetValue(DryRun), AllowFlowFile: type == ResourceType.Flow);
    }
}
