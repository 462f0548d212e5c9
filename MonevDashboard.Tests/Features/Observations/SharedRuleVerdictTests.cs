using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Cli;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.ExcelImport;

using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Targets;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.Observations;

/// <summary>
/// One value, every path: the entry grid (the cell's own check and DataEntryService.SaveAsync), the admin target page,
/// the web import's preview and the command line's <c>import --dry-run</c> give the same verdict in the same words,
/// because they all ask <see cref="ObservationRules"/> and <see cref="TargetRules"/>.
/// </summary>
public sealed class SharedRuleVerdictTests : MonevTestContext
{
    private const string Admin = "admin@monev.go.id";
    private const string Password = "Rahasia#2026";
    private static readonly YearQuarter s_q3 = new(2026, 3);

    public SharedRuleVerdictTests() : base(services => services.AddScoped<ObservationRules>())
    {
    }

    /// <summary>A figure as typed: indicator, province, country, value or numerator/denominator, the previous quarter's
    /// value (for the jump), whether the indicator lets the numerator exceed the denominator, and the expected rule
    /// (null: accepted; a warning is accepted with the warning).</summary>
    public static IEnumerable<object?[]> Figures =>
    [
        ["accepted", "P3-UMKM-FACILITATED", "35", "", 120d, null, null, 100d, false, null, false],
        ["negative count", "P3-UMKM-FACILITATED", "35", "", -3d, null, null, null, false, "Rule.Negative", false],
        ["not finite", "P3-UMKM-FACILITATED", "35", "", double.PositiveInfinity, null, null, null, false, "Rule.NotFinite", false],
        ["disaggregation not allowed", "P3-UMKM-FACILITATED", "", "MY", 5d, null, null, null, false, "Rule.CountryNotAllowed", false],
        ["numerator above denominator", "P1-SKILLED-SHARE", "", "MY", null, 120d, 100d, 50d, false, "Rule.NumeratorAboveDenominator", false],
        ["denominator zero", "P1-SKILLED-SHARE", "", "MY", null, 5d, 0d, 50d, false, "Rule.DenominatorPositive", false],
        ["ratio overflow", "P1-SKILLED-SHARE", "", "MY", null, 1e308, 1e-308, 50d, true, "Rule.RatioOverflow", false],
        ["tenfold jump", "P3-UMKM-FACILITATED", "35", "", 500d, null, null, 10d, false, "Rule.Jump", true],
        ["tenfold jump of a ratio", "P1-SKILLED-SHARE", "", "MY", null, 60d, 100d, 5d, false, "Rule.Jump", true],
        ["exactly tenfold", "P3-UMKM-FACILITATED", "35", "", 100d, null, null, 10d, false, null, false],
    ];

    [Theory]
    [MemberData(nameof(Figures))]
    public async Task TheSameFigureGetsTheSameVerdictInTheEntryGridTheImportAndTheCommandLine(
        string name, string code, string province, string country, double? value, double? numerator, double? denominator,
        double? previous, bool numeratorMayExceed, string? rule, bool warning)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        await using var database = await ArrangeAsync(code, province, country, previous, numeratorMayExceed);
        var ministry = code == "P1-SKILLED-SHARE" ? Ministry.Kp2mi : Ministry.Kemendag;
        var key = new CellKey(code, province, country, "");
        var expected = await ExpectedMessageAsync(database, code, province, country, value, numerator, denominator, previous, rule);

