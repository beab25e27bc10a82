using System.CommandLine;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;

namespace DescopeMgmt.Cli.Commands.AccessKey;

/// <summary>`access-key activate` and `access-key deactivate`: one status change; each undoes the other.</summary>
internal static class AccessKeyStatusCommand
{
    public static Command Build(CommandRunner runner, bool activate)
    {
        var verb = activate ? "activate" : "deactivate";
        var name = NameArgument.Create($"The key to {verb}.");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the change and make none." };
        var command = new Command(verb, activate
            ? "Let a deactivated access key be used again (its secret is unchanged)."
            : "Stop an access key from being used until it is activated again; its secret, roles and tenants stay (undo with access-key activate).")
        {
            name, dryRun,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(parse.GetRequiredValue(name), activate, parse.GetValue(dryRun), context, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, bool activate, bool dryRun, CommandContext context, CancellationToken cancellationToken)
    {
        var key = AccessKeyLookup.Key(name);
        var status = activate ? "active" : "inactive";
        return await SingleItemChange.RunAsync(context, key, $"access-key {(activate ? "activate" : "deactivate")}", dryRun, async (found, client, ct) =>
        {
            var current = found ?? throw AccessKeyLookup.NotFound(context, name);
            var live = await AccessKeyLookup.RequireAsync(context, client, name, ct).ConfigureAwait(false);
            var was = AccessKeyLookup.Status(live);
            // The status is not part of the key's document (access-keys.yaml does not manage it), so the change is told, not diffed.
            return new SingleItemPlan(current, activate ? "activate" : "deactivate",
                (_, writeCt) => activate ? client.AccessKeys.ActivateAsync(live.Id, writeCt) : client.AccessKeys.DeactivateAsync(live.Id, writeCt))
            {
                Unseen = was == status ? null : $"status: {was} → {status}",
                Expected = AccessKeyLookup.WithStatus(current, status),
                ReadBack = new AccessKeyStatusReader(client),
                Undo = _ => UndoCommands.ForCommand(context, activate
                    ? $"descope-mgmt access-key deactivate {UndoCommands.Quote(name)}"
                    : $"descope-mgmt access-key activate {UndoCommands.Quote(name)}"),
            };
        }, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Reads keys back as their document with their status, so an activate or deactivate is verified, not assumed.</summary>
internal sealed class AccessKeyStatusReader(Api.DescopeClient client) : Core.Changes.ILiveReader
{
    public async Task<IReadOnlyDictionary<Core.Model.ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<Core.Model.ResourceKey> keys, CancellationToken cancellationToken)
    {
        var all = await client.AccessKeys.SearchAsync(null, cancellationToken).ConfigureAwait(false);
        return keys.Distinct().ToDictionary(k => k, k => all.Where(a => a.Name == k.Id)
            .Select(a => (JsonObject?)AccessKeyLookup.WithStatus(Core.Kinds.AccessKeys.AccessKeyDocuments.ToDocument(a), AccessKeyLookup.Status(a)))
            .FirstOrDefault());
    }
}
