using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Tests.Features.AuditLog;

public sealed class AuditDiffFormatterTests
{
    private static readonly AuditReferenceNames s_names = new(
        new Dictionary<int, string> { [3] = "P1-PMI-TRAINED", [7] = "P3-EXPORT-VALUE" },
        new Dictionary<string, string> { ["35"] = "Jawa Timur" },
        new Dictionary<string, (string, string)> { ["SA"] = ("Arab Saudi", "Saudi Arabia") });

    private static readonly AuditDiffFormatter s_format = new(Localizer(), s_names);

    private static IStringLocalizer<SharedResource> Localizer()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");
        return new ServiceCollection().AddLogging().AddMonevLocalization().BuildServiceProvider()
            .GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    private static string[] Diff(string entity, string? old, string? @new) => [.. s_format.Changes(entity, old, @new).Select(c => c.ToString())];

    [Fact]
    public void AChangedValueReadsOldArrowNewInIdIdNumbers()
    {
        Assert.Equal(["Nilai: 120 → 125"], Diff("Observation", """{"Value":120}""", """{"Value":125}"""));
        Assert.Equal(["Nilai: 1.234,5 → 1.234.567,125"], Diff("Observation", """{"Value":1234.5}""", """{"Value":1234567.125}"""));
    }

    [Fact]
    public void AStatusChangeReadsInIndonesianWords()
    {
        Assert.Equal(["Status: Draf → Disampaikan"], Diff("Observation", """{"Status":1}""", """{"Status":2}"""));
        Assert.Equal(["Status: Disampaikan → Dikembalikan", "Alasan dikembalikan: – → Angka tidak sesuai"],
            Diff("Submission", """{"Status":2,"ReturnReason":null}""", """{"Status":4,"ReturnReason":"Angka tidak sesuai"}"""));
    }

    [Fact]
    public void LockingAQuarterShowsTheStateAndTheTimeInWib() =>
        Assert.Equal(["Status: Terbuka → Terkunci", "Dikunci pada: – → 28 Nov 2026 10.00 WIB", "Dikunci oleh: – → admin@monev.go.id"],
            Diff("Period", """{"State":1,"LockedAt":null,"LockedBy":null}""", """{"State":2,"LockedAt":"2026-11-28T03:00:00Z","LockedBy":"admin@monev.go.id"}"""));

    [Fact]
    public void ATargetIsLabelledTargetAndACreateOrDeleteShowsOnlyItsValue()
    {
        Assert.Equal(["Target: 6.000 → 6.100"], Diff("Target", """{"Value":6000}""", """{"Value":6100}"""));
        Assert.Equal(["Target: 30"], Diff("Target", null, """{"IndicatorId":3,"Year":2026,"Quarter":2,"Value":30}"""));
        Assert.Equal(["Target: 1.500 → –"], Diff("Target", """{"IndicatorId":3,"Year":2026,"Quarter":1,"Value":1500}""", null));
    }

    [Fact]
    public void IndicatorMetadataShowsLabelsForEnumsFlagsAndBooleans() =>
        Assert.Equal(["Rincian: jenis kelamin, provinsi → provinsi", "Aktif: Ya → Tidak", "Pemilik: KP2MI → Bersama", "Nilai baseline: 14.000 → 15.000"],
            Diff("Indicator", """{"Disaggregations":3,"IsActive":true,"Owner":2,"BaselineValue":14000}""",
                """{"Disaggregations":2,"IsActive":false,"Owner":3,"BaselineValue":15000}"""));

    [Fact]
    public void ASettingShowsItsNumberInIdId() =>
        Assert.Equal(["Nilai: 90 → 87,5"], Diff("Setting", """{"Value":"90"}""", """{"Value":"87.5"}"""));

