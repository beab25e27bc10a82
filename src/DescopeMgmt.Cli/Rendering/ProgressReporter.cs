using Spectre.Console;

namespace DescopeMgmt.Cli.Rendering;

/// <summary>Runs work with a progress bar on stderr when a person is watching; silently otherwise.</summary>
internal static class ProgressReporter
{
    public static async Task<T> RunAsync<T>(App.CliIO io, string title, int total, Func<IProgress<int>, Task<T>> work)
    {
        if (!io.ShowProgress || total <= 1)
        {
            return await work(new App.SynchronousProgress<int>(_ => { })).ConfigureAwait(false);
        }

        T result = default!;
        await io.Err.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: total);
                var progress = new App.SynchronousProgress<int>(done => task.Value = done);
                result = await work(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }
}
