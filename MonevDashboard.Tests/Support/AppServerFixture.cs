namespace MonevDashboard.Tests.Support;

/// <summary>One running app for a test class (xUnit class fixture).</summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    public AppServer App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new AppServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