        // The entry grid's cell, as the official types it (when the grid has such a cell at all).
        if (!name.StartsWith("disaggregation", StringComparison.Ordinal) && double.IsFinite(value ?? 0))
        {
            string? cellProblem;
            await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
            {
                var sheet = await database.Get<DataEntryService>(scope).GetSheetAsync(s_q3, ministry);
                var section = sheet.Sections.Single(s => s.Code == code);
                var grid = Render<EntrySectionEditor>(p => p.Add(c => c.Section, section).Add(c => c.Drafts, new Dictionary<CellKey, CellDraft>())
                    .Add(c => c.ProvinceNames, sheet.ProvinceNames).Add(c => c.CountryNames, sheet.CountryNames));
                var cell = $"{province}{country}|";
                if (section.IsRatio)
                {
                    grid.Find($"input[data-cell='{cell}|num']").Change(Typed(numerator));
                    grid.Find($"input[data-cell='{cell}|den']").Change(Typed(denominator));
                }
                else
                {
                    grid.Find($"input[data-cell='{cell}|value']").Change(Typed(value));
                }
                cellProblem = grid.Find($"input[data-cell='{cell}|{(section.IsRatio ? "num" : "value")}']").GetAttribute("title");
            }
            Assert.Equal(expected ?? "", cellProblem ?? "");
        }

        // The entry grid's save: errors refuse, a warning does not (the page asks to confirm it).
        await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
        {
            var saved = await database.Get<DataEntryService>(scope).SaveAsync(s_q3, ministry, [new CellEdit(key, value, numerator, denominator, null)], null);
            Assert.Equal(Expect(rule is null || warning ? null : expected), saved.Errors.Select(e => e.Message).ToArray());
            await ResetAsync(database, code);
        }

        if (!double.IsFinite(value ?? 0))
        {
            return; // A workbook cell cannot hold a value that is not finite.
        }
        var workbook = DataWorkbook(Row(code, 2026, 3, NullIfEmpty(province), NullIfEmpty(country), null, value, numerator, denominator));

        // The web import's preview.
        await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
        {
            var preview = await database.Get<ImportService>(scope).PreviewAsync(new MemoryStream(workbook), "data.xlsx", workbook.Length);
            var issues = preview.Issues.Where(i => i.Sheet == "Data" && i.Row > 0).ToList();
            Assert.Equal(Expect(rule is null ? null : $"{rule}|{expected}|{warning}"), issues.Select(i => $"{i.Rule}|{i.Message}|{i.IsWarning}").ToArray());
        }

