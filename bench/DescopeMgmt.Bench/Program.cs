using DescopeMgmt.Bench;

// Usage: dotnet run -c Release --project bench/DescopeMgmt.Bench -- [rollback|all]
var which = args.Length > 0 ? args[0] : "all";
if (which is "rollback" or "all")
{
    await RollbackBenchmark.RunAsync(flowCount: 50);
}

return 0;
