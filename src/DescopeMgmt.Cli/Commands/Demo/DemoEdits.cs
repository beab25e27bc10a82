using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Cli.Commands.Demo;

/// <summary>The edits the demo makes to its workspace files, standing in for a person's editor.</summary>
internal static class DemoEdits
{
    public static void RenameFlow(string path, string newName)
    {
        var flow = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        flow["metadata"]!["name"] = newName;
        AtomicFile.WriteAllText(path, CanonicalJson.Serialize(flow), isPrivate: false);
    }
}
