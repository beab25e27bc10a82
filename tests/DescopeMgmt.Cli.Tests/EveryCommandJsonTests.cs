using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Commands;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Runs every command of the real command tree with <c>--output json</c> against the emulator, in a
/// workspace, on success and failure paths, once for the whole class; the tests check what it printed.
/// </summary>
public sealed class EveryCommandJsonRun : IAsyncLifetime
{
    /// <summary>A step: the command (as the tree names it), its arguments, the exit code it must give, and whether its stdout is a live document passed through (flow export, tenant get).</summary>
    public sealed record Step(string Command, string[] Args, int Exit = 0, bool Passthrough = false);

    public sealed record Ran(Step Step, CliResult Result);

    // A name with the characters a default JSON encoder escapes (\u0027, \u0060, \u0022).
    public const string QuotedName = "It's \"quoted\" `ticked` & <b>";

    private CliHarness? _cli;

    public List<Ran> Runs { get; } = [];

    public static IReadOnlyList<Step> Steps(int busyPort) =>
    [
        new("flow validate", []),
        new("plan", []),
        new("drift", [], ExitCodes.ChangesPresent),
        new("drift", ["--format", "json"], ExitCodes.ChangesPresent),
        new("drift", ["--format", "markdown"], ExitCodes.Error),
        new("flow sync", []),
        new("apply", ["--yes"]),
        new("apply", ["--yes"]),
        new("tenant sync", ["--apply", "--yes"]),
        new("pull", ["--dry-run"]),
        new("flow list", []),
        new("flow list", ["extra-argument"], ExitCodes.Error),
        new("flow export", ["sign-in"], Passthrough: true),
        new("flow export", ["--all", "-o", "exported"]),
        new("flow import", ["exported/sign-in.json", "--flow-id", "sign-in-copy", "--yes"]),
        new("flow delete", ["sign-in-copy", "--dry-run"]),
        new("flow delete", ["sign-in-copy", "--yes"]),
        new("flow delete", ["no-such-flow", "--yes"], ExitCodes.Error),
        new("theme export", [], Passthrough: true),
        new("theme import", ["new-theme.json", "--yes"]),
        new("theme export", ["-o", "theme.json"]),
        new("theme import", ["theme.json", "--yes"]),
        new("tenant create", ["t-json", "--name", QuotedName, "--yes"]),
        new("tenant list", []),
        new("tenant get", ["t-json"], Passthrough: true),
        new("tenant get", ["no-such-tenant"], ExitCodes.Error),
        new("tenant update", ["t-json", "--name", "Other", "--dry-run"]),
        new("tenant update", ["t-json", "--name", "Other", "--yes"]),
        new("tenant delete", ["t-json", "--yes"]),
        new("tenant rollback", ["--tenant-id", "t-json", "--backup", "latest", "--yes"]),
        new("password-policy show", [], Passthrough: true),
        new("password-policy set", ["--min-length", "10", "--yes"]),
        new("permission create", ["p.read", "--description", "Read it's all", "--yes"]),
        new("permission update", ["p.read", "--description", "Read", "--yes"]),
        new("permission list", []),
        new("role create", ["r1", "--permission", "p.read", "--yes"]),
        new("role list", []),
        new("role get", ["r1"], Passthrough: true),
        new("user invite", ["--email", "ann@example.com", "--name", "Ann O'Neil", "--yes"]),
        new("user list", []),
        new("user get", ["ann@example.com"], Passthrough: true),
        new("user get", ["nobody@example.com"], ExitCodes.Error),
        new("user update", ["ann@example.com", "--name", "Ann B", "--yes"]),
        new("user disable", ["ann@example.com", "--yes"]),
        new("user enable", ["ann@example.com", "--yes"]),
        new("user role add", ["ann@example.com", "--role", "r1", "--yes"]),
        new("user role set", ["ann@example.com", "--role", "r1", "--yes"]),
        new("user role remove", ["ann@example.com", "--role", "r1", "--yes"]),
        new("user delete", ["ann@example.com", "--dry-run"]),
        new("user delete", ["ann@example.com", "--yes"]),
        new("access-key create", ["k-json", "--role", "r1", "--secrets-out", "k-json.yaml", "--yes"]),
        new("access-key create", ["k-json", "--secrets-out", "k-json-again.yaml", "--yes"], ExitCodes.Error),
        new("access-key list", []),
        new("access-key get", ["k-json"]),
        new("access-key update", ["k-json", "--description", "A key", "--yes"]),
        new("access-key rotate", ["k-json", "--secrets-out", "k-json-rotated.yaml", "--yes"]),
        new("access-key deactivate", ["k-json", "--yes"]),
        new("access-key activate", ["k-json", "--yes"]),
        new("access-key delete", ["k-json", "--dry-run"]),
        new("access-key delete", ["k-json", "--yes"]),
        new("role update", ["r1", "--description", "A role", "--yes"]),
        new("role delete", ["r1", "--yes"]),
        new("permission delete", ["p.read", "--yes"]),
        new("backup create", ["--only", "flows", "--note", "before the JSON test"]),
        new("backup list", []),
        new("backup show", ["latest"]),
        new("backup show", ["no-such-backup"], ExitCodes.Error),
        new("backup diff", ["latest"]),
        new("backup verify", ["--all"]),
        new("backup restore", ["latest", "--dry-run"]),
        new("backup restore", ["latest", "--yes"]),
        new("flow rollback", ["--flow-id", "sign-in", "--backup", "latest", "--yes"]),
        new("backup prune", ["--keep", "100", "--dry-run"]),
        new("rollback history", []),
        new("audit list", []),
        new("audit stats", []),
        new("audit export", []),
        new("audit export", ["--format", "csv"], ExitCodes.Error),
        new("completion", ["bash"]),
        new("completion", ["tcsh"], ExitCodes.Error),
        new("init", ["-C", "fresh"]),
        new("init", [], ExitCodes.Error),
        // A server runs until stopped; its success path (the URL document, then nothing) is covered by
        // the AOT smoke test. Here: the failure on a busy port, which must be a JSON error, not a file error.
        new("emulator serve", ["--port", busyPort.ToString(CultureInfo.InvariantCulture)], ExitCodes.Error),
        // The demo is a narrated tour of a dozen commands, so --output json is a usage error for it.
        new("demo", [], ExitCodes.Error),
    ];

