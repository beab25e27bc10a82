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
    /// <summary>How a secret shows in output, as <see cref="Core.Model.Secret"/> prints itself.</summary>
    private const string Shown = "(sensitive)";

    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private IReadOnlyList<string>? _known;
    private Core.Audit.SecretRedactor _redactor = new([], Shown);

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

    // Secrets become known as the command resolves its target, so the redactor follows the list.
    private string Redact(string text)
    {
        var current = secrets();
        if (!ReferenceEquals(current, _known) && (_known is null || !current.SequenceEqual(_known)))
        {
            _known = current.ToList();
            _redactor = new Core.Audit.SecretRedactor(_known, Shown);
        }

        return _redactor.Redact(text);
    }
}
