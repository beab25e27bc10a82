using System.Text.Json.Nodes;

namespace DescopeMgmt.Core.Workspace;

/// <summary>A list file whose entries are identified by a name (permissions, roles): each has one, and no two share it.</summary>
public static class NamedEntries
{
    /// <summary>
    /// The entries of <paramref name="file"/> by ID; <paramref name="idOf"/> gives an entry's ID from its
    /// document, null when it has no name. Problems go to <paramref name="source"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, DesiredItem> Read(WorkspaceSource source, string file, string key, string itemNoun, YamlSchema schema, Func<JsonObject, string?> idOf)
    {
        var items = new Dictionary<string, DesiredItem>(StringComparer.Ordinal);
        foreach (var entry in source.ReadList(file, key, key, itemNoun) ?? [])
        {
            var document = schema.ToDocument(entry, file, source.Problems);
            var line = YamlNodes.Line(entry);
            if (idOf(document) is not { Length: > 0 } id)
            {
                source.Error(file, entry, $"{itemNoun} has no name");
            }
            else if (items.TryGetValue(id, out var first))
            {
                source.Error(file, entry, $"duplicate {itemNoun} '{id}' (first at line {first.Line})");
            }
            else
            {
                items[id] = new DesiredItem(id, document, file, line);
            }
        }

        return items;
    }
}
