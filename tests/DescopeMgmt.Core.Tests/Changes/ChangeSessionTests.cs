using System.Text.Json.Nodes;
using DescopeMgmt.Api;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Backups;
using DescopeMgmt.Core.Changes;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Testing;
using Xunit;

namespace DescopeMgmt.Core.Tests.Changes;

/// <summary>
/// The change session with the real backup store, audit log and lock in a temporary folder; the steps
/// and the read-back are the test's own, standing in for the API (a true boundary here).
/// </summary>
public sealed class ChangeSessionTests : IDisposable
{
    private const string ProjectId = "P2SessionTest";
    private readonly TempDirectory folder = new();
    private readonly List<string> warnings = [];
    private readonly Dictionary<ResourceKey, JsonObject?> live = [];

    public void Dispose() => folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AuditLog Audit => new(folder.Combine("audit"), TimeProvider.System);

    private ChangeSessions Sessions() => new(
        new ChangeIdentity(ProjectId, "dev", "tester", "machine", "0.0.0", "api.descope.com"),
        new BackupStore(folder.Combine("backups"), TimeProvider.System),
        Audit,
        folder.Combine("locks"),
        TimeProvider.System,
        warnings.Add);

    private ChangeItem Write(string id, Action? during = null, Exception? fails = null) =>
        new(ResourceKey.Tenant(id), "update", Doc(id), _ =>
        {
            during?.Invoke();
            if (fails is not null)
            {
                throw fails;
            }

            live[ResourceKey.Tenant(id)] = Doc(id);
            return Task.CompletedTask;
        });

    private static JsonObject Doc(string id) => new() { ["id"] = id, ["name"] = id.ToUpperInvariant() };

    private ChangeRequest Request(params ChangeItem[] items) =>
        new("apply", [new BackupItemContent(ResourceType.Tenant, "before", new JsonObject { ["id"] = "before" })], items, new Reader(this));

    private Task<ChangeReport?> RunAsync(ChangeRequest request, CancellationToken? token = null) =>
        Sessions().Begin("apply").RunAsync(new ChangeSteps(() => { }, _ => Task.FromResult<ChangeRequest?>(request)), token ?? Ct);

    private AuditEntry OnlyRecord() => Assert.Single(Audit.Read(new AuditQuery()).Entries);

    [Fact]
    public async Task RunAsync_whileItemsRun_auditAlreadyHoldsTheAttemptAsUnknownWithItsBackup()
    {
        AuditEntry? seen = null;
        var report = await RunAsync(Request(Write("a", during: () => seen = OnlyRecord())));

        Assert.NotNull(seen);
        Assert.Equal(AuditOutcome.Unknown, seen.Outcome);
        Assert.Equal([report!.BackupId], seen.BackupIds);
        var final = OnlyRecord();
        Assert.Equal(AuditOutcome.Success, final.Outcome);
        Assert.Equal(seen.Id, final.Id);
        Assert.Equal("done", Assert.Single(final.Items!).Result);
    }

    [Fact]
    public async Task RunAsync_readBackFails_itemsAreMayHaveChangedNotFailed_andAuditSaysSo()
    {
        var request = Request(Write("a"), Write("b")) with { ReadBack = new FailingReader() };

        var report = await RunAsync(request);

        Assert.NotNull(report);
        Assert.All(report.Items, i => Assert.Equal(ItemStatus.MayHaveChanged, i.Status));
        Assert.True(report.AnythingChanged);
        Assert.Contains("reading it back failed", report.Items[0].Error, StringComparison.Ordinal);
        Assert.All(OnlyRecord().Items!, i => Assert.Equal("may-have-changed", i.Result));
    }

    [Fact]
    public async Task RunAsync_readsBackOnceForAllWrittenItems_notOncePerItem()
    {
        var reader = new Reader(this);
        var report = await RunAsync(Request(Write("a"), Write("b"), Write("c")) with { ReadBack = reader });

        Assert.True(report!.Succeeded);
        Assert.Equal(1, reader.Calls);
    }

