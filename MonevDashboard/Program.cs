using MonevDashboard;
using MonevDashboard.Cli;
using MonevDashboard.Data;

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(DemoMode.ExpandSwitch(args));
builder.AddMonevServices();

var app = builder.Build();
app.UseMonevPipeline();
try
{
    await app.RunAsync();
}
catch (DemoAccountsRefusedException)
{
    // Logged (DemoAccountsRefused) with the commands that fix it; exit without a stack trace.
    return 1;
}
return 0;

/// <summary>Entry point; public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
