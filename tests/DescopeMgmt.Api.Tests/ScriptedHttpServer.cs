using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DescopeMgmt.Api.Tests;

/// <summary>One request as the scripted server saw it.</summary>
internal sealed record ScriptedRequest(string Method, string Target, string Body);

/// <summary>
/// A loopback HTTP/1.1 server whose answers the test writes byte for byte, for the hostile answers the
/// emulator never gives (an HTML page with 200, a wrong shape, invalid UTF-8, an endless body). Every answer
/// closes its connection, so the body needs no length.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<ScriptedRequest, Stream, CancellationToken, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ScriptedRequest> _requests = [];
    private readonly Task _loop;

    private ScriptedHttpServer(Func<ScriptedRequest, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers every request by <paramref name="answer"/>, which writes the whole response to the stream.</summary>
    public static ScriptedHttpServer Start(Func<ScriptedRequest, Stream, CancellationToken, Task> answer) => new(answer);

    /// <summary>Answers every request with <paramref name="status"/> and these exact body bytes.</summary>
    public static ScriptedHttpServer Answering(int status, byte[] body, string contentType = "application/json") =>
        Start((_, stream, ct) => WriteAsync(stream, status, body, contentType, ct));

    public static ScriptedHttpServer Answering(int status, string body, string contentType = "application/json") =>
        Answering(status, Encoding.UTF8.GetBytes(body), contentType);

    public static async Task WriteAsync(Stream stream, int status, byte[] body, string contentType, CancellationToken ct, long? contentLength = null)
    {
        var head = $"HTTP/1.1 {status} Scripted\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength ?? body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(body, ct);
    }

    /// <summary>Headers without a length, then <paramref name="chunk"/> again and again until the client hangs up.</summary>
    public static async Task WriteEndlessAsync(Stream stream, byte[] prefix, byte[] chunk, CancellationToken ct)
    {
        await stream.WriteAsync("HTTP/1.1 200 Scripted\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        await stream.WriteAsync(prefix, ct);
        while (!ct.IsCancellationRequested)
        {
            await stream.WriteAsync(chunk, ct);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                lock (_requests)
                {
                    _requests.Add(request);
                }

                await _answer(request, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The client hung up (as it should on an oversized answer) or the server is stopping.
            }
        }
    }

    private static async Task<ScriptedRequest> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || buffer[^4] != '\r' || buffer[^3] != '\n' || buffer[^2] != '\r' || buffer[^1] != '\n')
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new IOException("The client closed the connection before a whole request.");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var start = lines[0].Split(' ');
        var length = lines.Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        return new ScriptedRequest(start[0], start[1], Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
