using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DescopeMgmt.Shared;

namespace DescopeMgmt.Emulator.State;

/// <summary>
/// All projects, created on first use of their ID. With a data folder each project is one JSON file,
/// rewritten atomically after every change, so a restart (or a kill mid-write) finds the last whole state.
/// </summary>
internal sealed class ProjectStore
{
    private readonly ConcurrentDictionary<string, ProjectState> _projects = new(StringComparer.Ordinal);
    private readonly string? _folder;

    public ProjectStore(string? dataDir)
    {
        _folder = dataDir is null ? null : Path.Combine(dataDir, "projects");
        if (_folder is not null && Directory.Exists(_folder))
        {
            foreach (var file in Directory.GetFiles(_folder, "*.json"))
            {
                var id = Path.GetFileNameWithoutExtension(file);
                if (Load(file) is { } state)
                {
                    _projects[id] = state;
                    continue;
                }

                // Atomic writes make this impossible for our own files. A hand-edited one is moved aside,
                // not overwritten by the next save, so whatever it held can still be recovered.
                var aside = $"{file}.corrupt-{Guid.NewGuid().ToString("N")[..8]}";
                File.Move(file, aside, overwrite: true);
                MovedAside.Add(new CorruptProjectFile(id, file, aside));
            }
        }
    }

    /// <summary>Project files found unreadable at start and moved aside; those projects start empty.</summary>
    public List<CorruptProjectFile> MovedAside { get; } = [];

    public ProjectState Get(string projectId) => _projects.GetOrAdd(projectId, _ => new ProjectState());

    /// <summary>Call with the project's lock held, after a change.</summary>
    public void Save(string projectId, ProjectState state)
    {
        if (_folder is null || !IsSafeFileName(projectId))
        {
            return;
        }

        AtomicFile.WriteAllText(Path.Combine(_folder, projectId + ".json"), state.ToJson().ToJsonString());
    }

    /// <summary>The state a file holds, or null when it is not a project state (never read as an empty project).</summary>
    private static ProjectState? Load(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(file)) is JsonObject json ? ProjectState.FromJson(json) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static bool IsSafeFileName(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

internal sealed record CorruptProjectFile(string ProjectId, string File, string MovedTo);
