using System.CommandLine;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Core;
using DescopeMgmt.Emulator;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Commands.Emulator;

internal static class EmulatorServeCommand
{
    private static readonly Option<int> Port = new("--port") { Description = "Loopback port to listen on (0 = any free port).", DefaultValueFactory = _ => 4318 };

    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Folder for persisted state (default: in memory only)." };

    private static readonly Option<string?> RateLimit = new("--rate-limit")
    {
        Description = "Enforce a request limit, e.g. 500/10s: excess requests get 429 with Retry-After and E130429.",
        Recursive = false,
    };

    private static readonly Option<string[]> Faults = new("--fault")
    {
        Description = "Inject faults, repeatable: 503:0.2 (status with probability), reset:0.1 (drop the connection), latency:300ms, stall:2s (headers, then the body stalls), 429-noretryafter, 500@/v2/mgmt/flow/import#3 (the 3rd matching request).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Seed = new("--seed") { Description = "Load data into an empty sample project: 'sample' (flows, theme, tenants)." };

    public static Command Build(CommandRunner runner)
    {
        var command = new Command("serve",
            "Run the Descope Management API emulator on loopback until Ctrl-C. Prints its base URL on the first stdout line. " +
            $"Accepted key: DESCOPE_MANAGEMENT_KEY, else {EmulatorDefaults.LocalManagementKey}.")
        {
            Port, DataDir, RateLimit, Faults, Seed,
        };
        runner.SetAction(command, (parse, context, ct) => RunAsync(
            new Options(parse.GetValue(Port), parse.GetValue(DataDir), parse.GetValue(RateLimit), parse.GetValue(Faults) ?? [], parse.GetValue(Seed)),
            context, ct));
        return command;
    }

    internal sealed record Options(int Port, string? DataDir, string? RateLimit, string[] Faults, string? Seed);

    internal static async Task<int> RunAsync(Options options, CommandContext context, CancellationToken cancellationToken)
    {
        if (options.Seed is not null and not "sample")
        {
            throw new UserError("invalid_seed", $"Unknown seed '{options.Seed}'.", "The only seed is 'sample'.");
        }

        EmulatorOptions emulatorOptions;
        try
        {
            emulatorOptions = new EmulatorOptions
            {
                Port = options.Port,
                DataDir = options.DataDir is null ? null : Path.GetFullPath(options.DataDir, context.Env.CurrentDirectory),
                ManagementKey = CliEnvironment.NonEmpty(context.Env.GetVariable("DESCOPE_MANAGEMENT_KEY")) ?? EmulatorDefaults.LocalManagementKey,
                SeedSample = options.Seed == "sample",
                RateLimit = options.RateLimit is null ? null : RateLimitSpec.Parse(options.RateLimit),
                Faults = options.Faults.Select(FaultSpec.Parse).ToList(),
            };
        }
        catch (FormatException ex)
        {
            throw new UserError("invalid_emulator_option", ex.Message, "See `descope-mgmt emulator serve --help` for the formats.");
        }

        var host = await EmulatorHost.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            context.IO.WriteRawOut(host.BaseUrl.ToString().TrimEnd('/') + "\n");
            context.IO.Info($"Descope emulator listening on {host.BaseUrl} (Ctrl-C to stop).");
            if (options.Seed == "sample")
            {
                context.IO.Info($"Sample project: {EmulatorDefaults.SampleProjectId}");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how a server is meant to stop: a clean exit, not an interruption.
            }
        }

        context.IO.Info("Emulator stopped.");
        return ExitCodes.Success;
    }
}
