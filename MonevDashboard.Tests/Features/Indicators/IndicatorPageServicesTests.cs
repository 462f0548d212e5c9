using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
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

    [Fact]
    public async Task ChangeHistoryListsTheIndicatorsEntriesNewestFirstWithTheirChangedFields()
    {
        var id = await IdOfAsync("P1-PMI-TRAINED");
        var other = await IdOfAsync("P2-INFO-EVENTS");
        await using (var db = _database.OpenContext())
        {
            for (var day = 1; day <= 3; day++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    At = new DateTime(2026, 10, day, 2, 0, 0, DateTimeKind.Utc), UserName = "op@kp2mi.go.id", Action = "Update",
                    EntityType = "Observation", EntityKey = $"ind={id}", IndicatorId = id, Year = 2026, Quarter = 3,
                    OldValues = """{"Value":10,"Note":""}""", NewValues = """{"Value":12,"Note":"koreksi"}""", Reason = day == 3 ? "Salah ketik" : null,
                });
            }
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = "Update", EntityType = "Observation", IndicatorId = other });
            await db.SaveChangesAsync();
        }
        await using var scope = _database.Scope();

        var trail = await _database.Get<AuditTrailService>(scope).GetIndicatorTrailAsync(id, take: 2);

        Assert.Equal(3, trail.TotalCount);
        Assert.Equal([3, 2], trail.Items.Select(i => i.At.Day));
        Assert.Equal(["Value", "Note"], trail.Items[0].ChangedFields);
        Assert.Equal("Salah ketik", trail.Items[0].Reason);
    }
}