    public async ValueTask InitializeAsync()
    {
        _cli = await TestWorkspace.WorkspaceAsync();
        Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "fresh"));
        TestWorkspace.Write(_cli, "new-theme.json", """{"componentsVersion":"2.0.1","styles":{"light":{"colors":{"primary":"#111111"}}}}""");
        foreach (var step in Steps(_cli.Host.BaseUrl.Port))
        {
            if (step.Command == "init")
            {
                // A new workspace has no environments yet: init names its project the way a first user does.
                _cli.Variables["DESCOPE_PROJECT_ID"] = CliHarness.ProjectId;
                _cli.Variables["DESCOPE_MANAGEMENT_KEY"] = CliHarness.Key;
                _cli.Variables["DESCOPE_BASE_URL"] = _cli.Host.BaseUrl.ToString().TrimEnd('/');
            }

            var result = await _cli.RunAsync([.. step.Command.Split(' '), .. step.Args, "--output", "json"]);
            Runs.Add(new Ran(step, result));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cli is not null)
        {
            await _cli.DisposeAsync();
        }
    }
}

public sealed class EveryCommandJsonTests(EveryCommandJsonRun run) : IClassFixture<EveryCommandJsonRun>
{
    // Names the output vocabulary replaced; none may come back in any document the CLI prints.
    private static readonly string[] RetiredNames = ["time", "when", "fromBackupId", "backupIds", "preRollbackBackupId"];

    [Fact]
    public void CommandTree_everyLeafCommand_hasAJsonCase()
    {
        var root = CommandTree.Build(new CommandRunner(new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            GetVariable = _ => null,
        }));
        var covered = EveryCommandJsonRun.Steps(0).Select(s => s.Command).ToHashSet(StringComparer.Ordinal);

        var leaves = Leaves(root, "").ToList();

