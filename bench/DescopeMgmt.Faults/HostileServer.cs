using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Faults;

/// <summary>What a hostile server answers.</summary>
internal enum Hostility
{
    /// <summary>A captive portal or a wrong base URL: 200 with an HTML page, to everything.</summary>
    Html,

    /// <summary>200 with the right envelope but null entries: {"flows":[null]}, {"tenants":[null]}.</summary>
    NullEntries,

    /// <summary>200 with a Content-Length, half the body, then the connection closed.</summary>
    DropMidBody,

    /// <summary>200 with a well-formed answer hundreds of megabytes long (one huge name).</summary>
    HugeBody,

    /// <summary>Snapshot export refused; the flow list and tenants carry IDs such as ../../x and absolute paths.</summary>
    UnsafeIds,
}

/// <summary>
/// A tiny HTTP/1.1 server on loopback, written on a raw socket so it can misbehave in ways a framework
/// would not allow (lying Content-Length, a closed socket mid-body). One request per connection.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Hostility _kind;
    private readonly long _hugeBytes;
    private readonly string _absoluteId;
    private readonly Task _accepting;

    public HostileServer(Hostility kind, long hugeBytes, string absoluteId)
    {
        _kind = kind;
        _hugeBytes = hugeBytes;
        _absoluteId = absoluteId;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, body) = await ReadRequestAsync(stream);
                await AnswerAsync(stream, path, body);
            }
            catch (IOException)
            {
                // The client hung up (as it should, on a huge or broken answer).
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, string path, string body)
    {
        switch (_kind)
        {
            case Hostility.Html:
                await WriteAsync(stream, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>Sign in to the network</title></head><body><form>Accept the terms</form></body></html>");
                break;
            case Hostility.NullEntries:
                await WriteAsync(stream, 200, "application/json", path switch
                {
                    _ when path.Contains("snapshot/export", StringComparison.Ordinal) => """{"files":null}""",
                    _ when path.Contains("flow/list", StringComparison.Ordinal) => """{"flows":[null],"total":1}""",
                    _ when path.Contains("tenant", StringComparison.Ordinal) => """{"tenants":[null]}""",
                    _ when path.Contains("theme", StringComparison.Ordinal) => """{"theme":null}""",
                    _ when path.Contains("flow/export", StringComparison.Ordinal) => """{"flow":null}""",
                    _ => "{}",
                });
                break;
            case Hostility.DropMidBody:
                var partial = Encoding.UTF8.GetBytes("""{"tenants":[{"id":"t000","name":"Tenant t000 v1"},{"id":"t001","na""");
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {partial.Length * 4}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(partial);
                await stream.FlushAsync();
                break;
            case Hostility.HugeBody:
                await WriteHugeAsync(stream, path);
                break;
            case Hostility.UnsafeIds:
                await WriteAsync(stream, path.Contains("snapshot/export", StringComparison.Ordinal) ? 403 : 200, "application/json", UnsafeAnswer(path, body));
                break;
        }
    }

    private string UnsafeAnswer(string path, string body)
    {
        string[] ids = ["../../x", _absoluteId, "..\\..\\w"];
        if (path.Contains("snapshot/export", StringComparison.Ordinal))
        {
            return """{"errorCode":"E011003","errorDescription":"Forbidden","errorMessage":"snapshot export needs a paid plan"}""";
        }

        if (path.Contains("flow/list", StringComparison.Ordinal))
        {
            var flows = new JsonArray();
            foreach (var id in ids)
            {
                flows.Add((JsonNode)new JsonObject { ["id"] = id, ["name"] = "evil", ["disabled"] = false });
            }

            return new JsonObject { ["flows"] = flows, ["total"] = ids.Length }.ToJsonString();
        }

        if (path.Contains("flow/export", StringComparison.Ordinal))
        {
            var requested = (JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject)?["flowId"]?.GetValue<string>() ?? ids[0];
            var flow = Fixture.Flow("f000", "evil");
            flow["flowId"] = requested;
            return new JsonObject { ["flow"] = flow }.ToJsonString();
        }

        if (path.Contains("theme", StringComparison.Ordinal))
        {
            return """{"theme":{"id":"theme","cssTemplate":{"light":{"primary":"#000000"}}}}""";
        }

        if (path.Contains("tenant", StringComparison.Ordinal))
        {
            var tenants = new JsonArray();
            foreach (var id in ids)
            {
                tenants.Add((JsonNode)new JsonObject { ["id"] = id, ["name"] = $"evil {tenants.Count}" });
            }

            return new JsonObject { ["tenants"] = tenants }.ToJsonString();
        }

        return path.Contains("license", StringComparison.Ordinal) ? """{"rateLimitTier":"tier4"}""" : "{}";
    }

    /// <summary>A well-formed answer whose one name is <c>_hugeBytes</c> long, sent chunked as the client reads it.</summary>
    private async Task WriteHugeAsync(NetworkStream stream, string path)
    {
        var (prefix, suffix) = path switch
        {
            _ when path.Contains("flow/list", StringComparison.Ordinal) => ("{\"flows\":[{\"id\":\"f000\",\"name\":\"", "\",\"disabled\":false}],\"total\":1}"),
            _ when path.Contains("tenant", StringComparison.Ordinal) => ("{\"tenants\":[{\"id\":\"t000\",\"name\":\"", "\"}]}"),
            _ when path.Contains("snapshot/export", StringComparison.Ordinal) => ("{\"files\":{\"flows/f000.json\":{\"flowId\":\"f000\",\"metadata\":{\"name\":\"", "\"}}}}"),
            _ => ("{\"theme\":{\"id\":\"theme\",\"name\":\"", "\"}}"),
        };
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"), _stop.Token);
        await WriteChunkAsync(stream, Encoding.UTF8.GetBytes(prefix));
        var block = Encoding.ASCII.GetBytes(new string('a', 1 << 16));
        for (long sent = 0; sent < _hugeBytes; sent += block.Length)
        {
            await WriteChunkAsync(stream, block);
        }

        await WriteChunkAsync(stream, Encoding.UTF8.GetBytes(suffix));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"), _stop.Token);
    }

    private async Task WriteChunkAsync(NetworkStream stream, byte[] data)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), _stop.Token);
        await stream.WriteAsync(data, _stop.Token);
        await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reason = status == 200 ? "OK" : "Error";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    private static async Task<(string Path, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed before the headers ended");
            }

            buffer.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var path = head[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
        var length = head.Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return (path, Encoding.UTF8.GetString(body, 0, read));
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';
}
