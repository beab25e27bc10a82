using DescopeMgmt.Core.Audit;
using DescopeMgmt.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DescopeMgmt.Core.Tests.Audit;

public sealed class AuditLogTests
{
    private static AuditEntry Entry(DateTimeOffset time, string operation, string outcome, string target = "flow:a", string? error = null) => new()
    {
        Time = time,
        User = "ana",
        Host = "laptop",
        ToolVersion = "0.1.0",
        ProjectId = "P2x",
        Operation = operation,
        Targets = [target],
        Outcome = outcome,
        Error = error,
    };

    [Fact]
    public void Read_corruptLine_isSkippedWithAWarning_notFatal()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.Zero));
        var log = new AuditLog(temp.Path, time, []);
        log.Append(Entry(time.GetUtcNow(), "flow import", "success"));
        File.AppendAllText(Path.Combine(temp.Path, "2025-01-15.jsonl"), "{\"time\":\"2025-01-15T10:00:01Z\",\"user\":\n");
        log.Append(Entry(time.GetUtcNow().AddMinutes(1), "flow rollback", "failed"));

        var result = log.Read(new AuditQuery());

        Assert.Equal(2, result.Entries.Count);
        Assert.Equal("flow rollback", result.Entries[0].Operation);
        Assert.Contains(":2: skipped an unreadable audit entry", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_filters_byOperationTargetTimeAndFailure()
    {
        using var temp = new TempDirectory();
        var start = new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var log = new AuditLog(temp.Path, new FakeTimeProvider(start), []);
        log.Append(Entry(start, "flow import", "success", "flow:a"));
        log.Append(Entry(start.AddDays(1), "tenant update", "partial", "tenant:acme"));
        log.Append(Entry(start.AddDays(2), "flow rollback", "success", "flow:b"));

        Assert.Single(log.Read(new AuditQuery(Operation: "tenant")).Entries);
        Assert.Single(log.Read(new AuditQuery(Target: "flow:b")).Entries);
        Assert.Equal(2, log.Read(new AuditQuery(Since: start.AddHours(1))).Entries.Count);
        Assert.Equal("tenant update", Assert.Single(log.Read(new AuditQuery(FailedOnly: true)).Entries).Operation);
        Assert.Equal(3, Directory.GetFiles(temp.Path, "*.jsonl").Length);
    }

    [Fact]
    public void Append_knownSecret_isRedactedBeforeWriting()
    {
        using var temp = new TempDirectory();
        var time = new FakeTimeProvider();
        var log = new AuditLog(temp.Path, time, ["K2SuperSecretKey"]);

        log.Append(Entry(time.GetUtcNow(), "flow import", "failed", error: "server said K2SuperSecretKey is bad"));

        var text = File.ReadAllText(Directory.GetFiles(temp.Path).Single());
        Assert.DoesNotContain("K2SuperSecretKey", text, StringComparison.Ordinal);
        Assert.Contains("(redacted)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCsv_quotesFieldsWithCommasQuotesAndNewlines()
    {
        var csv = AuditLog.ExportCsv([Entry(DateTimeOffset.UnixEpoch, "flow import", "failed", error: "bad \"thing\", really\nyes")]);

        Assert.Contains("\"bad \"\"thing\"\", really\nyes\"", csv, StringComparison.Ordinal);
        Assert.StartsWith("time,user,host", csv, StringComparison.Ordinal);
    }
}