    [Fact]
    public async Task RunAsync_writeAnsweredWith5xx_mayHaveChanged_but4xxRefusal_failedAndNothingChanged()
    {
        var server = await RunAsync(Request(Write("a", fails: new DescopeApiException("update tenant", 503, null, null, null, null))));
        var refused = await RunAsync(Request(Write("b", fails: new DescopeApiException("update tenant", 400, "E011001", "Bad request", null, null))));

        Assert.Equal(ItemStatus.MayHaveChanged, server!.Items[0].Status);
        Assert.Equal(ItemStatus.Failed, refused!.Items[0].Status);
        Assert.False(refused.AnythingChanged);
    }

    [Fact]
    public async Task RunAsync_refusalAfterAnAttemptThatMayHaveActed_isMayHaveChanged()
    {
        var error = new DescopeApiException("update tenant", 409, null, "Conflict", null, null) { EarlierAttemptMayHaveActed = true };

        var report = await RunAsync(Request(Write("a", fails: error)));

        Assert.Equal(ItemStatus.MayHaveChanged, report!.Items[0].Status);
        Assert.Equal(AuditOutcome.MayHaveChanged, OnlyRecord().Outcome);
    }

    [Fact]
    public async Task RunAsync_signalDuringSecondItem_itFinishes_restNotStarted_auditInterruptedWithItems()
    {
        using var signal = new CancellationTokenSource();
        var report = await RunAsync(Request(Write("a"), Write("b", during: signal.Cancel), Write("c")), signal.Token);

        Assert.True(report!.Interrupted);
        Assert.Equal(["done", "done", "not-started"], report.Items.Select(i => i.StatusName));
        var record = OnlyRecord();
        Assert.Equal(AuditOutcome.Interrupted, record.Outcome);
        Assert.Equal(["done", "done", "not-started"], record.Items!.Select(i => i.Result));
    }

