using DescopeMgmt.Core;
using Spectre.Console;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The confirmation rules: --yes skips the question; without a terminal and without
/// --yes the command refuses before touching anything; protected environments need their name typed.
/// </summary>
public sealed class Confirmer(CommandContext context)
{
    /// <summary>Call before any network call, so a refusal costs nothing and changes nothing.</summary>
    public void EnsureCanConfirm()
    {
        if (!context.Settings.Yes && !context.IO.IsInteractive)
        {
            throw new UserError("confirmation_required",
                "Refusing to change live state: there is no terminal to confirm on and --yes was not given. Nothing was changed.",
                context.Command?.Options.Any(o => o.Name == "--dry-run") == true
                    ? "Review the change with --dry-run, then re-run with --yes."
                    : "Review the change with `descope-mgmt plan`, then re-run with --yes.");
        }
    }

    /// <summary>
    /// Asks; throws "Aborted. Nothing was changed." (exit 1) when declined. A signal ends the wait at once
    /// (the answer is read on its own task, since a console read cannot be cancelled).
    /// </summary>
    public async Task ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        if (context.Settings.Yes)
        {
            return;
        }

        EnsureCanConfirm();
        // Local-only commands (backup prune) may have no resolvable target: nothing protected to name.
        var target = context.TryGetTarget();
        var isProtected = target is { IsProtected: true };
        var prompt = isProtected
            ? $"{question} Type the environment name to confirm: "
            : $"{question} [y/N] ";
        if (isProtected)
        {
            context.IO.Markup($"[red bold]'{Markup.Escape(target!.EnvironmentName ?? "")}' is a protected environment.[/]");
        }

        context.IO.Err.Write(prompt);
        context.IO.FlushErrors();
        var reader = context.IO.In;
        var answer = (await Task.Run(reader.ReadLine, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        var accepted = isProtected
            ? string.Equals(answer, target!.EnvironmentName, StringComparison.Ordinal)
            : answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
        if (!accepted)
        {
            throw new UserError("aborted", "Aborted. Nothing was changed.", null);
        }
    }
}
