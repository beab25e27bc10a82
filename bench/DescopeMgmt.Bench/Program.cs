using DescopeMgmt.Bench;

// Usage: dotnet run -c Release --project bench/DescopeMgmt.Bench -- [rollback|plan|apply|all]
// Prints figures for the budgets of design.md §9; nothing here is asserted by tests.
var which = args.Length > 0 ? args[0] : "all";
if (which is "rollback" or "all")
{
    await RollbackBenchmark.RunAsync(flowCount: 50);
}

if (which is "plan" or "all")
{
    await PlanBenchmark.RunAsync(flowCount: 300, tenantCount: 5000, permissionCount: 100, roleCount: 200);
}

if (which is "apply" or "all")
{
    await ApplyTenantsBenchmark.RunAsync(tenantCount: 1000);
}

return 0;
