using DescopeMgmt.Cli.App;

using var signals = new StopSignals(Console.Error);
return await CliApp.RunAsync(args, CliEnvironment.FromProcess(), signals.Token);
