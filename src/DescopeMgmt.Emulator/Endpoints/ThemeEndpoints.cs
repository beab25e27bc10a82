using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>
/// Theme export/import. The theme is stored in the v2 shape; v1 wraps it as
/// <c>{id, version, cssTemplate, componentsVersion}</c> with the styles as <c>cssTemplate</c>.
/// </summary>
internal static class ThemeEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects)
    {
        app.MapPost("/v2/mgmt/theme/export", context =>
        {
            var theme = projects.Read(Wire.ProjectId(context), state => state.Theme?.DeepClone()) ?? new JsonObject();
            return Wire.WriteAsync(context, new JsonObject { ["theme"] = theme });
        });

        app.MapPost("/v2/mgmt/theme/import", context =>
        {
            var theme = Wire.Body(context)["theme"] as JsonObject ?? throw ApiError.Missing("theme");
            projects.Change(Wire.ProjectId(context), state => state.Theme = (JsonObject)theme.DeepClone());
            return Wire.WriteAsync(context, new JsonObject { ["theme"] = theme.DeepClone() });
        });

        app.MapPost("/v1/mgmt/theme/export", context =>
        {
            var theme = projects.Read(Wire.ProjectId(context), state => state.Theme?.DeepClone() as JsonObject) ?? [];
            return Wire.WriteAsync(context, new JsonObject { ["theme"] = ToV1(theme) });
        });

        app.MapPost("/v1/mgmt/theme/import", context =>
        {
            var v1 = Wire.Body(context)["theme"] as JsonObject ?? throw ApiError.Missing("theme");
            var v2 = new JsonObject
            {
                ["componentsVersion"] = v1["componentsVersion"]?.DeepClone(),
                ["styles"] = v1["cssTemplate"]?.DeepClone() ?? new JsonObject(),
            };
            projects.Change(Wire.ProjectId(context), state => state.Theme = v2);
            return Wire.WriteAsync(context, new JsonObject { ["theme"] = ToV1(v2) });
        });
    }

    private static JsonObject ToV1(JsonObject v2) => new()
    {
        ["id"] = "theme",
        ["version"] = 1,
        ["cssTemplate"] = v2["styles"]?.DeepClone() ?? new JsonObject(),
        ["componentsVersion"] = v2["componentsVersion"]?.DeepClone(),
        ["codeMode"] = false,
    };
}
