using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Workspace;

/// <summary>Writes workspace files into a temp folder for loader tests.</summary>
internal sealed class WorkspaceBuilder : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Root => _temp.Path;

    public const string TwoEnvironments = """
        version: 1
        environments:
          dev:
            projectId: P2dev
            managementKey: ${DEV_KEY}
            vars: { APP_URL: https://dev.example.com }
          prod:
            projectId: P2prod
            managementKey: ${PROD_KEY}
            protected: true
            vars: { APP_URL: https://example.com }
        defaultEnvironment: dev
        manage:
          flows: all
          tenants: true
          theme: true
          deleteMissing: false
        """;

    public WorkspaceBuilder File(string relative, string text)
    {
        var path = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return this;
    }

    public WorkspaceBuilder Bytes(string relative, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return this;
    }

    public static string Flow(string id, string redirect = "${APP_URL}/done", string startTask = "1", string screenId = "welcome") => $$$"""
        {
          "flowId": "{{{id}}}",
          "metadata": { "name": "Flow {{{id}}}" },
          "contents": {
            "startTask": "{{{startTask}}}",
            "tasks": {
              "1": { "id": "1", "type": "screen", "screenId": "{{{screenId}}}", "arguments": { "redirectUrl": { "type": "inline", "value": "{{{redirect}}}" } } }
            }
          },
          "screens": [ { "screenId": "welcome", "contents": { "text": "Hi {{user.name}}" } } ]
        }
        """;

    public void Dispose() => _temp.Dispose();
}
