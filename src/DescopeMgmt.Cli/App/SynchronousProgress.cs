namespace DescopeMgmt.Cli.App;

/// <summary>Reports on the caller's thread, in order; <see cref="Progress{T}"/> posts each report to the thread pool.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
