using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Emulator.Tests;

/// <summary>Plain HTTP against the emulator, so its wire format is tested without our client in between.</summary>
internal sealed class RawApi(Uri baseUrl, string projectId, string? key) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl };

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        Authorize(request);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        Authorize(request);
        return await SendAsync(request);
    }

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> DeleteAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, pathAndQuery);
        Authorize(request);
        return await SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    private void Authorize(HttpRequestMessage request)
    {
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{projectId}:{key}");
        }
    }

    private async Task<(int, JsonNode?, HttpResponseMessage)> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }
}
