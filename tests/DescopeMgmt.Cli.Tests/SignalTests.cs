using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// SIGTERM (a cancelled CI job), SIGHUP and SIGINT sent to the real descope-mgmt process in the middle of a
/// change: the item in flight finishes, the report names done and not started with the undo and finish
/// commands, the audit says interrupted, exit 130; a second signal ends it at once and the lock stays takeable.
/// </summary>
public sealed class SignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    [InlineData("INT")]
    public async Task Signal_midRollback_finishesItemInFlight_reportsUndoAndFinish_auditsInterrupted_exits130(string signal)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        await using var cli = await CliHarness.StartAsync();
        var backupId = await DeletedFlowsWithBackupAsync(cli, "a1", "a2", "a3", "a4");
        cli.Host.Faults.Add(FaultSpec.Parse("latency:300ms@/v2/mgmt/flow/import"));

        using var child = ChildCli.Start(cli, "flow", "rollback", "--all", "--backup", backupId, "--yes");
        await WaitUntilAsync(child, () => cli.Host.Requests.Snapshot().Any(r => r.Path == "/v2/mgmt/flow/import"));
        Kill(child.Process.Id, signal);
        var exit = await child.WaitAsync();

        Assert.True(exit == 130, child.Error);
        Assert.Contains("interrupted", child.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"done\s+recreate flow:a1", child.Error);
        Assert.Matches(@"not started\s+recreate flow:a4", child.Error);
        Assert.Contains("To undo: descope-mgmt flow rollback --all --backup ", child.Error, StringComparison.Ordinal);
        Assert.Contains($"To finish: descope-mgmt flow rollback --all --backup {backupId}", child.Error, StringComparison.Ordinal);
        var entry = JsonNode.Parse((await cli.RunAsync("audit", "list", "--operation", "flow rollback", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("interrupted", entry["outcome"]!.GetValue<string>());
        Assert.Contains(entry["items"]!.AsArray(), i => i!["target"]!.GetValue<string>() == "flow:a1" && i["result"]!.GetValue<string>() == "done");
        Assert.Contains(entry["items"]!.AsArray(), i => i!["target"]!.GetValue<string>() == "flow:a4" && i["result"]!.GetValue<string>() == "not-started");

        // Finishing the rollback with the printed command brings back every flow.
        cli.Host.Faults.Clear();
        var finish = await cli.RunAsync(["flow", "rollback", "--all", "--backup", backupId, "--yes"], stdin: null, interactive: false, Ct);
        Assert.Equal(0, finish.ExitCode);
        using var client = cli.Client();
        Assert.Equal(["a1", "a2", "a3", "a4"], (await client.Flows.ListAsync(Ct)).Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SecondSigterm_endsAtOnce_auditKeepsTheAttemptAsUnknown_andTheLockIsTakeable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        await using var cli = await CliHarness.StartAsync();
        var backupId = await DeletedFlowsWithBackupAsync(cli, "b1", "b2", "b3");
        // The first import is held until the process is gone, so both signals find it in flight however slow the
        // machine: the emulator drops the delay as soon as the killed process closes its connection.
        cli.Host.Faults.Add(FaultSpec.Parse("latency:120s@/v2/mgmt/flow/import"));

        using var child = ChildCli.Start(cli, "flow", "rollback", "--all", "--backup", backupId, "--yes");
        await WaitUntilAsync(child, () => cli.Host.Faults.Fired > 0);
        Kill(child.Process.Id, "TERM");
        await child.WaitForErrorAsync("stopping once the step in flight is done");
        Kill(child.Process.Id, "TERM");
        var exit = await child.WaitAsync();

        Assert.NotEqual(0, exit);
        var entry = JsonNode.Parse((await cli.RunAsync("audit", "list", "--operation", "flow rollback", "--output", "json")).Out)!["items"]![0]!;
        Assert.Equal("unknown", entry["outcome"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(entry["backupId"]!.GetValue<string>()));
        var listed = await cli.RunAsync("audit", "list");
        Assert.Contains("never recorded its end", listed.Error, StringComparison.Ordinal);
        Assert.Contains($"descope-mgmt backup restore {entry["backupId"]!.GetValue<string>()} --project-id {CliHarness.ProjectId}", listed.Error, StringComparison.Ordinal);

        cli.Host.Faults.Clear();
        var next = await cli.RunAsync(["flow", "rollback", "--all", "--backup", backupId, "--yes"], stdin: null, interactive: false, Ct);
        Assert.True(next.ExitCode == 0, next.All);
    }

    [Fact]
    public async Task Sigterm_duringApplyLocal_isNotIgnored_reportsInterrupted_withUndo()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        using var temp = new DescopeMgmt.Testing.TempDirectory();
        var workspace = temp.Combine("ws");
        Directory.CreateDirectory(workspace);
        await File.WriteAllTextAsync(Path.Combine(workspace, "descope.yaml"), """
            version: 1
            environments:
              local: { projectId: P2LocalSignalTest000000000001, baseUrl: local }
            defaultEnvironment: local
            manage: { flows: all, tenants: true, theme: false, deleteMissing: false }
            """, Ct);
        var yaml = new StringBuilder("tenants:\n");
        for (var i = 0; i < 1500; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ id: t{i}, name: \"Tenant {i}\" }}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(workspace, "tenants.yaml"), yaml.ToString(), Ct);
        var home = temp.Combine("home");
        var variables = new Dictionary<string, string?> { ["DESCOPE_MGMT_HOME"] = home };

        using var child = ChildCli.Start(variables, workspace, "apply", "--yes");
        // The embedded emulator saves each acknowledged write: once a created tenant is in its state, creates are under way.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (!LocalStateHolds(Path.Combine(home, "local"), "\"t5\""))
            {
                Assert.False(child.Process.HasExited, child.Error);
                await Task.Delay(20, timeout.Token);
            }
        }

        Kill(child.Process.Id, "TERM");
        var exit = await child.WaitAsync();

        Assert.True(exit == 130, child.Error);
        Assert.Contains("interrupted", child.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("To undo: descope-mgmt backup restore ", child.Error, StringComparison.Ordinal);
        Assert.Matches(@"not started\s+create tenant:t", child.Error);
    }

    [Fact]
    public async Task Sigterm_duringAnAccessKeyReplacementsDelete_theCreateIsNotStarted_reportSaysTheOldKeyIsDeleted_exits130()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        await using var cli = await CliHarness.StartAsync();
        using (var client = cli.Client())
        {
            await client.AccessKeys.CreateAsync(new Api.AccessKeys.AccessKeyWrite { Name = "deploy", Description = "Deploys" }, Ct);
        }

        Assert.Equal(0, (await cli.RunAsync("init", "--from-live")).ExitCode);
        await File.AppendAllTextAsync(Path.Combine(cli.WorkingDirectory, "access-keys.yaml"), "    expireTime: 4102444800\n", Ct);
        cli.Host.Faults.Add(FaultSpec.Parse("latency:3s@/v1/mgmt/accesskey/delete"));

        using var child = ChildCli.Start(cli, "apply", "--yes", "--secrets-out", Path.Combine(cli.Root, "new-keys.yaml"));
        // The emulator counts the delete when it arrives and holds it 3 s: the signal finds it in flight.
        await WaitUntilAsync(child, () => cli.Host.Faults.Fired > 0);
        Kill(child.Process.Id, "TERM");
        var exit = await child.WaitAsync();

        Assert.True(exit == 130, child.Error);
        Assert.Matches(@"done\s+replace-delete access-key:deploy", child.Error);
        Assert.Matches(@"not started\s+replace-create access-key:deploy", child.Error);
        Assert.Contains("access-key:deploy was replaced halfway: the old one is DELETED and the new one was NOT created", child.Error, StringComparison.Ordinal);
        Assert.Contains("To finish: descope-mgmt apply ", child.Error, StringComparison.Ordinal);
        Assert.Contains("To undo: descope-mgmt backup restore ", child.Error, StringComparison.Ordinal);
        using var after = cli.Client();
        Assert.DoesNotContain(await after.AccessKeys.SearchAsync(null, Ct), k => k.Name == "deploy");
    }

    private static bool LocalStateHolds(string folder, string text)
    {
        try
        {
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                .Any(f => File.ReadAllText(f).Contains(text, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            // Caught between the emulator's write and rename: look again.
            return false;
        }
    }

    private static async Task<string> DeletedFlowsWithBackupAsync(CliHarness cli, params string[] ids)
    {
        await cli.SeedFlowsAsync(ids);
        var backup = await cli.RunAsync("backup", "create", "--only", "flows", "--output", "json");
        Assert.Equal(0, backup.ExitCode);
        foreach (var id in ids)
        {
            Assert.Equal(0, (await cli.RunAsync("flow", "delete", id, "--yes")).ExitCode);
        }

        cli.Host.Requests.Clear();
        return JsonNode.Parse(backup.Out)!["id"]!.GetValue<string>();
    }

    private static async Task WaitUntilAsync(ChildCli child, Func<bool> reached)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!reached())
        {
            Assert.False(child.Process.HasExited, child.Error);
            await Task.Delay(20, timeout.Token);
        }
    }

    private static void Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The built descope-mgmt.dll as its own process, with the harness's environment and captured streams.</summary>
    private sealed class ChildCli : IDisposable
    {
        private readonly StringBuilder _error = new();
        private readonly Lock _gate = new();

        private ChildCli(Process process)
        {
            Process = process;
        }

        public Process Process { get; }

        public string Error
        {
            get
            {
                lock (_gate)
                {
                    return _error.ToString();
                }
            }
        }

        public static ChildCli Start(CliHarness cli, params string[] args) => Start(cli.Variables, cli.WorkingDirectory, args);

        public static ChildCli Start(IReadOnlyDictionary<string, string?> variables, string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                RedirectStandardInput = true,
                WorkingDirectory = workingDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "descope-mgmt.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in variables)
            {
                start.Environment[name] = value;
            }

            var child = new ChildCli(Process.Start(start)!);
            child.Process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (child._gate)
                    {
                        child._error.AppendLine(e.Data);
                    }
                }
            };
            child.Process.OutputDataReceived += (_, _) => { };
            child.Process.BeginErrorReadLine();
            child.Process.BeginOutputReadLine();
            child.Process.StandardInput.Close();
            return child;
        }

        public async Task WaitForErrorAsync(string text)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (!Error.Contains(text, StringComparison.Ordinal))
            {
                Assert.False(Process.HasExited, Error);
                await Task.Delay(20, timeout.Token);
            }
        }

        public async Task<int> WaitAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await Process.WaitForExitAsync(timeout.Token);
            Process.WaitForExit();
            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
