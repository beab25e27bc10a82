using System.Text.Json.Nodes;
using DescopeMgmt.Testing;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// `completion SHELL` prints a script that, on TAB, asks `descope-mgmt [suggest:N] LINE` for the words that can
/// come next. The bash script is run by a real bash against the built CLI; zsh and fish where installed.
/// </summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _descope_mgmt_complete descope-mgmt")]
    [InlineData("zsh", "compdef _descope_mgmt descope-mgmt")]
    [InlineData("fish", "complete -c descope-mgmt -f -a '(__descope_mgmt_complete)'")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName 'descope-mgmt'")]
    public async Task Completion_eachShell_printsItsScriptForTheProgram(string shell, string registration)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Out, StringComparison.Ordinal);
        Assert.StartsWith(shell == "zsh" ? "#compdef descope-mgmt\n" : "# ", result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Completion_outputJson_isOneDocumentHoldingTheScript()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("completion", "fish", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        Assert.Equal("fish", document["shell"]!.GetValue<string>());
        Assert.Equal((await cli.RunAsync("completion", "fish")).Out, document["script"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completion_unknownShell_exits1_namingTheShells()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("completion", "tcsh");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bash", result.Error, StringComparison.Ordinal);
        Assert.Contains("pwsh", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fl", "flow")]
    [InlineData("descope-mgmt fl", "flow")]
    [InlineData("flow ro", "rollback")]
    [InlineData("flow list --output ", "json\ntext")]
    [InlineData("flow list --output j", "json")]
    [InlineData("completion ", "bash\nfish\npwsh\nzsh")]
    [InlineData("emulator serve --r", "--rate-limit")]
    [InlineData("emulator serve --", "--data-dir\n--fault\n--help\n--no-color\n--output\n--port\n--quiet\n--rate-limit\n--seed")]
    [InlineData("role get \"Billing Admin\" --t", "--tenant")]
    [InlineData("flow import ", "")]
    public async Task Suggest_textBeforeTheCursor_printsTheWordsThatCanFollow(string line, string expected)
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, string.Join('\n', result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Suggest_positionInsideTheLine_completesTheWordAtTheCursor()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("[suggest:2]", "fl list");

        Assert.Equal("flow\n", result.Out);
    }

    [Theory]
    [InlineData("descope-mgmt fl", "flow")]
    [InlineData("descope-mgmt flow list --output j", "json")]
    [InlineData("descope-mgmt tenant sync --a", "--apply")]
    public async Task BashScript_sourced_completesAgainstTheBuiltCli(string line, string expected)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "bash");
        using var temp = new TempDirectory();
        var script = await ScriptFileAsync(temp, "bash");
        var words = line.Split(' ');
        var bash = $$"""
            source '{{script}}'
            COMP_LINE='{{line}}'; COMP_POINT={{line.Length}}; COMP_WORDS=({{line}}); COMP_CWORD={{words.Length - 1}}
            _descope_mgmt_complete
            printf '%s\n' "${COMPREPLY[@]}"
            complete -p descope-mgmt
            """;

        var result = await ChildProcess.RunAsync("bash", ["--noprofile", "--norc", "-c", bash], ShimOnPath(temp));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal($"{expected}\ncomplete -o default -F _descope_mgmt_complete descope-mgmt\n", result.Out);
    }

    [Fact]
    public async Task ZshScript_sourced_offersTheWordsToCompadd()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/zsh") || File.Exists("/bin/zsh"), "zsh is not installed");
        using var temp = new TempDirectory();
        var script = await ScriptFileAsync(temp, "zsh");
        // compdef and compadd stand in for zsh's completion system, which needs a terminal.
        var zsh = $$"""
            compdef() { print -r -- "compdef $*" }
            compadd() { shift; print -rl -- "$@" }
            _files() { print -r -- "(files)" }
            source '{{script}}'
            words=(descope-mgmt flow li) CURRENT=3 PREFIX=li
            _descope_mgmt
            words=(descope-mgmt flow import '') CURRENT=4 PREFIX=''
            _descope_mgmt
            """;

        var result = await ChildProcess.RunAsync("zsh", ["-f", "-c", zsh], ShimOnPath(temp));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("compdef _descope_mgmt descope-mgmt\nlist\n(files)\n", result.Out);
    }

    [Fact]
    public async Task FishScript_sourced_completesAgainstTheBuiltCli()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/fish") || File.Exists("/bin/fish"), "fish is not installed");
        using var temp = new TempDirectory();
        var script = await ScriptFileAsync(temp, "fish");

        var result = await ChildProcess.RunAsync("fish", ["--no-config", "-c", $"source '{script}'; complete -C 'descope-mgmt tenant sy'"], ShimOnPath(temp));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("sync\n", result.Out);
    }

    private static async Task<string> ScriptFileAsync(TempDirectory temp, string shell)
    {
        await using var cli = await CliHarness.StartAsync();
        var printed = await cli.RunAsync("completion", shell);
        Assert.Equal(0, printed.ExitCode);
        var path = temp.Combine("descope-mgmt." + shell);
        await File.WriteAllTextAsync(path, printed.Out, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>PATH with a descope-mgmt first that runs the CLI these tests were built with.</summary>
    private static Dictionary<string, string?> ShimOnPath(TempDirectory temp)
    {
        var bin = temp.Combine("bin");
        Directory.CreateDirectory(bin);
        var shim = Path.Combine(bin, "descope-mgmt");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "descope-mgmt.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new() { ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
    }
}
