using MonevDashboard.Data.Model;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

/// <summary>The indicator page's read services on real SQLite: profile, narrative and change history.</summary>
public sealed class IndicatorPageServicesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(configure: s => s.AddIndicatorsFeature());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> IdOfAsync(string code)
    {
        await using var db = _database.OpenContext();
        return db.Indicators.Single(i => i.Code == code).Id;
    }

    [Fact]
    public async Task ProfileCarriesTheResultsFrameworkFieldsAndUnknownCodesGiveNull()
    {
        await using var scope = _database.Scope();
        var profiles = _database.Get<IndicatorProfileService>(scope);

        var profile = await profiles.GetProfileAsync("P3-REMITTANCE");
        var unknown = await profiles.GetProfileAsync("P9-NOPE");

        Assert.NotNull(profile);
        Assert.Equal(("P3", "USD", Ministry.Kp2mi, TimeAggregation.Sum), (profile.PillarCode, profile.Unit, profile.Owner, profile.Aggregation));
        Assert.Equal((2024, 15_700_000_000d), (profile.BaselineYear, profile.BaselineValue));
        Assert.True(profile.Allows(Disaggregation.Country));
        Assert.False(profile.Allows(Disaggregation.Province));
        Assert.Contains("Bank Indonesia", profile.DataSource, StringComparison.Ordinal);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task NarrativeIsThatOfTheQuarterAndNoneWhenNothingWasWritten()
    {
        var id = await IdOfAsync("P1-PMI-TRAINED");
        await using (var db = _database.OpenContext())
        {
            db.Narratives.Add(new Narrative { IndicatorId = id, Year = 2026, Quarter = 3, Analysis = "Naik", Obstacles = "Jadwal", FollowUpPlan = "Tambah angkatan", UpdatedBy = "op", UpdatedAt = DateTime.UnixEpoch });
            db.Narratives.Add(new Narrative { IndicatorId = id, Year = 2026, Quarter = 1, Analysis = " ", Obstacles = "", FollowUpPlan = "", UpdatedBy = "op", UpdatedAt = DateTime.UnixEpoch });
            await db.SaveChangesAsync();
        }
        await using var scope = _database.Scope();
        var narratives = _database.Get<NarrativeQueryService>(scope);

        var q3 = await narratives.GetNarrativeAsync(id, new YearQuarter(2026, 3));

        Assert.Equal(("Naik", "Jadwal", "Tambah angkatan"), (q3!.Analysis, q3.Obstacles, q3.FollowUpPlan));
        Assert.Null(await narratives.GetNarrativeAsync(id, new YearQuarter(2026, 2)));   // none
        Assert.Null(await narratives.GetNarrativeAsync(id, new YearQuarter(2026, 1)));   // blank counts as none
    }
}
