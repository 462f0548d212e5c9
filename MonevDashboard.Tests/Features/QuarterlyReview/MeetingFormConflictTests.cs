using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.QuarterlyReview;

/// <summary>The meeting form when someone else saved the record first: their values shown, the typed ones kept, a reload offered.</summary>
public sealed class MeetingFormConflictTests : MonevTestContext
{
    private static readonly YearQuarter s_q4 = new(2026, 4);
    private readonly Arranged _arranged;

    public MeetingFormConflictTests() : this(new Arranged())
    {
    }

    private MeetingFormConflictTests(Arranged arranged)
        : base(services =>
        {
            services.AddSingleton(_ => arranged.Review ?? throw new InvalidOperationException("Arrange first."));
            services.AddSingleton(_ => arranged.Guard ?? throw new InvalidOperationException("Arrange first."));
        }) => _arranged = arranged;

    private sealed class Arranged
    {
        public ReviewService? Review { get; set; }
        public AccessGuard? Guard { get; set; }
    }

    private static IElement Chair(IRenderedComponent<MeetingForm> form)
    {
        var element = form.Find("[data-testid=meeting-chair]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public async Task ASaveOverAMeetingRecordSomeoneElseChangedShowsTheirValuesKeepsTheTypedOnesAndReloadsOnRequest()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var ani = database.Scope(TestUser.As("ani@x", Roles.Admin)))
        {
            await database.Get<ReviewService>(ani).SaveMeetingAsync(new MeetingRecord(s_q4, new DateOnly(2026, 12, 3), "Jakarta", "Dirjen PEN", "", "", false));
        }
        var budi = database.Scope(TestUser.As("budi@x", Roles.Admin));
        (_arranged.Review, _arranged.Guard) = (database.Get<ReviewService>(budi), database.Get<AccessGuard>(budi));
        var form = Render<MeetingForm>(p => p.Add(c => c.Period, s_q4));
        form.WaitForAssertion(() => Assert.Equal("Dirjen PEN", Chair(form).GetAttribute("value")));

        await using (var ani = database.Scope(TestUser.As("ani@x", Roles.Admin)))
        {
            var review = database.Get<ReviewService>(ani);
            await review.SaveMeetingAsync(await review.GetMeetingAsync(s_q4) with { Chair = "Sekjen Kemendag" });
        }
        Chair(form).Change("Dirjen KP2MI");
        form.Find("[data-testid=save-meeting]").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=edit-conflict]"));
        var message = form.Find("[data-testid=edit-conflict-message]").TextContent;
        Assert.Contains("ani@x", message, StringComparison.Ordinal);
        Assert.Contains("Pimpinan rapat: “Sekjen Kemendag”", message, StringComparison.Ordinal);
        Assert.Equal("Dirjen KP2MI", Chair(form).GetAttribute("value"));
        Assert.Equal("Sekjen Kemendag", (await database.Get<ReviewService>(budi).GetMeetingAsync(s_q4)).Chair);

        form.Find("[data-testid=edit-conflict-reload]").Click();

        form.WaitForAssertion(() => Assert.Equal("Sekjen Kemendag", Chair(form).GetAttribute("value")));
        Assert.Empty(form.FindAll("[data-testid=edit-conflict]"));
        await budi.DisposeAsync();
    }
}
