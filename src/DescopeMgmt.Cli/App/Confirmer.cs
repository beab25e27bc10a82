using DescopeMgmt.Core;
using Spectre.Console;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The confirmation rules of design.md §5: --yes skips the question; without a terminal and without
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
                "Review the change with --dry-run, then re-run with --yes.");
        }
    }

    /// <summary>Asks; throws "Aborted. Nothing was changed." (exit 1) when declined.</summary>
    public void Confirm(string question)
    {
        if (context.Settings.Yes)
        {
            return;
        }

        EnsureCanConfirm();
        // Local-only commands (backup prune) may have no resolvable target: nothing protected to name.
        var target = context.TryGetTarget();
        bool accepted;
        if (target is { IsProtected: true })
        {
            context.IO.Err.MarkupLine($"[red bold]'{Markup.Escape(target.EnvironmentName ?? "")}' is a protected environment.[/]");
            context.IO.Err.Write($"{question} Type the environment name to confirm: ");
            var typed = context.IO.In.ReadLine()?.Trim();
            accepted = string.Equals(typed, target.EnvironmentName, StringComparison.Ordinal);
        }
        else
        {
            context.IO.Err.Write($"{question} [y/N] ");
            var answer = context.IO.In.ReadLine()?.Trim();
            accepted = answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
        }

        if (!accepted)
        {
            throw new UserError("aborted", "Aborted. Nothing was changed.", null);
        }
    }
}
