using MonevDashboard.Figures;
using MonevDashboard.Components.Figures;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Cli;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Features.Reports;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Domain;

/// <summary>The reporting calendar of the core (WIB clock, quarters as text and as addresses), and its callers agreeing with it.</summary>
public sealed class ReportingCalendarTests
{
    public static TheoryData<string, string, int, int> WibDays => new()
    {
        // UTC instant, WIB day, and the quarter being reported on that WIB day.
        { "2026-09-30T16:59:59Z", "2026-09-30", 2026, 2 },
        { "2026-09-30T17:00:00Z", "2026-10-01", 2026, 3 },
        { "2026-12-31T17:00:00Z", "2027-01-01", 2026, 4 },
        { "2026-01-01T00:00:00Z", "2026-01-01", 2025, 4 },
    };

    [Theory]
    [MemberData(nameof(WibDays))]
    public void TodayIsTheWibDayAndTheReportedQuarterIsTheLastOneEndedThere(string utc, string wibDay, int year, int quarter)
    {
        var clock = new TestClock(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(wibDay, CultureInfo.InvariantCulture), clock.TodayInWib());
        Assert.Equal(DateOnly.Parse(wibDay, CultureInfo.InvariantCulture), ReportingCalendar.WibDate(clock.GetUtcNow().UtcDateTime));
        Assert.Equal(new YearQuarter(year, quarter), clock.CurrentReportingQuarter());
    }

    [Fact]
    public void AWibDayStartsAtFivePmUtcTheDayBefore()
    {
        Assert.Equal(new DateTime(2026, 9, 30, 17, 0, 0, DateTimeKind.Utc), ReportingCalendar.WibDayStartUtc(new DateOnly(2026, 10, 1)));
        Assert.Equal(DateTimeKind.Utc, ReportingCalendar.WibDayStartUtc(new DateOnly(2026, 10, 1)).Kind);
    }