        Assert.NotEmpty(leaves);
        Assert.All(leaves, leaf => Assert.True(covered.Contains(leaf), $"`{leaf}` has no case in {nameof(EveryCommandJsonRun)}.{nameof(EveryCommandJsonRun.Steps)}"));
        Assert.All(covered, c => Assert.Contains(c, leaves));
    }

    [Fact]
    public void EveryCommand_outputJson_printsExactlyOneJsonDocumentOnStdout()
    {
        Assert.All(run.Runs, ran =>
        {
            var (step, result) = ran;
            var label = $"{step.Command} {string.Join(' ', step.Args)}";
            Assert.True(step.Exit == result.ExitCode, $"{label}: exit {result.ExitCode}, expected {step.Exit}\n{result.Error}");
            var document = ParseOne(result.Out, label);
            if (!step.Passthrough && result.ExitCode is ExitCodes.Error or ExitCodes.PartialFailure or ExitCodes.Interrupted)
            {
                var error = Assert.IsType<JsonObject>(document["error"], exactMatch: false);
                Assert.False(string.IsNullOrEmpty(error["code"]?.GetValue<string>()), label);
                Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()), label);
            }
        });
    }

    [Fact]
    public void UsageErrors_outputJson_stdoutHoldsTheErrorDocument_andNoHelp()
    {
        var usage = run.Runs.Where(r => r.Step.Command is "flow list" or "drift" or "audit export" or "demo" && r.Result.ExitCode == ExitCodes.Error).ToList();

        Assert.Equal(4, usage.Count);
        Assert.All(usage, r =>
        {
            var error = JsonNode.Parse(r.Result.Out)!["error"]!;
            Assert.Equal("usage_error", error["code"]!.GetValue<string>());
            Assert.Contains("--help", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain("Usage:", r.Result.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void AllDocuments_useTheVocabulary_createdAtAndUtcZ_noRetiredNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var timestamps = new List<string>();
        foreach (var (step, result) in run.Runs.Where(r => !r.Step.Passthrough))
        {
            Collect(JsonNode.Parse(result.Out), names, timestamps);
        }

        Assert.Empty(names.Intersect(RetiredNames));
        Assert.Contains("createdAt", names);
        Assert.Contains("backupId", names);
        Assert.Contains("rollbackOf", names);
        var backup = JsonNode.Parse(run.Runs.Single(r => r.Step.Command == "backup list").Result.Out)!["items"]![0]!.AsObject();
        Assert.True(backup.ContainsKey("targetHost"));
        Assert.False(backup.ContainsKey("host"));
        var plan = JsonNode.Parse(run.Runs.First(r => r.Step.Command == "plan").Result.Out)!.AsObject();
        Assert.True(plan.ContainsKey("targetHost"));
        Assert.False(plan.ContainsKey("host"));
        Assert.NotEmpty(timestamps);
        Assert.All(timestamps, t => Assert.EndsWith("Z", t, StringComparison.Ordinal));
    }

    [Fact]
    public void AllDocuments_keepQuotesApostrophesAndBackticksReadable()
    {
        var listed = run.Runs.Single(r => r.Step.Command == "tenant list").Result.Out;
        var all = string.Concat(run.Runs.Select(r => r.Result.Out));

        Assert.Contains("It's \\\"quoted\\\" `ticked` & <b>", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0060", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0026", all, StringComparison.Ordinal);
        Assert.Equal(EveryCommandJsonRun.QuotedName, JsonNode.Parse(listed)!["items"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "t-json")!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ChangesThatChangeNothing_printTheChangeDocument_notAMessageDocument()
    {
        var noChange = run.Runs.Where(r => r.Step.Command == "apply").Last().Result;
        var dryRun = run.Runs.Single(r => r.Step.Command == "tenant update" && r.Step.Args.Contains("--dry-run")).Result;

        var none = JsonNode.Parse(noChange.Out)!;
        var planned = JsonNode.Parse(dryRun.Out)!;

        Assert.Equal("apply", none["operation"]!.GetValue<string>());
        Assert.Equal("no-changes", none["outcome"]!.GetValue<string>());
        Assert.Empty(none["items"]!.AsArray());
        Assert.Equal("tenant update", planned["operation"]!.GetValue<string>());
        Assert.Equal("dry-run", planned["outcome"]!.GetValue<string>());
        var item = Assert.Single(planned["items"]!.AsArray())!;
        Assert.Equal("tenant:t-json", item["target"]!.GetValue<string>());
        Assert.Equal("planned", item["result"]!.GetValue<string>());
        Assert.Null(planned["backupId"]);
    }

    [Fact]
    public void BusyPort_emulatorServe_isAPortInUseError_notAFileError()
    {
        var result = run.Runs.Single(r => r.Step.Command == "emulator serve").Result;

        var error = JsonNode.Parse(result.Out)!["error"]!;
        Assert.Equal("port_in_use", error["code"]!.GetValue<string>());
        Assert.Contains(run.Runs.Single(r => r.Step.Command == "emulator serve").Step.Args[1], error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("--port 0", error["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("File error", result.All, StringComparison.Ordinal);
    }

    private static JsonNode ParseOne(string stdout, string label)
    {
        Assert.False(string.IsNullOrWhiteSpace(stdout), $"{label}: nothing on stdout");
        try
        {
            // JsonDocument refuses anything after the first value, so a second document or stray text fails here.
            using var parsed = JsonDocument.Parse(stdout);
            Assert.True(parsed.RootElement.ValueKind == JsonValueKind.Object, $"{label}: not a JSON object");
        }
        catch (JsonException ex)
        {
            Assert.Fail($"{label}: stdout is not exactly one JSON document ({ex.Message}):\n{stdout}");
        }

        return JsonNode.Parse(stdout)!;
    }

    private static void Collect(JsonNode? node, HashSet<string> names, List<string> timestamps)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    names.Add(name);
                    Collect(value, names, timestamps);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, names, timestamps);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length >= 19 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    timestamps.Add(text);
                }

                break;
        }
    }

    private static IEnumerable<string> Leaves(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Subcommands.Count == 0)
            {
                yield return path;
            }
            else
            {
                foreach (var leaf in Leaves(sub, path))
                {
                    yield return leaf;
                }
            }
        }
    }
}
