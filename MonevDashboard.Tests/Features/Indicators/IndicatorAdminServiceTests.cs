using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

public sealed class IndicatorAdminServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_admin = TestUser.As("admin.ind@x", Roles.Admin);

    private TestDatabase _db = null!;
    private IndicatorAdminRow _reach = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.OpenContext();
        var reach = await db.Indicators.SingleAsync(i => i.Code == "P2-INFO-REACH");
        // Two stored figures broken down by province (not by sex).
        db.Observations.AddRange(
            new Observation { IndicatorId = reach.Id, Year = 2026, Quarter = 3, ProvinceCode = "35", Value = 120, UpdatedAt = DateTime.UtcNow },
            new Observation { IndicatorId = reach.Id, Year = 2026, Quarter = 3, ProvinceCode = "33", Value = 80, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        await using var scope = _db.Scope(s_admin);
        _reach = (await _db.Get<IndicatorAdminService>(scope).ListAsync()).Single(r => r.Code == "P2-INFO-REACH");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IndicatorSaveResult> SaveAsync(UserAccess user, IndicatorEdit edit, string? reason = null)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<IndicatorAdminService>(scope).SaveAsync(edit, reason);
    }

    private async Task<string> DigestAsync() => await _db.DigestAsync("Indicators") + await _db.DigestAsync("AuditEntries");

    public static TheoryData<string> NonAdminRoles() => [Roles.OperatorKemendag, Roles.OperatorKp2mi, Roles.Verifier, Roles.Pimpinan, Roles.Viewer];

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task NonAdminsCannotListOrEditIndicatorsAndNothingChanges(string role)
    {
        var user = TestUser.As("someone@x", role, Ministry.Kemendag);
        var before = await DigestAsync();

        await using (var scope = _db.Scope(user))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => _db.Get<IndicatorAdminService>(scope).ListAsync());
        }
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => SaveAsync(user, _reach.ToEdit() with { NameId = "Diubah diam-diam" }));

        Assert.Equal("Anda tidak berwenang untuk mengelola indikator.", denied.Message);
        Assert.Equal(before, await DigestAsync());
    }

    public static TheoryData<IndicatorEdit, IndicatorField, string> InvalidEdits()
    {
        var valid = new IndicatorEdit
        {
            NameId = "Nama", NameEn = "Name", DefinitionId = "Definisi", Unit = "orang", DataSource = "Sumber",
            BaselineYear = 2024, BaselineValue = 10, Disaggregations = Disaggregation.Sex | Disaggregation.Province,
        };
        return new()
        {
            { valid with { NameId = "  " }, IndicatorField.NameId, "Nama (Indonesia) wajib diisi." },
            { valid with { Unit = "" }, IndicatorField.Unit, "Satuan wajib diisi." },
            { valid with { DefinitionId = "" }, IndicatorField.DefinitionId, "Definisi (Indonesia) wajib diisi." },
            { valid with { NameEn = new string('x', 301) }, IndicatorField.NameEn, "Nama (Inggris) terlalu panjang (paling banyak 300 karakter)." },
            { valid with { BaselineYear = 1999 }, IndicatorField.BaselineYear, "Tahun baseline 1999 di luar rentang 2000–2100." },
            { valid with { BaselineYear = 2101 }, IndicatorField.BaselineYear, "Tahun baseline 2101 di luar rentang 2000–2100." },
            { valid with { BaselineYear = null }, IndicatorField.BaselineYear, "Isi tahun baseline untuk nilai baseline ini." },
            { valid with { BaselineValue = null }, IndicatorField.BaselineValue, "Isi nilai baseline untuk tahun ini, atau kosongkan tahunnya." },
            { valid with { BaselineValue = -1 }, IndicatorField.BaselineValue, "Nilai baseline tidak boleh negatif." },
            { valid with { Owner = (Ministry)9 }, IndicatorField.Owner, "Pilih kementerian pemilik." },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public async Task InvalidMetadataIsRefusedWithAnIndonesianMessageOnTheFieldAndNothingChanges(IndicatorEdit invalid, IndicatorField field, string message)
    {
        var before = await DigestAsync();

        var result = await SaveAsync(s_admin, invalid with { Id = _reach.Id });

        Assert.False(result.Saved);
        Assert.Equal(new IndicatorFieldError(field, message), Assert.Single(result.Errors));
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task RemovingADisaggregationThatStoredFiguresUseIsRefusedWithAClearMessage()
    {
        var before = await DigestAsync();

        var result = await SaveAsync(s_admin, _reach.ToEdit() with { Disaggregations = Disaggregation.Sex });

        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.Equal(IndicatorField.Disaggregations, error.Field);
        Assert.Equal("Rincian provinsi tidak dapat dihapus: 2 data realisasi P2-INFO-REACH tersimpan memakainya. Hapus atau pindahkan data itu dulu.", error.Message);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task ADisaggregationNoStoredFigureUsesCanBeRemoved()
    {
        await using (var scope = _db.Scope(s_admin))
        {
            Assert.Equal(Disaggregation.Province, await _db.Get<IndicatorAdminService>(scope).GetUsedDisaggregationsAsync(_reach.Id));
        }

        var result = await SaveAsync(s_admin, _reach.ToEdit() with { Disaggregations = Disaggregation.Province });

        Assert.True(result.Saved);
        await using var db = _db.OpenContext();
        Assert.Equal(Disaggregation.Province, (await db.Indicators.SingleAsync(i => i.Id == _reach.Id)).Disaggregations);
    }

    [Fact]
    public async Task AnIndicatorChangeLeavesOneAuditEntryWithWhoAndOldToNewOfTheChangedFieldsOnly()
    {
        var result = await SaveAsync(s_admin, _reach.ToEdit() with { NameId = "Peserta sosialisasi peluang kerja", BaselineValue = 15000, IsActive = false },
            "Rapat tinjauan TW III");

        Assert.True(result.Saved);
        await using var db = _db.OpenContext();
        var entry = Assert.Single(await db.AuditEntries.ToListAsync());
        Assert.Equal(("admin.ind@x", "Update", "Indicator", "P2-INFO-REACH", (int?)_reach.Id, "Rapat tinjauan TW III"),
            (entry.UserName, entry.Action, entry.EntityType, entry.EntityKey, entry.IndicatorId, entry.Reason));
        var old = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(entry.OldValues!)!;
        var @new = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(entry.NewValues!)!;
        Assert.Equal(["BaselineValue", "IsActive", "NameId"], old.Keys.Order());
        Assert.Equal(["BaselineValue", "IsActive", "NameId"], @new.Keys.Order());
        Assert.Equal((_reach.NameId, "Peserta sosialisasi peluang kerja"), (old["NameId"].GetString(), @new["NameId"].GetString()));
        Assert.Equal((14000d, 15000d), (old["BaselineValue"].GetDouble(), @new["BaselineValue"].GetDouble()));
        Assert.Equal((true, false), (old["IsActive"].GetBoolean(), @new["IsActive"].GetBoolean()));
    }

    [Fact]
    public async Task TextsAreTrimmedAndCodePillarAndAggregationStayAsTheyWere()
    {
        await SaveAsync(s_admin, _reach.ToEdit() with { NameEn = "  Participants reached  ", Unit = " orang " });

        await using var db = _db.OpenContext();
        var stored = await db.Indicators.Include(i => i.Pillar).SingleAsync(i => i.Id == _reach.Id);
        Assert.Equal(("Participants reached", "orang"), (stored.NameEn, stored.Unit));
        Assert.Equal(("P2-INFO-REACH", "P2", TimeAggregation.Sum), (stored.Code, stored.Pillar!.Code, stored.Aggregation));
    }
}
