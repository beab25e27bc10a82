using System.Net;

namespace DescopeMgmt.Api.Http;

/// <summary>
/// Gives each attempt one deadline covering the headers and the body. Answers are read headers-first
/// (see <see cref="ApiTransport"/>), so a timeout around sending alone would let a stalled body hang the
/// command forever. It sits below the client-side rate limiter: waiting for our own budget is not the
/// server being slow. It is also where cancellation stops reaching a change: a write that has not started
/// does not start once cancelled, but one on the wire runs to its answer (or its deadline), since only the
/// answer says whether the item changed; the waits above it (retry delays, the rate limiter) end at once.
/// </summary>
internal sealed class AttemptTimeoutHandler(TimeSpan timeout, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (RetryPipelineFactory.KindOf(request) != RequestKind.Read)
        {
            cancellationToken = CancellationToken.None;
        }

        var deadline = new CancellationTokenSource(timeout, time);
        HttpResponseMessage response;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            deadline.Dispose();
            throw new AttemptTimeoutException(timeout, ex);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        response.Content = new DeadlineContent(response.Content, deadline, timeout);
        return response;
    }

    /// <summary>The answer's body, read under the deadline of the attempt that brought its headers; owns that deadline.</summary>
    private sealed class DeadlineContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly CancellationTokenSource _deadline;
        private readonly TimeSpan _timeout;

        public DeadlineContent(HttpContent inner, CancellationTokenSource deadline, TimeSpan timeout)
        {
            _inner = inner;
            _deadline = deadline;
            _timeout = timeout;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var inner = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new DeadlineStream(inner, _deadline.Token, _timeout);
        }

        // Content-Length, when the server sent one, was copied with the headers and wins over this.
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _deadline.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class DeadlineStream(Stream body, CancellationToken deadline, TimeSpan timeout) : ReadOnlyWrapperStream(body)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
            try
            {
                return await Inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new AttemptTimeoutException(timeout, ex);
            }
        }

        // The client reads only asynchronously; a synchronous reader would get the body without the deadline.
        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
    }
}

/// <summary>One attempt got no complete answer within the request timeout.</summary>
internal sealed class AttemptTimeoutException(TimeSpan timeout, Exception inner)
    : TimeoutException($"no complete answer within {timeout.TotalSeconds:0.###} s", inner);
