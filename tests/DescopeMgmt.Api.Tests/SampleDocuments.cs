using System.Text.Json.Nodes;

namespace DescopeMgmt.Api.Tests;

internal static class SampleDocuments
{
    /// <summary>A small v2 flow with an unknown field at several depths, to prove it survives a round trip.</summary>
    public static JsonObject Flow(string id, string name = "Sign in") => JsonNode.Parse($$$"""
        {
          "flowId": "{{{id}}}",
          "metadata": { "name": "{{{name}}}", "description": "demo", "componentsVersion": "2.0.295", "futureMetadata": 7 },
          "contents": {
            "startTask": "1",
            "tasks": {
              "1": { "id": "1", "name": "Welcome", "type": "screen", "screenId": "welcome", "view": { "x": 1.5, "y": -60 },
                     "next": { "rules": [ { "interactionId": "submit", "taskId": "0" } ] } },
              "0": { "id": "0", "name": "End", "type": "automated", "action": "logged-in", "next": {} }
            }
          },
          "screens": [ { "screenId": "welcome", "interactions": [ { "id": "submit" } ],
                         "contents": { "type": "container", "children": [ { "type": "text", "text": "Hi {{user.name}}" } ] } } ],
          "references": { "connectors": {}, "roles": {} },
          "unknownTopLevel": { "keep": ["me", true] }
        }
        """)!.AsObject();
}