    [Theory]
    // TW III 2026 ends on 30 Sep; ten working days later is Wed 14 Oct 2026.
    [InlineData("2026-10-14T16:59:00Z", true)]
    [InlineData("2026-10-14T17:00:00Z", false)]
    [InlineData("2026-10-01T02:00:00Z", true)]
    public void AReportIsOnTimeWhenItsWibDayIsNotAfterTheDeadline(string submittedUtc, bool onTime)
    {
        var quarter = new YearQuarter(2026, 3);
        Assert.Equal(new DateOnly(2026, 10, 14), quarter.ReportDeadline);
        var at = DateTime.Parse(submittedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        Assert.Equal(onTime, ReportingCalendar.IsOnTime(quarter, at));
        // The derived on-time indicator counts the same way.
        var counted = DerivedIndicators.ReportsOnTime(quarter, [(Ministry.Kemendag, at)], new DateOnly(2026, 10, 20));
        Assert.Equal(onTime ? 1 : 0, counted!.Value.Numerator);
    }

    [Fact]
    public void TimesAreShownInWib()
    {
        Assert.Equal("1 Okt 2026 00.30 WIB", FigureFormatter.DateTimeWib(new DateTime(2026, 9, 30, 17, 30, 0, DateTimeKind.Utc)));
    }

    /// <summary>A quarter as officials write it: the text forms every reader takes (the quarter, or null when unreadable).</summary>
    public static TheoryData<string, int?> QuarterTexts => new()
    {
        { "1", 1 }, { "4", 4 }, { "I", 1 }, { "II", 2 }, { "iii", 3 }, { "IV", 4 },
        { "TW II", 2 }, { "TW-2", 2 }, { "Q3", 3 }, { "Triwulan III", 3 }, { "trw. 4", 4 }, { " Kuartal 1 ", 1 },
        { "5", 5 }, { "0", 0 }, { "V", null }, { "", null }, { "tiga", null }, { "1234", null },
    };

    [Theory]
    [MemberData(nameof(QuarterTexts))]
    public void EveryReaderOfAQuarterReadsItTheCoreWay(string text, int? expected)
    {
        Assert.Equal(expected, YearQuarter.ParseQuarterNumber(text));
        var valid = expected is >= 1 and <= 4 ? expected : null;
        Assert.Equal(valid, YearQuarter.ParseQuarter(text));

        // The workbook reader keeps an out-of-range number for the range rule to refuse.
        Assert.Equal(expected, CellValueParser.Quarter(new RawCell(text)));

        // The address (?tw=) takes a quarter 1–4 and otherwise reports the parameter and falls back.
        var current = new YearQuarter(2026, 2);
        var query = DashboardQuery.Parse(key => key switch { "tahun" => "2026", "tw" => text, _ => null }, current);
        Assert.Equal(valid ?? current.Quarter, query.Filter.Quarter);
        Assert.Equal(valid is null && text.Trim().Length > 0, query.Problems.Any(p => p.Name == YearQuarter.QuarterParameter));

        // The command line takes the same forms and refuses the others.
        if (valid is { } q)
        {
            Assert.Equal(q, Assert.IsType<ExportCommand.Arguments>(CommandLine.Read(["export", "--year", "2026", "--quarter", text]).Arguments).Quarter);
        }
        else if (text.Length > 0)
        {
            Assert.NotEmpty(CommandLine.Read(["export", "--year", "2026", "--quarter", text]).Errors);
        }
    }

    [Theory]
    [InlineData("2026", 2026)]
    [InlineData(" 2000 ", 2000)]
    [InlineData("2100", 2100)]
    [InlineData("1999", null)]
    [InlineData("2101", null)]
    [InlineData("+2026", null)]
    [InlineData("20x6", null)]
    public void AYearInAnAddressOrOnTheCommandLineIsReadOnce(string text, int? expected)
    {
        Assert.Equal(expected, YearQuarter.ParseYear(text));
        var query = DashboardQuery.Parse(key => key == "tahun" ? text : null, new YearQuarter(2026, 2));
        Assert.Equal(expected ?? 2026, query.Filter.Year);
        if (expected is null)
        {
            Assert.NotEmpty(CommandLine.Read(["export", "--year", text, "--quarter", "1"]).Errors);
        }
        else
        {
            Assert.Equal(expected, Assert.IsType<ExportCommand.Arguments>(CommandLine.Read(["export", "--year", text, "--quarter", "1"]).Arguments).Year);
        }
    }

    [Theory]
    [InlineData(2025, 3, 2025, 3)]
    [InlineData(2025, 5, 2026, 2)]
    [InlineData(2025, 0, 2026, 2)]
    [InlineData(null, 3, 2026, 2)]
    [InlineData(2025, null, 2026, 2)]
    public void APageAddressNamesAPeriodOrFallsBack(int? year, int? quarter, int expectedYear, int expectedQuarter)
    {
        Assert.Equal(new YearQuarter(expectedYear, expectedQuarter), YearQuarter.FromAddress(year, quarter, new YearQuarter(2026, 2)));
    }

    [Theory]
    [InlineData(1, "I", "TW I 2026", "Triwulan I 2026", "2026-Q1")]
    [InlineData(3, "III", "TW III 2026", "Triwulan III 2026", "2026-Q3")]
    [InlineData(4, "IV", "TW IV 2026", "Triwulan IV 2026", "2026-Q4")]
    public void AQuarterIsWrittenInItsThreeForms(int quarter, string roman, string shortName, string longName, string key)
    {
        var period = new YearQuarter(2026, quarter);
        Assert.Equal(roman, period.Roman);
        Assert.Equal(roman, YearQuarter.RomanOf(quarter));
        Assert.Equal(shortName, period.ToString());
        Assert.Equal(longName, period.LongName);
        Assert.Equal(key, period.Key);
        // What is written is read back.
        Assert.Equal(quarter, YearQuarter.ParseQuarter(shortName[..^5]));
        Assert.Equal(quarter, YearQuarter.ParseQuarter(longName[..^5]));
    }

    [Fact]
    public void APeriodsAddressIsTheOneEveryPageReadsAndTheDashboardWrites()
    {
        var period = new YearQuarter(2025, 3);
        Assert.Equal("tahun=2025&tw=3", period.Address);
        var parameters = period.Address.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var query = DashboardQuery.Parse(parameters.GetValueOrDefault, new YearQuarter(2026, 2));
        Assert.Equal(period, query.Filter.Period);
        Assert.StartsWith("?" + period.Address, query.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal(period, YearQuarter.FromAddress(
            YearQuarter.ParseYear(parameters[YearQuarter.YearParameter]), YearQuarter.ParseQuarter(parameters[YearQuarter.QuarterParameter]), new YearQuarter(2026, 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void ThereIsNoRomanNumeralOfAQuarterThatDoesNotExist(int quarter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YearQuarter.RomanOf(quarter));
    }

    /// <summary>Just after midnight WIB on 1 Oct (still 30 Sep in UTC) every service that asks for "now" sees TW III
    /// as the quarter being reported and 1 Oct as today.</summary>
    [Fact]
    public async Task EveryServiceReadsTodayAndTheReportedQuarterFromTheSameClock()
    {
        await using var database = await TestDatabase.CreateAsync();
        database.Clock.Now = new DateTimeOffset(2026, 9, 30, 17, 30, 0, TimeSpan.Zero);
        await using var scope = database.Services.CreateAsyncScope();
        var expected = new YearQuarter(2026, 3);

        Assert.Equal(expected, scope.ServiceProvider.GetRequiredService<ReportService>().DefaultPeriod);
        Assert.Equal(new DateOnly(2026, 10, 1), scope.ServiceProvider.GetRequiredService<ReviewService>().Today);
        Assert.Equal(expected, DashboardQuery.Parse(_ => null, database.Clock.CurrentReportingQuarter()).Filter.Period);
    }
}
