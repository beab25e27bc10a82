using System.Text.Json.Nodes;
using DescopeMgmt.Core.Model;

namespace DescopeMgmt.Core.Changes;

/// <summary>Reads several live items at once (one read per kind where the API allows), null for an item that does not exist.</summary>
public interface ILiveReader
{
    Task<IReadOnlyDictionary<ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<ResourceKey> keys, CancellationToken cancellationToken);
}
