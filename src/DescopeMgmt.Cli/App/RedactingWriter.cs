using System.Text;

namespace DescopeMgmt.Cli.App;

/// <summary>
/// The last guard between the tool and its output: every known secret (management keys, once resolved)
/// is replaced by <c>(sensitive)</c> whatever rendered it. Where output goes to a file or a CI log it is
/// held back until the end of each line, so a secret split across writes is still caught and lines from
/// different threads never interleave; on a terminal each write goes straight through, so prompts and
/// progress bars appear as they are drawn.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner, Func<IReadOnlyList<string>> secrets, bool lineBuffered) : TextWriter
{
    private const string Replacement = "(sensitive)";
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            if (!lineBuffered)
            {
                inner.Write(Redact(value));
                return;
            }

            _pending.Append(value);
            var text = _pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                return;
            }

            inner.Write(Redact(text[..(end + 1)]));
            _pending.Clear().Append(text, end + 1, text.Length - end - 1);
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void WriteLine() => Write(NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                inner.Write(Redact(_pending.ToString()));
                _pending.Clear();
            }

            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private string Redact(string text)
    {
        foreach (var secret in secrets())
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, Replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
