using System.Globalization;
using System.Text.Json.Nodes;

namespace DescopeMgmt.Testing;

/// <summary>
/// Builds realistic v2 flow exports of a chosen size for tests and benchmarks, modeled on real
/// exports: automated and screen tasks with {type,value} arguments, errorHandlingV2, fractional view
/// coordinates, screens with nested component trees and {{handlebars}} texts, sub-flow calls, references.
/// Deterministic for a given seed.
/// </summary>
public static class FlowGenerator
{
    private static readonly string[] Actions =
        ["otp-send-email", "otp-verify", "password-signin", "update-user", "exchange-oauth-code", "oauth-start", "magiclink-send", "add-role", "connector-http", "conditions"];

    private static readonly string[] Components = ["text", "input", "button", "image", "divider", "link", "checkbox"];

    public static JsonObject Create(string flowId, int taskCount, int seed = 1, int? screenCount = null)
    {
        var random = new Random(seed);
        var screens = new JsonArray();
        var tasks = new JsonObject();
        var screenTotal = screenCount ?? Math.Max(1, taskCount / 4);

        tasks["start"] = new JsonObject
        {
            ["id"] = "start",
            ["name"] = "start",
            ["next"] = Rules(("", "1")),
            ["view"] = View(0, 0),
        };
        for (var i = 1; i <= taskCount; i++)
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            var nextId = i == taskCount ? "0" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var isScreen = i % 4 == 1 && screens.Count < screenTotal;
            JsonObject task;
            if (isScreen)
            {
                var screenId = $"{flowId}-screen-{screens.Count + 1}";
                screens.Add((JsonNode)Screen(screenId, random));
                task = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = $"Screen {screens.Count}",
                    ["type"] = "screen",
                    ["screenId"] = screenId,
                    ["next"] = Rules(("submit", nextId), ("back", "start")),
                };
            }
            else if (i % 17 == 0)
            {
                task = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = "Call sub-flow",
                    ["type"] = "flow",
                    ["arguments"] = new JsonObject { ["flowId"] = Arg("sub-flow-" + (i % 3)) },
                    ["next"] = Rules(("success", nextId)),
                };
            }
            else
            {
                var action = Actions[random.Next(Actions.Length)];
                task = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = $"Step {i} / {action}",
                    ["type"] = "automated",
                    ["action"] = action,
                    ["arguments"] = new JsonObject
                    {
                        ["redirectUrl"] = Arg("{{app.url}}/callback"),
                        ["templateId"] = Arg($"tmpl-{random.Next(1000)}"),
                        ["prompt"] = new JsonObject { ["type"] = "inline", ["value"] = new JsonArray() },
                        ["allowSetDefaultProvider"] = new JsonObject { ["type"] = "inline", ["value"] = random.Next(2) == 0 },
                    },
                    ["errorHandlingV2"] = new JsonObject
                    {
                        [$"{action}Failed"] = new JsonObject { ["errorHandlingType"] = "automatic" },
                    },
                    ["next"] = Rules(("success", nextId), ("failure", "0")),
                };
            }

            task["view"] = View(i * 252 + random.NextDouble(), random.Next(-300, 300) + 0.5);
            tasks[id] = task;
        }

        tasks["0"] = new JsonObject { ["id"] = "0", ["name"] = "End", ["type"] = "automated", ["action"] = "logged-in", ["next"] = new JsonObject(), ["view"] = View(taskCount * 252 + 252, 0) };

        return new JsonObject
        {
            ["flowId"] = flowId,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"Generated {flowId}",
                ["description"] = $"A generated flow with {taskCount} tasks",
                ["componentsVersion"] = "2.0.295",
            },
            ["contents"] = new JsonObject { ["startTask"] = "start", ["tasks"] = tasks },
            ["screens"] = screens,
            ["references"] = new JsonObject
            {
                ["connectors"] = new JsonObject { ["http-crm"] = new JsonObject { ["type"] = "http", ["name"] = "CRM" } },
                ["roles"] = new JsonObject { ["Tenant Admin"] = new JsonObject { ["name"] = "Tenant Admin" } },
            },
        };
    }

    private static JsonObject Screen(string screenId, Random random)
    {
        var children = new JsonArray();
        var count = random.Next(6, 16);
        for (var c = 0; c < count; c++)
        {
            var type = Components[random.Next(Components.Length)];
            children.Add((JsonNode)new JsonObject
            {
                ["id"] = $"{type}-{c}",
                ["type"] = type,
                ["props"] = new JsonObject
                {
                    ["text"] = type == "text" ? "Welcome back, {{user.name}}! Enter the code we sent to {{form.email}}." : $"{type} {c}",
                    ["size"] = random.Next(2) == 0 ? "md" : "lg",
                    ["style"] = new JsonObject { ["margin"] = "8px 0", ["color"] = "#1c1c1c", ["fontWeight"] = 500 },
                },
            });
        }

        return new JsonObject
        {
            ["screenId"] = screenId,
            ["interactions"] = new JsonArray((JsonNode)new JsonObject { ["id"] = "submit", ["type"] = "button" }, (JsonNode)new JsonObject { ["id"] = "back", ["type"] = "link" }),
            ["contents"] = new JsonObject
            {
                ["type"] = "container",
                ["props"] = new JsonObject { ["direction"] = "column", ["align"] = "center" },
                ["children"] = children,
            },
        };
    }

    private static JsonObject Arg(string value) => new() { ["type"] = "inline", ["value"] = value };

    private static JsonObject View(double x, double y) => new() { ["x"] = x, ["y"] = y };

    private static JsonObject Rules(params (string Interaction, string Task)[] rules)
    {
        var array = new JsonArray();
        foreach (var (interaction, task) in rules)
        {
            array.Add((JsonNode)new JsonObject { ["interactionId"] = interaction, ["taskId"] = task });
        }

        return new JsonObject { ["rules"] = array };
    }
}
