namespace DescopeMgmt.Emulator.Faults;

/// <summary>
/// A response body that sends its first byte (and so the status and headers) at once, then nothing for
/// a while: what a stalled upstream looks like to a client that reads headers before the body.
/// </summary>
internal sealed class StallingStream(Stream inner, TimeSpan stall, TimeProvider time, CancellationToken aborted) : Stream
{
    private bool _stalled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_stalled && !buffer.IsEmpty)
        {
            _stalled = true;
            await inner.WriteAsync(buffer[..1], cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(stall, time, aborted).ConfigureAwait(false);
            buffer = buffer[1..];
        }

        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Kestrel refuses synchronous I/O, so a synchronous write could never have worked on the inner stream either.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
