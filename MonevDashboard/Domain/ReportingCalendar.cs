namespace MonevDashboard.Domain;

/// <summary>
/// The programme's clock: Western Indonesia Time (WIB, UTC+7, no daylight saving), in which the ministries count
/// their days and deadlines. Times are stored in UTC; every "today", "now" and "which quarter is being reported"
/// is read here, over the app's <see cref="TimeProvider"/> so tests can set the date.
/// </summary>
public static class ReportingCalendar
{
    /// <summary>WIB's distance from UTC.</summary>
    public static readonly TimeSpan WibOffset = TimeSpan.FromHours(7);

    /// <summary>The PKS was signed on 17 Oct 2025: reports are expected from TW IV 2025 on.</summary>
    public static readonly YearQuarter ProgrammeStart = new(2025, 4);

    /// <summary>A UTC time as a WIB wall-clock time.</summary>
    public static DateTime ToWib(DateTime utc) => utc + WibOffset;

    /// <summary>The WIB calendar day of a UTC time.</summary>
    public static DateOnly WibDate(DateTime utc) => DateOnly.FromDateTime(ToWib(utc));

    /// <summary>The UTC instant at which a WIB calendar day starts.</summary>
    public static DateTime WibDayStartUtc(DateOnly day) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - WibOffset, DateTimeKind.Utc);

    /// <summary>Now, as a WIB wall-clock time.</summary>
    public static DateTime NowInWib(this TimeProvider clock) => ToWib(clock.GetUtcNow().UtcDateTime);

    /// <summary>Today in WIB.</summary>
    public static DateOnly TodayInWib(this TimeProvider clock) => WibDate(clock.GetUtcNow().UtcDateTime);

    /// <summary>The quarter being reported today (the last one that has ended, in WIB).</summary>
    public static YearQuarter CurrentReportingQuarter(this TimeProvider clock) => YearQuarter.LatestComplete(clock.TodayInWib());

    /// <summary>Whether <paramref name="today"/> (WIB) is after the deadline of <paramref name="quarter"/>: a report not in by then is late.</summary>
    public static bool IsPastDeadline(YearQuarter quarter, DateOnly today) => today > quarter.ReportDeadline;

    /// <summary>Whether a report first submitted at <paramref name="submittedUtc"/> met the deadline of <paramref name="quarter"/>.</summary>
    public static bool IsOnTime(YearQuarter quarter, DateTime submittedUtc) => WibDate(submittedUtc) <= quarter.ReportDeadline;
}
