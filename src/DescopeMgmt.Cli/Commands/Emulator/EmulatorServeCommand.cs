using System.CommandLine;
using System.Net;
using DescopeMgmt.Cli.App;
using DescopeMgmt.Cli.Rendering;
using DescopeMgmt.Core;
using DescopeMgmt.Emulator;
using DescopeMgmt.Emulator.Faults;

namespace DescopeMgmt.Cli.Commands.Emulator;

internal static class EmulatorServeCommand
{
    private static readonly Option<int> Port = PortOption();

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
            "Run the Descope Management API emulator on loopback until stopped. Prints its base URL on the first stdout line. " +
            "SIGINT (Ctrl-C), SIGTERM or SIGHUP stop it cleanly after the requests in flight, with its state saved, and exit 0. " +
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

        // A server is stopped by a signal (a service manager's SIGTERM, a closed terminal's SIGHUP, Ctrl-C),
        // which cancels the command's token; for a server that is a requested stop, not an interruption.
        // Each state change is already saved atomically when it is acknowledged, so stopping the host is
        // all the flushing there is.
        EmulatorHost host;
        try
        {
            host = await EmulatorHost.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SocketErrors.IsAddressInUse(ex))
        {
            throw new UserError("port_in_use", $"Cannot start the emulator: port {options.Port} on 127.0.0.1 is already in use by another program.",
                $"Stop what listens there (is an emulator already running? try http://127.0.0.1:{options.Port}), or pick another port: " +
                "`descope-mgmt emulator serve --port 0` takes any free one and prints its URL.", ex);
        }

        await using (host.ConfigureAwait(false))
        {
            var baseUrl = host.BaseUrl.ToString().TrimEnd('/');
            // The URL is the result (a script starting the server reads it from stdout); the server then
            // runs until stopped and prints nothing more there.
            context.IO.Result(new EmulatorDocument(baseUrl, options.Seed == "sample" ? EmulatorDefaults.SampleProjectId : null), CliJsonContext.Default.EmulatorDocument,
                (_, _) => context.IO.WriteRawOut(baseUrl + "\n"));
            context.IO.Flush();
            foreach (var warning in host.StartupWarnings)
            {
                context.IO.Warn(warning);
            }

            context.IO.Info($"Descope emulator listening on {host.BaseUrl} (Ctrl-C or SIGTERM to stop).");
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
                // The requested stop: a clean exit, not an interruption.
            }
        }

        context.IO.Info("Emulator stopped.");
        return ExitCodes.Success;
    }

    private static Option<int> PortOption()
    {
        var option = new Option<int>("--port") { Description = "Loopback port to listen on, 1-65535 (0 = any free port).", DefaultValueFactory = _ => 4318 };
        option.Validators.Add(result =>
        {
            var port = result.GetValueOrDefault<int>();
            if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            {
                result.AddError($"--port must be between 0 and {IPEndPoint.MaxPort}, not {port}.");
            }
        });
        return option;
    }
}
