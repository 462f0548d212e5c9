using System.Globalization;

namespace MonevDashboard.Infrastructure;

/// <summary>
/// The number formats a workbook cell can carry. A small fixed palette, so the streamed sheets (see
/// <see cref="StreamedTableSheet"/>) can prepare one style per entry before any row is known.
/// </summary>
public enum CellFormat
{
    /// <summary>A number as entered (General): the editable Data sheet, where nothing may be hidden by rounding.</summary>
    General = 0,
    /// <summary>Text, formatted "@" so that editing it in Excel keeps it text ("001" stays "001").</summary>
    Text = 1,
    /// <summary>Counts: [$-421]#,##0 (1.234.567).</summary>
    Count = 2,
    /// <summary>Amounts with decimals: [$-421]#,##0.00 (1.234,50).</summary>
    Amount = 3,
    /// <summary>A fraction shown as a percentage: 0.0% (0.453 → 45.3%).</summary>
    Percent = 4,
    /// <summary>US dollars: "USD "#,##0.</summary>
    Usd = 5,
    /// <summary>Rupiah: "Rp "#,##0.</summary>
    Rupiah = 6,
    /// <summary>A calendar date with Indonesian month names: 28 Nov 2026.</summary>
    Date = 7,
}

public enum CellKind
{
    Empty = 0,
    Text = 1,
    Number = 2,
}

/// <summary>
/// One cell's value as the workbook writers receive it: text stays text, numbers are numbers with a format from the
/// palette, nothing is guessed from a string's look. Build it with the factories; write it with
/// <see cref="FaithfulCellWriter"/>.
/// </summary>
public readonly record struct CellContent(CellKind Kind, string Text, double Number, CellFormat Format)
{
    public static CellContent Empty => default;

    /// <summary>Text exactly as entered; an empty or null string is an empty cell.</summary>
    public static CellContent FromText(string? text) =>
        string.IsNullOrEmpty(text) ? Empty : new(CellKind.Text, text, 0, CellFormat.Text);

    /// <summary>A number; null, NaN and infinities are an empty cell (a workbook cannot hold them).</summary>
    public static CellContent FromNumber(double? value, CellFormat format = CellFormat.General) =>
        value is { } v && double.IsFinite(v) ? new(CellKind.Number, "", v, format) : Empty;

    /// <summary>A percentage as the app computes it (45.3 for 45.3 %), stored as the fraction Excel expects (0.453).</summary>
    public static CellContent FromPercent(double? percent) =>
        percent is { } p ? FromNumber(p / 100, CellFormat.Percent) : Empty;

    /// <summary>
    /// A capaian, by the one rule of <see cref="FigureFormatter.AchievementShown"/>: the cell holds the figure the
    /// screen shows (96,46 % is stored as 0.964 and reads 96.4%), never a value Excel would round differently.
    /// </summary>
    public static CellContent FromAchievement(double? percent) =>
        FigureFormatter.AchievementShown(percent) is { } shown ? FromNumber(Math.Round(shown / 100, 3), CellFormat.Percent) : Empty;

    /// <summary>A figure in an indicator's unit: % as a percentage, USD and Rp as money, anything else as a count.</summary>
    public static CellContent FromFigure(double? value, string unit) => FormatForUnit(unit) switch
    {
        CellFormat.Percent => FromPercent(value),
        var format => FromNumber(value, format is CellFormat.Count && value is { } v && Math.Abs(v % 1) > 1e-9 ? CellFormat.Amount : format),
    };

    /// <summary>A date, stored as Excel's serial day number with a date format.</summary>
    public static CellContent FromDate(DateOnly? date) =>
        date is { } d ? new(CellKind.Number, "", d.ToDateTime(TimeOnly.MinValue).ToOADate(), CellFormat.Date) : Empty;

    public static CellFormat FormatForUnit(string unit) => unit switch
    {
        "%" => CellFormat.Percent,
        "USD" => CellFormat.Usd,
        "Rp" or "IDR" => CellFormat.Rupiah,
        _ => CellFormat.Count,
    };

    /// <summary>The locale tag of the formats: [$-421], LCID 0x0421 = id-ID.</summary>
    public const string IndonesianTag = "[$-421]";

    /// <summary>The Excel number format code of a palette entry.</summary>
    public static string FormatCode(CellFormat format) => format switch
    {
        CellFormat.Text => "@",
        // Every figure format is an explicit custom code tagged with LCID 0421 (Indonesian, the tag Excel itself writes
        // for an Indonesian format), never a built-in format id whose look the reader's locale decides. What the tag
        // does and does not fix in each spreadsheet program: docs/decisions/report-number-formats.md.
        CellFormat.Count => IndonesianTag + "#,##0",
        CellFormat.Amount => IndonesianTag + "#,##0.00",
        CellFormat.Percent => IndonesianTag + "0.0%",
        CellFormat.Usd => IndonesianTag + "\"USD \"#,##0",
        CellFormat.Rupiah => IndonesianTag + "\"Rp \"#,##0",
        // Month names read "Agu", "Okt", "Des" whatever the reader's Excel language.
        CellFormat.Date => IndonesianTag + "d mmm yyyy",
        _ => "General",
    };

    public override string ToString() => Kind switch
    {
        CellKind.Text => Text,
        CellKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        _ => "",
    };
}
