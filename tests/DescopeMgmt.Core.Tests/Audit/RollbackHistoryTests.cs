using DescopeMgmt.Core.Audit;
using Xunit;

namespace DescopeMgmt.Core.Tests.Audit;

public sealed class RollbackHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_auditEntries_keepsRollbacksAndRestoresNewestFirstWithTheirBackups()
    {
        AuditEntry[] entries =
        [
            new() { Time = Start, Operation = "flow import", Outcome = AuditOutcome.Success, Targets = ["flow:a"] },
            new()
            {
                Time = Start.AddMinutes(1), User = "alice", Operation = "flow rollback", Outcome = AuditOutcome.Success,
                Targets = ["flow:a"], RollbackOf = "B1", PreRollbackBackupId = "B2",
            },
            new() { Time = Start.AddMinutes(2), Operation = "tenant rollback", Outcome = AuditOutcome.DryRun, Targets = ["tenant:T1"] },
            new()
            {
                Time = Start.AddMinutes(3), User = "bob", Operation = "backup restore", Outcome = AuditOutcome.Partial,
                Targets = ["flow:a", "flow:b"], RollbackOf = "B0", PreRollbackBackupId = "B3", Error = "flow:b failed",
            },
        ];

        var history = RollbackHistory.From(entries);

        Assert.Equal(["backup restore", "flow rollback"], history.Select(r => r.Operation));
        var restore = history[0];
        Assert.Equal(Start.AddMinutes(3), restore.When);
        Assert.Equal("bob", restore.User);
        Assert.Equal(["flow:a", "flow:b"], restore.Targets);
        Assert.Equal("B0", restore.FromBackupId);
        Assert.Equal("B3", restore.PreRollbackBackupId);
        Assert.Equal(AuditOutcome.Partial, restore.Outcome);
        Assert.Equal("flow:b failed", restore.Error);
    }

    [Theory]
    [InlineData("flow rollback", true)]
    [InlineData("flow rollback --all", true)]
    [InlineData("tenant rollback", true)]
    [InlineData("backup restore", true)]
    [InlineData("flow import", false)]
    [InlineData("apply", false)]
    public void IsRollback_operation_recognisesRollbackCommands(string operation, bool expected)
    {
        Assert.Equal(expected, RollbackHistory.IsRollback(operation));
    }
}
