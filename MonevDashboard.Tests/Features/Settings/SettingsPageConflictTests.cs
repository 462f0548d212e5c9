using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.Auth;
using MonevDashboard.Domain.Access;

using MonevDashboard.Features.Settings;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Settings;

/// <summary>The settings page when another Admin saved the thresholds first: their values shown, the typed ones kept, a reload offered.</summary>
public sealed class SettingsPageConflictTests : MonevTestContext
{
    private readonly Arranged _arranged;

    public SettingsPageConflictTests() : this(new Arranged())
    {
    }

    private SettingsPageConflictTests(Arranged arranged)
        : base(services => services.AddSingleton(_ => arranged.Service ?? throw new InvalidOperationException("Arrange first."))) =>
        _arranged = arranged;

    private sealed class Arranged
    {
        public SettingsService? Service { get; set; }
    }

    private static IElement Input(IRenderedComponent<SettingsPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public async Task ASaveOverThresholdsSomeoneElseChangedShowsTheirValuesKeepsTheTypedOnesAndReloadsOnRequest()
    {
        await using var database = await TestDatabase.CreateAsync();
        _arranged.Service = database.Get<SettingsService>(database.Scope(TestUser.As("budi@x", Roles.Admin)));
        var page = Render<SettingsPage>();
        page.WaitForAssertion(() => Assert.Equal("90", Input(page, "on-track").GetAttribute("value")));

        await using (var ani = database.Scope(TestUser.As("ani@x", Roles.Admin)))
        {
            var service = database.Get<SettingsService>(ani);
            await service.SaveThresholdsAsync(new StatusThresholds(85, 55), await service.GetThresholdSettingsAsync());
        }
        Input(page, "on-track").Input("95");
        Input(page, "attention").Input("65");
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=edit-conflict]"));
        var message = page.Find("[data-testid=edit-conflict-message]").TextContent;
        Assert.Contains("ani@x", message, StringComparison.Ordinal);
        Assert.Contains("Ambang Tercapai (hijau): 85%; Ambang Perlu perhatian (kuning): 55%", message, StringComparison.Ordinal);
        Assert.Equal(("95", "65"), (Input(page, "on-track").GetAttribute("value"), Input(page, "attention").GetAttribute("value")));
        await using (var check = database.Scope(TestUser.As("ani@x", Roles.Admin)))
        {
            Assert.Equal(new StatusThresholds(85, 55), await database.Get<SettingsService>(check).GetThresholdsAsync());
        }

        page.Find("[data-testid=edit-conflict-reload]").Click();

        page.WaitForAssertion(() => Assert.Equal("85", Input(page, "on-track").GetAttribute("value")));
        Assert.Equal("55", Input(page, "attention").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=edit-conflict]"));
    }
}
