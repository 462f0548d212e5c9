using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// The one bUnit base: Mud services, loose JS interop, the app's localizer and an interactive server renderer.
/// xUnit 2 needs IAsyncLifetime here because Mud services are only async-disposable.
/// </summary>
public abstract class MonevTestContext : BunitContext, IAsyncLifetime
{
    static MonevTestContext()
    {
        // bUnit waits one second by default; a page whose data comes from PostgreSQL on a busy 2-core CI machine can
        // take longer to render. A wait ends as soon as its assertion holds, so a passing test costs nothing more.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    /// <param name="configureServices">Services the component needs, added before bUnit freezes its provider
    /// (which happens here, when the renderer info is set).</param>
    protected MonevTestContext(Action<IServiceCollection>? configureServices = null)
    {
        Services.AddMudServices();
        Services.AddLocalization();
        configureServices?.Invoke(Services);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
        // The app's default: Indonesian texts, id-ID formats.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
