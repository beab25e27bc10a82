using System.Text.Json.Nodes;
using DescopeMgmt.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace DescopeMgmt.Emulator.Endpoints;

/// <summary>License handshake and project snapshot export/import/validate.</summary>
internal static class ProjectEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ProjectAccess projects, Func<bool> snapshotExportDisabled)
    {
        app.MapGet("/v1/mgmt/license", context => Wire.WriteAsync(context, new JsonObject { ["rateLimitTier"] = "tier4" }));

        app.MapPost("/v1/mgmt/project/snapshot/export", context =>
        {
            if (snapshotExportDisabled())
            {
                throw new ApiError(403, "E011403", "Forbidden", "snapshot export is not available on this project's plan");
            }

            var projectId = Wire.ProjectId(context);
            var files = projects.Read(projectId, state => SnapshotLayout.Export(projectId, state));
            return Wire.WriteAsync(context, new JsonObject { ["files"] = files });
        });

        app.MapPost("/v1/mgmt/project/snapshot/validate", context =>
        {
            var files = Wire.Body(context)["files"] as JsonObject ?? throw ApiError.Missing("files");
            var (_, _, failures) = SnapshotLayout.Read(files);
            var list = new JsonArray();
            foreach (var failure in failures)
            {
                list.Add((JsonNode)JsonValue.Create(failure));
            }

            return Wire.WriteAsync(context, new JsonObject
            {
                ["ok"] = failures.Count == 0,
                ["failures"] = list,
                ["missingSecrets"] = new JsonObject(),
            });
        });

        app.MapPost("/v1/mgmt/project/snapshot/import", context =>
        {
            var files = Wire.Body(context)["files"] as JsonObject ?? throw ApiError.Missing("files");
            var (flows, theme, failures) = SnapshotLayout.Read(files);
            if (failures.Count > 0)
            {
                throw ApiError.Invalid(string.Join("; ", failures));
            }

            projects.Change(Wire.ProjectId(context), state =>
            {
                foreach (var (id, flow) in flows)
                {
                    state.Flows[id] = flow;
                }

                if (theme is not null)
                {
                    state.Theme = theme;
                }

                return flows.Count;
            });
            return Wire.WriteEmptyAsync(context);
        });
    }
}