    /// <summary>A replacement of tenant <paramref name="id"/> as apply builds it: delete, then create the new document.</summary>
    private IEnumerable<ChangeItem> Replace(string id, Action? duringDelete = null, Exception? createFails = null) => ChangeItem.Replacement(
        ResourceKey.Tenant(id), Doc(id),
        _ =>
        {
            duringDelete?.Invoke();
            live[ResourceKey.Tenant(id)] = null;
            return Task.CompletedTask;
        },
        _ =>
        {
            if (createFails is not null)
            {
                throw createFails;
            }

            live[ResourceKey.Tenant(id)] = Doc(id);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task RunAsync_replacementDone_theDeleteIsNotCheckedAgainstTheNewItem_bothDone_auditedAsTwoSteps()
    {
        live[ResourceKey.Tenant("a")] = new JsonObject { ["id"] = "a", ["name"] = "old" };

        var report = await RunAsync(Request([.. Replace("a")]));

        Assert.True(report!.Succeeded, string.Join("; ", report.Items.Select(i => i.Error)));
        Assert.Empty(report.HalfReplaced);
        Assert.Equal([ChangeItem.ReplaceDelete, ChangeItem.ReplaceCreate], OnlyRecord().Items!.Select(i => i.Action));
    }

    [Fact]
    public async Task RunAsync_replacementsCreateRefused_reportsItHalfReplaced_partial()
    {
        var report = await RunAsync(Request([.. Replace("a", createFails: new DescopeApiException("create tenant", 400, "E011001", "Bad request", null, null))]));

        Assert.Equal(["done", "failed"], report!.Items.Select(i => i.StatusName));
        Assert.Equal([ResourceKey.Tenant("a")], report.HalfReplaced);
        Assert.Equal(AuditOutcome.Partial, report.Outcome);
    }

    [Fact]
    public async Task RunAsync_signalDuringAReplacementsDelete_itFinishes_theCreateIsNotStarted_reportedHalfReplaced()
    {
        using var signal = new CancellationTokenSource();

        var report = await RunAsync(Request([.. Replace("a", duringDelete: signal.Cancel)]), signal.Token);

        Assert.True(report!.Interrupted);
        Assert.Equal(["done", "not-started"], report.Items.Select(i => i.StatusName));
        Assert.Equal([ResourceKey.Tenant("a")], report.HalfReplaced);
        var record = OnlyRecord();
        Assert.Equal(AuditOutcome.Interrupted, record.Outcome);
        Assert.Equal([ChangeItem.ReplaceDelete, ChangeItem.ReplaceCreate], record.Items!.Select(i => i.Action));
    }

    [Fact]
    public async Task RunAsync_signalWhileAWriteWaitsToBeSent_thatItemIsNotStarted_notMayHaveChanged()
    {
        using var signal = new CancellationTokenSource();
        var waiting = new ChangeItem(ResourceKey.Tenant("b"), "update", Doc("b"), _ =>
        {
            signal.Cancel();
            throw new WriteNotSentException("update tenant 'b'", new OperationCanceledException(signal.Token));
        });

        var report = await RunAsync(Request(Write("a"), waiting, Write("c")), signal.Token);

        Assert.True(report!.Interrupted);
        Assert.Equal(["done", "not-started", "not-started"], report.Items.Select(i => i.StatusName));
        Assert.Equal(["done", "not-started", "not-started"], OnlyRecord().Items!.Select(i => i.Result));
    }

    [Fact]
    public async Task RunAsync_auditUnwritableAfterTheStart_changeStillReportedWithBackup_andAuditErrorSet()
    {
        var auditFolder = folder.Combine("audit");
        var report = await RunAsync(Request(Write("a", during: () =>
        {
            // The log's folder turns into a file: every later append fails.
            Directory.Delete(auditFolder, recursive: true);
            File.WriteAllText(auditFolder, "not a folder");
        })));

        Assert.NotNull(report);
        Assert.True(report.Succeeded);
        Assert.False(string.IsNullOrEmpty(report.BackupId));
        Assert.NotNull(report.AuditError);
        Assert.NotEmpty(warnings);
    }

    [Fact]
    public async Task RunAsync_auditUnwritableFromTheStart_changeDoesNotStart_andSaysNothingChanged()
    {
        File.WriteAllText(folder.Combine("audit"), "not a folder");
        var wrote = false;

        var error = await Assert.ThrowsAsync<UserError>(() => RunAsync(Request(Write("a", during: () => wrote = true))));

        Assert.Equal("audit_failed", error.Code);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.False(wrote);
        Assert.False(Directory.Exists(folder.Combine("backups", ProjectId)));
    }

    [Fact]
    public async Task RunAsync_declined_recordsOneAbortedLine_andNoBackup()
    {
        var steps = new ChangeSteps(() => { }, _ => throw new UserError("aborted", "Aborted. Nothing was changed."));

        await Assert.ThrowsAsync<UserError>(() => Sessions().Begin("apply", [ResourceKey.Tenant("a")]).RunAsync(steps, Ct));

        var record = OnlyRecord();
        Assert.Equal(AuditOutcome.Aborted, record.Outcome);
        Assert.Empty(record.BackupIds);
        Assert.False(Directory.Exists(folder.Combine("backups", ProjectId)));
    }

    [Fact]
    public async Task RunAsync_refusedBeforeTheLock_neverReadsLive()
    {
        var prepared = false;
        var steps = new ChangeSteps(
            () => throw new UserError("confirmation_required", "no terminal"),
            _ =>
            {
                prepared = true;
                return Task.FromResult<ChangeRequest?>(null);
            });

        await Assert.ThrowsAsync<UserError>(() => Sessions().Begin("apply").RunAsync(steps, Ct));

        Assert.False(prepared);
        Assert.Equal(AuditOutcome.Aborted, OnlyRecord().Outcome);
    }

    private sealed class Reader(ChangeSessionTests test) : ILiveReader
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<ResourceKey> keys, CancellationToken cancellationToken)
        {
            Calls++;
            IReadOnlyDictionary<ResourceKey, JsonObject?> result = keys.ToDictionary(k => k, k => test.live.GetValueOrDefault(k));
            return Task.FromResult(result);
        }
    }

    private sealed class FailingReader : ILiveReader
    {
        public Task<IReadOnlyDictionary<ResourceKey, JsonObject?>> ReadAsync(IReadOnlyCollection<ResourceKey> keys, CancellationToken cancellationToken) =>
            throw new DescopeApiException("load all tenants", 500, null, "Server error", null, null);
    }
}
