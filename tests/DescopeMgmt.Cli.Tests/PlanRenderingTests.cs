using System.Text.Json.Nodes;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core.Model;
using DescopeMgmt.Core.Planning;
using Spectre.Console;

namespace DescopeMgmt.Cli.Tests;

/// <summary>
/// Golden output of the plan renderers (conventions example 10): a reviewer sees the exact text users
/// get. Set UPDATE_GOLDEN=1 to rewrite the files after an intended change, then review the git diff.
/// </summary>
public sealed class PlanRenderingTests
{
    private static Plan SamplePlan()
    {
        var longScript = new string('x', 300);
        var live = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "Sign In" } };
        var desired = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "Sign In v2" } };
        return new Plan(
        [
            new ResourceChange(ResourceKey.Flow("sign-in"), ChangeAction.Update,
            [
                new PropertyChange("metadata.name", ChangeKind.Modified, JsonValue.Create("Sign In"), JsonValue.Create("Sign In v2")),
                new PropertyChange("contents.tasks[\"7\"]", ChangeKind.Added, null, new JsonObject { ["id"] = "7", ["type"] = "action" }),
                new PropertyChange("screens[\"welcome\"].script", ChangeKind.Modified, JsonValue.Create("short"), JsonValue.Create(longScript)),
                new PropertyChange("metadata.description", ChangeKind.Removed, JsonValue.Create("old text"), null),
            ], live, desired),
            new ResourceChange(ResourceKey.Tenant("acme-eu"), ChangeAction.Create, [], null, new JsonObject { ["id"] = "acme-eu", ["name"] = "Acme EU" }),
            new ResourceChange(ResourceKey.Tenant("old-co"), ChangeAction.Delete, [], new JsonObject { ["id"] = "old-co", ["name"] = "Old Co" }, null),
            new ResourceChange(ResourceKey.Tenant("acme"), ChangeAction.NoChange, [], new JsonObject(), new JsonObject()),
        ],
        [ResourceKey.Flow("legacy-login")]);
    }

    private static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "Plan", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Golden", "Plan", name);
            File.WriteAllText(source, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteText_updateCreateDeleteAndUnmanaged_matchesGolden()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;

        PlanRenderer.WriteText(console, SamplePlan());

        AssertGolden("text.txt", writer.ToString());
    }

    [Fact]
    public void WriteText_driftVoice_reportsStateNotIntent_matchesGolden()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;

        PlanRenderer.WriteText(console, SamplePlan(), DiffVoice.Drift);

        AssertGolden("drift.txt", writer.ToString());
    }

    [Fact]
    public void Markdown_updateCreateDeleteAndUnmanaged_matchesGolden()
    {
        AssertGolden("markdown.md", PlanRenderer.Markdown(SamplePlan(), "descope-mgmt drift", "project P2abc (environment 'prod') on api.descope.com", "sha256:0123abcd"));
    }
}
