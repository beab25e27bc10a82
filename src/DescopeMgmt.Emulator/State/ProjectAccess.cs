namespace DescopeMgmt.Emulator.State;

/// <summary>Runs reads and changes against one project under its lock; a change is persisted before it is acknowledged.</summary>
internal sealed class ProjectAccess(ProjectStore store, TimeProvider time)
{
    public TimeProvider Time => time;

    public T Read<T>(string projectId, Func<ProjectState, T> read)
    {
        var state = store.Get(projectId);
        lock (state.Sync)
        {
            return read(state);
        }
    }

    public T Change<T>(string projectId, Func<ProjectState, T> change)
    {
        var state = store.Get(projectId);
        lock (state.Sync)
        {
            var result = change(state);
            store.Save(projectId, state);
            return result;
        }
    }
}
