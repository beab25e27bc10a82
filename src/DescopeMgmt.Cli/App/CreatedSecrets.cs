using System.Text;
using System.Text.Json;
using DescopeMgmt.Api.AccessKeys;
using DescopeMgmt.Core;
using DescopeMgmt.Core.Kinds.AccessKeys;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// Where a change puts each new access key's cleartext (a created key's, or a rotated one's): the file of <c>--secrets-out</c> (created 0600, never
/// over an existing file), else the terminal of an interactive run, once. Without either a change that creates a key is refused
/// before anything runs (<see cref="Require"/>): a secret written to a log or a pipe is a leaked secret.
/// Every cleartext kept is also redacted from everything the command writes afterwards.
/// </summary>
internal sealed class CreatedSecrets : ICreatedSecrets
{
    private static readonly UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly CommandContext _context;
    private readonly string? _path;
    private readonly string? _option;
    private readonly Lock _lock = new();
    private bool _started;

    /// <summary>How many cleartexts this command kept (so a restore can say its keys came back with new ones).</summary>
    public int Kept { get; private set; }

    private CreatedSecrets(CommandContext context, string? path, string? option)
    {
        _context = context;
        _path = path;
        _option = option;
    }

    /// <summary>
    /// The secrets of a command with <c>--secrets-out</c> (<paramref name="secretsOut"/>, null when not given). The file
    /// is checked only when the change creates a key: an apply with nothing to create leaves it alone.
    /// </summary>
    public static CreatedSecrets For(CommandContext context, string? secretsOut)
    {
        if (secretsOut is null)
        {
            return new CreatedSecrets(context, null, null);
        }

        return new CreatedSecrets(context, Path.GetFullPath(secretsOut, context.Env.CurrentDirectory), secretsOut);
    }

    /// <summary>
    /// Refuses, before anything changes, a change that would create <paramref name="count"/> access keys with
    /// nowhere to put their secrets: no <c>--secrets-out</c> and no terminal to show them on, or a
    /// <c>--secrets-out</c> file that exists already (a secret is never written over another file).
    /// </summary>
    /// <param name="count">The access keys the change creates (or rotates).</param>
    /// <param name="hint">What to do instead, for the refusal.</param>
    /// <param name="effect">What the change does, for the refusal, when it is not creating keys ("rotates access key 'ci'").</param>
    public void Require(int count, string hint, string? effect = null)
    {
        if (count == 0)
        {
            return;
        }

        if (_path is not null)
        {
            EnsureAbsent(_path, _option!);
            return;
        }

        if (!_context.IO.IsInteractive)
        {
            throw new UserError("secrets_out_required",
                $"This change {effect ?? $"creates {Rendering.Plural.Of(count, "access key")}"}, whose secret the service shows only once, and there is no --secrets-out file and no terminal to show it on. Nothing was changed.",
                hint);
        }
    }

    public Task KeepAsync(CreatedAccessKey created, CancellationToken cancellationToken)
    {
        Keep(created, rotated: false);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Keeps a new cleartext: a created key's, or a rotated key's (<paramref name="rotated"/>), whose entry in the
    /// file says so, since the key's old secret no longer works.
    /// </summary>
    public void Keep(CreatedAccessKey created, bool rotated)
    {
        lock (_lock)
        {
            var secret = created.Cleartext.Reveal();
            Kept++;
            if (_path is null)
            {
                _context.IO.Markup($"[yellow]Access key '{Spectre.Console.Markup.Escape(created.Key.Name)}' ({Spectre.Console.Markup.Escape(created.Key.Id)}): {Spectre.Console.Markup.Escape(secret)}[/] (shown once: store it now{(rotated ? "; the old secret no longer works" : "")})");
                _context.Env.AddSecret(secret);
                return;
            }

            _context.Env.AddSecret(secret);
            try
            {
                Append(created, secret, rotated);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The key has its new secret on the service already: the report must say so, and how to get another.
                throw new Core.Changes.PartlyWrittenException(
                    $"access key '{DescopeMgmt.Api.WireIds.Printable(created.Key.Name)}' ({DescopeMgmt.Api.WireIds.Printable(created.Key.Id)}) {(rotated ? "has a new secret" : "was created")}, but the secret could not be written to {_option} ({ex.Message}) and the service never shows it again: " +
                    $"give the key another with `descope-mgmt access-key rotate {UndoCommands.Quote(created.Key.Name)} --secrets-out FILE`", ex);
            }

            _context.IO.Info($"The {(rotated ? "new " : "")}secret of access key '{DescopeMgmt.Api.WireIds.Printable(created.Key.Name)}' ({DescopeMgmt.Api.WireIds.Printable(created.Key.Id)}) is in {_option} (readable by you alone); it is shown nowhere else.");
        }
    }

    private void Append(CreatedAccessKey created, string secret, bool rotated)
    {
        // Only this command appends to the file it created: a file appearing since the check is never written to.
        var exists = _started;
        var text = new StringBuilder();
        if (!exists)
        {
            text.Append("# Access key secrets created by descope-mgmt; the service never shows them again. Keep this file private.\naccessKeys:\n");
        }

        text.Append("  - name: ").Append(Quoted(created.Key.Name)).Append('\n')
            .Append("    id: ").Append(Quoted(created.Key.Id)).Append('\n')
            .Append("    cleartext: ").Append(Quoted(secret)).Append('\n');
        if (rotated)
        {
            text.Append("    rotated: true\n");
        }

        var options = new FileStreamOptions { Mode = exists ? FileMode.Append : FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!exists && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        using var stream = new FileStream(_path!, options);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        _started = true;
    }

    // A JSON string is a YAML double-quoted scalar: any name or secret reads back exactly.
    private static string Quoted(string text) => JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) is var encoded ? $"\"{encoded}\"" : "";

    /// <summary>The refusal's hint for a command that has <c>--secrets-out</c>.</summary>
    public static string SecretsOutHint(string command) =>
        $"Run `descope-mgmt {command} --secrets-out FILE` (FILE must not exist; it is created readable by you alone).";

    private static void EnsureAbsent(string path, string option)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new UserError("secrets_out_exists", $"--secrets-out {option} exists already; a secret is never written over another file. Nothing was changed.",
                "Name a file that does not exist yet (move the old one away once its secrets are stored safely).");
        }

        // Found out only after the service made a key, a file that cannot be created would lose its secret: the file is
        // created (empty, private) and removed again now, before anything changes.
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            new FileStream(path, options).Dispose();
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserError("secrets_out_unwritable", $"--secrets-out {option} cannot be created: {ex.Message} Nothing was changed.",
                "Name a file in a folder that exists and that you can write to.");
        }
    }
}
