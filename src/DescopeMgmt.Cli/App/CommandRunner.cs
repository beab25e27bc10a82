using System.CommandLine;

namespace DescopeMgmt.Cli.App;

/// <summary>Builds the per-invocation <see cref="CommandContext"/> for a command action and disposes it afterwards.</summary>
public sealed class CommandRunner(CliEnvironment env)
{
    public CliEnvironment Environment => env;

    /// <summary>Set by the app so every context can find workspace environments.</summary>
    public Action<CommandContext>? ConfigureContext { get; set; }

    public void SetAction(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var context = new CommandContext(env, GlobalSettings.From(parse)) { Command = parse.CommandResult.Command };
        await using (context.ConfigureAwait(false))
        {
            ConfigureContext?.Invoke(context);
            return await action(parse, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