        // The command line's dry run prints the same message (and refuses the file when it is an error).
        var (exit, output) = await DryRunAsync(database, workbook);
        Assert.True(rule is null || output.Contains(expected!, StringComparison.Ordinal), output);
        Assert.Equal(rule is null || warning, exit == 0);
    }

    [Theory]
    [InlineData("P1-PMI-TRAINED", 1500.5, "Rule.WholeNumber")]
    [InlineData("P1-PMI-TRAINED", 1500, null)]
    [InlineData("P3-REMITTANCE", 1500.5, null)]
    public async Task AFractionalTargetForACountGetsTheSameVerdictOnTheAdminPageTheImportAndTheCommandLine(string code, double value, string? rule)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        await using var database = await ArrangeAsync("P1-PMI-TRAINED", "", "", null, false);
        int indicatorId;
        await using (var db = database.OpenContext())
        {
            indicatorId = await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
        }
        string? expected;
        await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
        {
            var indicator = await LoadIndicatorAsync(database, code);
            var violations = database.Get<TargetRules>(scope).Validate(indicator, indicator.Code, 2026, 0, value);
            Assert.Equal(Expect(rule), violations.Select(v => v.Rule).ToArray());
            expected = violations.Count > 0 ? violations[0].Message : null;
            // The admin grid flags it while typing, with the same words.
            var targets = database.Get<TargetAdminService>(scope);
            Assert.Equal(expected, targets.ValueProblem(value, TargetRules.WholeUnitOf(indicator)));

            var admin = await targets.SaveAsync(2026, [new TargetEdit(indicatorId, 0, value, null, 0)]);
            Assert.Equal(Expect(expected), admin.Errors.Select(e => e.Message).ToArray());
        }
        await using (var db = database.OpenContext())
        {
            Assert.Equal(rule is null, await db.Targets.AnyAsync(t => t.IndicatorId == indicatorId && t.Year == 2026 && t.Quarter == 0 && t.Value == value));
            await db.Targets.ExecuteDeleteAsync();
        }

        await TheImportAndTheCommandLineSayAsync(database, [code, 2026, null, value], expected);
    }

    [Theory]
    [InlineData(2024, "Rule.TargetYearOutOfRange")]
    [InlineData(2030, "Rule.TargetYearOutOfRange")]
    [InlineData(2025, null)]
    [InlineData(2029, null)]
    public async Task TheSameTargetYearGetsTheSameVerdictOnTheAdminPageTheImportAndTheCommandLine(int year, string? rule)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        await using var database = await ArrangeAsync("P1-PMI-TRAINED", "", "", null, false);
        int indicatorId;
        await using (var db = database.OpenContext())
        {
            indicatorId = await db.Indicators.Where(i => i.Code == "P1-PMI-TRAINED").Select(i => i.Id).SingleAsync();
        }
        string? expected = null;
        await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
        {
            var indicator = await LoadIndicatorAsync(database, "P1-PMI-TRAINED");
            var violations = database.Get<TargetRules>(scope).Validate(indicator, indicator.Code, year, 0, 5000);
            Assert.Equal(Expect(rule), violations.Select(v => v.Rule).ToArray());
            expected = violations.Count > 0 ? violations[0].Message : null;

            var admin = await database.Get<TargetAdminService>(scope).SaveAsync(year, [new TargetEdit(indicatorId, 0, 5000, null, 0)]);
            Assert.Equal(Expect(expected), admin.Errors.Select(e => e.Message).ToArray());
        }
        await using (var db = database.OpenContext())
        {
            await db.Targets.ExecuteDeleteAsync();
        }

        await TheImportAndTheCommandLineSayAsync(database, ["P1-PMI-TRAINED", year, null, 5000], expected);
    }

    /// <summary>A workbook with one target row gets <paramref name="expected"/> (or nothing) from the import and the command line.</summary>
    private static async Task TheImportAndTheCommandLineSayAsync(TestDatabase database, object?[] targetRow, string? expected)
    {
        var workbook = Build(wb =>
        {
            Sheet(wb, "Data", DataHeader, [Row("P4-COORD-MEETINGS", 2026, 3, value: 2)]);
            Sheet(wb, "Target", TargetHeader, [targetRow]);
        });
        await using (var scope = database.Scope(TestUser.As(Admin, Roles.Admin)))
        {
            var preview = await database.Get<ImportService>(scope).PreviewAsync(new MemoryStream(workbook), "target.xlsx", workbook.Length);
            Assert.Equal(Expect(expected), preview.Errors.Select(e => e.Message).ToArray());
        }
        var (exit, output) = await DryRunAsync(database, workbook);
        Assert.True(expected is null || output.Contains(expected, StringComparison.Ordinal), output);
        Assert.Equal(expected is null, exit == 0);
    }

    [Theory]
    [InlineData(2023, "Rule.YearOutOfRange")]
    [InlineData(2030, "Rule.YearOutOfRange")]
    [InlineData(2024, null)]
    [InlineData(2026, null)]
    public async Task ANarrativeTakesTheYearsAFigureTakesWithTheSameWords(int year, string? rule)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        await using var database = await ArrangeAsync("P3-UMKM-FACILITATED", "", "", null, false);
        await using var scope = database.Scope(TestUser.As(Admin, Roles.Admin));
        var expected = database.Get<ObservationRules>(scope).PeriodViolations(year, 1);
        Assert.Equal(Expect(rule), expected.Select(v => v.Rule).ToArray());

        string? narrative = null;
        try
        {
            await database.Get<MonevDashboard.Features.QuarterlyReview.ReviewService>(scope)
                .SaveNarrativeAsync("P3-UMKM-FACILITATED", new YearQuarter(year, 1), "analisis", "kendala", "rencana", 0);
        }
        catch (UserMessageException ex)
        {
            narrative = ex.Message;
        }
        var workbook = DataWorkbook(Row("P3-UMKM-FACILITATED", year, 1, "35", null, null, 7d));
        var preview = await database.Get<ImportService>(scope).PreviewAsync(new MemoryStream(workbook), "data.xlsx", workbook.Length);

        Assert.Equal(Expect(expected.Count > 0 ? expected[0].Message : null), Expect(narrative));
        Assert.Equal(Expect(expected.Count > 0 ? expected[0].Message : null), preview.Errors.Select(e => e.Message).ToArray());
    }

    private static string[] Expect(string? one) => one is null ? [] : [one];

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Typed(double? value) => value is { } v ? v.ToString(v is > 1e15 or < 1e-6 and > 0 ? "E15" : "0.######", CultureInfo.InvariantCulture).Replace('.', ',') : "";

    /// <summary>What the shared rules say of the figure: the message every path must show, or null when accepted.</summary>
    private static async Task<string?> ExpectedMessageAsync(TestDatabase database, string code, string province, string country,
        double? value, double? numerator, double? denominator, double? previous, string? rule)
    {
        await using var scope = database.Scope(TestUser.As(Admin, Roles.Admin));
        var rules = database.Get<ObservationRules>(scope);
        var indicator = await LoadIndicatorAsync(database, code);
        await using var db = database.OpenContext();
        var codes = new ReferenceCodes(await db.Provinces.Select(p => p.Code).ToHashSetAsync(), await db.Countries.Select(c => c.Code).ToHashSetAsync());
        var cell = new ObservationCell(code, 2026, 3, province, country, "", value, numerator, denominator);
        var violations = rules.Validate(indicator, cell, codes).ToList();
        if (violations.Count == 0 && previous is { } before && rules.JumpWarning(ObservationRules.StoredValue(indicator, cell), before) is { } jump)
        {
            violations.Add(jump);
        }
        Assert.Equal(Expect(rule), violations.Select(v => v.Rule).ToArray());
        return violations.FirstOrDefault()?.Message;
    }

    private static async Task<Indicator> LoadIndicatorAsync(TestDatabase database, string code)
    {
        await using var db = database.OpenContext();
        return await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == code);
    }

    /// <summary>A database with the accounts the command line acts as, the previous quarter's figure, and the indicator's ratio rule.</summary>
    private static async Task<TestDatabase> ArrangeAsync(string code, string province, string country, double? previous, bool numeratorMayExceed)
    {
        var database = await TestDatabase.CreateAsync(configure: services =>
        {
            services.AddScoped<CommandLineUser>();
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CommandLineUser>());
        });
        await using (var scope = database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateFirstAdminAsync(Admin, Password);
        }
        await using var db = database.OpenContext();
        var indicator = await db.Indicators.SingleAsync(i => i.Code == code);
        if (numeratorMayExceed)
        {
            indicator.NumeratorNotAboveDenominator = false;
        }
        if (previous is { } value)
        {
            db.Observations.Add(new Observation
            {
                IndicatorId = indicator.Id, Year = 2026, Quarter = 2, ProvinceCode = province, CountryCode = country, Sex = "", Value = value,
                // A ratio's previous quarter also puts its country on the entry grid.
                Numerator = indicator.IsRatioLike ? value : null, Denominator = indicator.IsRatioLike ? 100 : null,
            });
        }
        await db.SaveChangesAsync();
        return database;
    }

    /// <summary>Removes what an accepted save wrote, so the import sees the same database the grid saw.</summary>
    private static async Task ResetAsync(TestDatabase database, string code)
    {
        await using var db = database.OpenContext();
        var id = await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
        await db.Observations.Where(o => o.IndicatorId == id && o.Year == 2026 && o.Quarter == 3).ExecuteDeleteAsync();
        await db.AuditEntries.ExecuteDeleteAsync();
    }

    private static async Task<(int Exit, string Output)> DryRunAsync(TestDatabase database, byte[] workbook)
    {
        var path = Path.Combine(Path.GetTempPath(), $"monev-verdict-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, workbook);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CommandLine.InvokeAsync(["import", path, "--dry-run", "--as", Admin], database.Services, output, error);
            return (exit, output + error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