    [Theory]
    [InlineData("Observation", "ind=3;2026-Q3;prov=35;country=;sex=P", "P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan")]
    [InlineData("Observation", "ind=7;2025-Q4;prov=;country=SA;sex=", "P3-EXPORT-VALUE · TW IV 2025 · Arab Saudi")]
    [InlineData("Observation", "ind=3;2026-Q1;prov=;country=;sex=", "P1-PMI-TRAINED · TW I 2026")]
    [InlineData("Target", "ind=3;2026-Q0", "P1-PMI-TRAINED · 2026 Tahunan")]
    [InlineData("Target", "ind=3;2026-Q2", "P1-PMI-TRAINED · TW II 2026")]
    [InlineData("Narrative", "ind=99;2026-Q2", "#99 · TW II 2026")]
    [InlineData("Period", "2026-Q3", "TW III 2026")]
    [InlineData("Submission", "Kemendag;2026-Q3", "Kemendag · TW III 2026")]
    [InlineData("Submission", "Kp2mi;2026-Q2", "KP2MI · TW II 2026")]
    [InlineData("Setting", "Status.OnTrackPercent", "Ambang Tercapai (%)")]
    [InlineData("Indicator", "P2-INFO-REACH", "P2-INFO-REACH")]
    [InlineData("User", "viewer@monev.go.id", "viewer@monev.go.id")]
    public void KeysReadWithCodesNamesAndPeriods(string entity, string key, string expected)
    {
        var row = s_format.ToRow(new AuditEntry { EntityType = entity, EntityKey = key, Action = "Update" });

        Assert.Equal(expected, row.KeyText);
    }

    [Fact]
    public void ACreatedObservationLeavesItsKeyFieldsAndEmptyValuesOut() =>
        Assert.Equal(["Nilai: 120", "Sumber: Dinas Jawa Timur", "Status: Draf"],
            Diff("Observation", null,
                """{"IndicatorId":3,"Year":2026,"Quarter":3,"ProvinceCode":"35","CountryCode":"","Sex":"P","Value":120,"Numerator":null,"Source":"Dinas Jawa Timur","Note":"","Status":1}"""));

    [Fact]
    public void UnreadableJsonGivesNoChangesRatherThanAnError()
    {
        Assert.Empty(Diff("Observation", "not json", "[1,2]"));
        Assert.Equal("Dibuat", s_format.ToRow(new AuditEntry { Action = "Create", EntityType = "Observation", EntityKey = "?" }).ActionLabel);
    }

    [Fact]
    public void AnImportEntryNamesItsFieldsInWordsNotInCode() =>
        Assert.Equal(["Nama berkas: data.xlsx", "Sidik berkas (SHA-256): ab12", "Baris dibaca: 1.200", "Angka baru: 3", "Angka diubah: 1", "Angka tetap: 0",
                "Target ditulis: 0"],
            Diff("ImportBatch", null,
                """{"FileName":"data.xlsx","Sha256":"ab12","RowsRead":1200,"Inserted":3,"Updated":1,"Unchanged":0,"TargetsWritten":0,"Reason":null}"""));

    [Fact]
    public void AWorkflowStepListsTheFiguresItMovedNamingTheFirstAndCountingTheRest()
    {
        var keys = Enumerable.Range(1, AuditDiffFormatter.MovedNamed + 2).Select(q => $"\"ind=3;2026-Q3;prov=35;country=;sex={(q % 2 == 0 ? "L" : "P")}\"");
        var changes = Diff("Submission", """{"Status":2}""", $$$"""{"Status":3,"Moved":{"Observation":[{{{string.Join(",", keys)}}}]}}""");

        Assert.Equal("Status: Disampaikan → Terverifikasi", changes[0]);
        Assert.StartsWith("Realisasi yang ikut berpindah status (14): P1-PMI-TRAINED · TW III 2026 · Jawa Timur · Perempuan; ", changes[1], StringComparison.Ordinal);
        Assert.EndsWith("… dan 2 lainnya", changes[1], StringComparison.Ordinal);
    }
}
