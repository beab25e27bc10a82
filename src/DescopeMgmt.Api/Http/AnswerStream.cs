using System.Text;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// An answer's body read with a size cap and strict UTF-8. A body over the cap fails the read before it can
/// exhaust memory; bytes that are not UTF-8 fail it instead of being replaced by U+FFFD further on (a replaced
/// character in a flow would be applied back to the project as if it were the real text).
/// </summary>
internal sealed class AnswerStream(Stream body, long limit) : ReadOnlyWrapperStream(body)
{
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _scratch = new char[4096];
    private long _length;
    private bool _ended;

    /// <summary>The first byte that is not JSON whitespace, or -1 before one arrived: tells an HTML page from broken JSON.</summary>
    public int FirstByte { get; private set; } = -1;

    public long BytesRead => _length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..count]);
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Inner.Read(buffer, offset, count);
        Check(buffer.AsSpan(offset, read));
        return read;
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            // The end of the body: a character cut off there is invalid too.
            if (!_ended)
            {
                _ended = true;
                Decode(bytes, flush: true);
            }

            return;
        }

        _length += bytes.Length;
        if (_length > limit)
        {
            throw new MalformedBodyException($"it is larger than the answer limit of {SizeText(limit)} (DescopeClientOptions.MaxAnswerBytes)");
        }

        if (FirstByte < 0)
        {
            var start = bytes.IndexOfAnyExcept(" \t\r\n"u8);
            if (start >= 0)
            {
                FirstByte = bytes[start];
            }
        }

        Decode(bytes, flush: false);
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        try
        {
            do
            {
                _utf8.Convert(bytes, _scratch, flush, out var used, out _, out _);
                bytes = bytes[used..];
            }
            while (!bytes.IsEmpty);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MalformedBodyException($"it is not valid UTF-8 (near byte {_length - bytes.Length})", ex);
        }
    }

    internal static string SizeText(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}

/// <summary>The body that arrived cannot be used; <see cref="ApiTransport"/> names the request it answered.</summary>
internal sealed class MalformedBodyException(string problem, Exception? inner = null) : Exception(problem, inner);
