namespace DescopeMgmt.Core.Workspace;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One thing wrong with the workspace, located as file:line:column when known.</summary>
public sealed record WorkspaceProblem(ProblemSeverity Severity, string File, int? Line, int? Column, string Message)
{
    public string Location => Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    public override string ToString() => $"{Location}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";

    public static WorkspaceProblem Error(string file, int? line, int? column, string message) => new(ProblemSeverity.Error, file, line, column, message);

    public static WorkspaceProblem Warning(string file, int? line, int? column, string message) => new(ProblemSeverity.Warning, file, line, column, message);
}

/// <summary>Thrown when the workspace has errors: every problem is listed at once.</summary>
public sealed class WorkspaceInvalidError(IReadOnlyList<WorkspaceProblem> problems)
    : UserError("workspace_invalid",
        $"The workspace has {Errors(problems)}:\n" + string.Join('\n', problems.Select(p => "  " + p)),
        "Fix the files named above and run the command again (`descope-mgmt flow validate` checks the workspace alone, without the API).")
{
    public IReadOnlyList<WorkspaceProblem> Problems { get; } = problems;

    private static string Errors(IReadOnlyList<WorkspaceProblem> problems) =>
        problems.Count(p => p.Severity == ProblemSeverity.Error) is var count && count == 1 ? "1 error" : $"{count} errors";
}
