using System.Text.Json.Nodes;
using DescopeMgmt.Core.Audit;
using DescopeMgmt.Core.Tests.Backups;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Core.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 15, 23, 59, 0, TimeSpan.Zero);

    private readonly TempDirectory folder = new();
    private readonly FakeTimeProvider clock = new(Start);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Append_entryWithoutTime_writesOneLineToTheUtcDayFileStampedNow()
    {
        var log = NewLog();

        log.Append(Entry("flow import", AuditOutcome.Success, "flow:a") with { Time = default });

        var lines = File.ReadAllLines(Path.Combine(log.Directory, "2025-01-15.jsonl"));
        var line = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal("2025-01-15T23:59:00Z", (string?)line["time"]);
        Assert.Equal("flow import", (string?)line["operation"]);
        Assert.Equal("flow:a", (string?)line["targets"]![0]);
    }

    [Fact]
    public void Append_entriesOnTwoDays_goToTwoFilesAndReadNewestFirst()
    {
        var log = NewLog();
        log.Append(Entry("flow import", AuditOutcome.Success, "flow:a"));
        clock.Advance(TimeSpan.FromMinutes(2));
        log.Append(Entry("apply", AuditOutcome.Success, "tenant:T1"));

        var result = log.Read(new AuditQuery());

        Assert.Equal(["2025-01-15.jsonl", "2025-01-16.jsonl"], Directory.GetFiles(log.Directory).Select(Path.GetFileName).Order());
        Assert.Equal(["apply", "flow import"], result.Entries.Select(e => e.Operation));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Append_onUnix_fileIs0600AndFolder0700()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var log = NewLog();

        log.Append(Entry("apply", AuditOutcome.Success));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(Directory.GetFiles(log.Directory).Single()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(log.Directory));
    }

    [Fact]
    public void Append_entryContainingAKnownSecret_writesRedactedInstead()
    {
        const string key = "K2secret\"key+<value>";
        var log = new AuditLog(folder.Combine("audit"), clock, [key]);

        log.Append(Entry("apply", AuditOutcome.Failed) with
        {
            Error = $"401 for Bearer P2test:{key}",
            Details = new Dictionary<string, string> { [key] = key, ["note"] = "ok" },
        });

        var text = File.ReadAllText(Directory.GetFiles(log.Directory).Single());
        Assert.DoesNotContain("K2secret", text, StringComparison.Ordinal);
        var entry = Assert.Single(log.Read(new AuditQuery()).Entries);
        Assert.Equal("401 for Bearer P2test:(redacted)", entry.Error);
        Assert.Equal("(redacted)", entry.Details!["(redacted)"]);
    }

    [Fact]
    public void Read_corruptAndTornLines_areSkippedWithAWarningNamingFileAndLine()
    {
        var log = NewLog();
        log.Append(Entry("flow import", AuditOutcome.Success));
        var path = Directory.GetFiles(log.Directory).Single();
        File.AppendAllText(path, "{not json}\n");
        log.Append(Entry("apply", AuditOutcome.Success));
        File.AppendAllText(path, "{\"time\":\"2025-01-15T23:59:00Z\",\"oper");

        var result = log.Read(new AuditQuery());

        Assert.Equal(2, result.Entries.Count);
        Assert.Equal([$"{path}:2: skipped unreadable entry", $"{path}:4: skipped unreadable entry"], result.Warnings);
    }

    [Fact]
    public void Read_filters_matchOperationPrefixTargetSubstringTimeRangeAndFailures()
    {
        var log = NewLog();
        log.Append(Entry("flow import", AuditOutcome.Success, "flow:sign-in"));
        clock.Advance(TimeSpan.FromHours(1));
        log.Append(Entry("flow rollback", AuditOutcome.Failed, "flow:sign-up"));
        clock.Advance(TimeSpan.FromHours(1));
        log.Append(Entry("apply", AuditOutcome.Partial, "tenant:T1", "flow:sign-in"));
        clock.Advance(TimeSpan.FromHours(1));
        log.Append(Entry("tenant create", AuditOutcome.Success, "tenant:T2"));

        Assert.Equal(["flow rollback", "flow import"], Operations(log, new AuditQuery(Operation: "flow")));
        Assert.Equal(["apply", "flow import"], Operations(log, new AuditQuery(Target: "SIGN-IN")));
        Assert.Equal(["apply", "flow rollback"], Operations(log, new AuditQuery(FailedOnly: true)));
        Assert.Equal(
            ["apply", "flow rollback"],
            Operations(log, new AuditQuery(Since: Start.AddHours(1), Until: Start.AddHours(2))));
        Assert.Equal(["tenant create"], Operations(log, new AuditQuery(Limit: 1)));
    }

    [Fact]
    public void Read_noAuditFolder_returnsNothing()
    {
        var result = NewLog().Read(new AuditQuery());

        Assert.Empty(result.Entries);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ExportCsv_fieldsWithCommasQuotesAndLineBreaks_areQuotedPerRfc4180()
    {
        var entry = Entry("apply", AuditOutcome.Failed, "flow:a", "tenant:b") with
        {
            Time = Start,
            Error = "bad \"value\", then\nmore",
            Details = new Dictionary<string, string> { ["k"] = "v" },
        };

        var csv = AuditLog.ExportCsv([entry]);

        var rows = csv.Split("\r\n");
        Assert.Equal(
            "createdAt,user,host,toolVersion,projectId,environment,operation,targets,outcome,backupId,rollbackOf,durationMs,error,details",
            rows[0]);
        Assert.Equal(
            "2025-01-15T23:59:00.000Z,alice,box,0.1.0,P2test,dev,apply,flow:a tenant:b,failed,B1,,1200,\"bad \"\"value\"\", then\nmore\",k=v",
            rows[1]);
        Assert.Equal("", rows[2]);
    }

    [Fact]
    public void Stats_entries_countByOperationAndOutcomeWithFirstAndLastTime()
    {
        AuditEntry[] entries =
        [
            Entry("apply", AuditOutcome.Success) with { Time = Start },
            Entry("apply", AuditOutcome.Failed) with { Time = Start.AddHours(2) },
            Entry("flow import", AuditOutcome.Success) with { Time = Start.AddHours(1) },
        ];

        var stats = AuditLog.Stats(entries);

        Assert.Equal(3, stats.Total);
        Assert.Equal(2, stats.ByOperation["apply"]);
        Assert.Equal(1, stats.ByOperation["flow import"]);
        Assert.Equal(2, stats.ByOutcome[AuditOutcome.Success]);
        Assert.Equal(1, stats.ByOutcome[AuditOutcome.Failed]);
        Assert.Equal(Start, stats.First);
        Assert.Equal(Start.AddHours(2), stats.Last);
    }

    private AuditLog NewLog() => new(folder.Combine("audit"), clock);

    private AuditEntry Entry(string operation, string outcome, params string[] targets) => new()
    {
        Time = clock.GetUtcNow(),
        User = "alice",
        Host = "box",
        ToolVersion = "0.1.0",
        ProjectId = "P2test",
        Environment = "dev",
        Operation = operation,
        Targets = targets,
        Outcome = outcome,
        BackupIds = ["B1"],
        DurationMs = 1200,
    };

    private static string[] Operations(AuditLog log, AuditQuery query) =>
        log.Read(query).Entries.Select(e => e.Operation).ToArray();

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
}
