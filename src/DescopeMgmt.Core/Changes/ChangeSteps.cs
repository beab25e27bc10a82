namespace DescopeMgmt.Core.Changes;

/// <summary>
/// What a command contributes to a change session. <see cref="EnsureCanConfirm"/> runs before the lock
/// and any network call (refusing when no confirmation can be had); <see cref="PrepareAsync"/> runs under
/// the project's lock: it reads live, shows the difference, asks, and returns the change to make, or null
/// when there is nothing to do. <see cref="ShowProgress"/> wraps the writes (given their count) in
/// whatever shows progress to the user.
/// </summary>
public sealed record ChangeSteps(
    Action EnsureCanConfirm,
    Func<CancellationToken, Task<ChangeRequest?>> PrepareAsync,
    Func<int, Func<IProgress<int>, Task<ChangeReport>>, Task<ChangeReport>>? ShowProgress = null);
