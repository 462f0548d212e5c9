using System.Collections.Frozen;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Domain;

/// <summary>One figure as a user or a workbook gives it, before it is stored.</summary>
public sealed record ObservationCell(
    string IndicatorCode,
    int Year,
    int Quarter,
    string ProvinceCode,
    string CountryCode,
    string Sex,
    double? Value,
    double? Numerator,
    double? Denominator,
    string Source = "",
    string Note = "")
{
    public ObservationKey Key(int indicatorId) => new(indicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex);
}

/// <summary>The natural key of an observation.</summary>
public readonly record struct ObservationKey(int IndicatorId, int Year, int Quarter, string ProvinceCode, string CountryCode, string Sex);

/// <summary>A broken rule; warnings (e.g. a tenfold jump) need confirming but do not block.</summary>
public sealed record RuleViolation(SheetField Field, string Message, bool IsWarning = false)
{
    /// <summary>Which rule: its resource key, e.g. "Rule.Negative" — for callers that react to a rule, and for tests.</summary>
    public string Rule { get; init; } = "";
}

/// <summary>What the value rules need to know of an indicator: its code (for messages), whether it is a ratio,
/// whether its numerator may exceed its denominator, and whether its figures count whole things (then
/// <paramref name="WholeUnit"/> is the unit they count, for the message; empty otherwise). The entry grid has this
/// without the indicator entity; build it with <see cref="Of"/> so the grid and the server derive it alike.</summary>
public sealed record FigureShape(string IndicatorCode, bool IsRatio, bool NumeratorNotAboveDenominator, string WholeUnit = "")
{
    public bool WholeNumbers => WholeUnit.Length > 0;

    public static FigureShape Of(string indicatorCode, string unit, TimeAggregation aggregation, bool numeratorNotAboveDenominator) =>
        new(indicatorCode, aggregation.IsRatioLike(), numeratorNotAboveDenominator,
            ObservationRules.TakesWholeNumbers(unit, aggregation) ? unit.Trim() : "");
}

/// <summary>The codes a figure may use: the provinces and countries in the reference tables.</summary>
public sealed record ReferenceCodes(IReadOnlySet<string> Provinces, IReadOnlySet<string> Countries);

/// <summary>
/// The content rules of a figure, shared by data entry and import so both refuse the same things with the same
/// words: known indicator that people report (not computed), a quarter of the programme's years, codes that exist
/// and that the indicator is broken down by, no negative counts, ratio parts that make sense.
/// </summary>
public sealed class ObservationRules(IStringLocalizer<SharedResource> localizer)
{
    public const double JumpFactor = 10;
    public const int MaxSourceLength = 300;
    public const int MaxNoteLength = 2000;

    public IReadOnlyList<RuleViolation> Validate(IIndicatorTraits? indicator, ObservationCell cell, ReferenceCodes codes)
    {
        var errors = new List<RuleViolation>();
        void Error(SheetField field, string key, params object[] args) => errors.Add(new RuleViolation(field, localizer[key, args]) { Rule = key });

        if (indicator is null)
        {
            Error(SheetField.IndicatorCode, "Rule.UnknownIndicator", cell.IndicatorCode);
            return errors;
        }
        if (indicator.Aggregation == TimeAggregation.Derived)
        {
            // Nothing else about the figure matters: it may not be given at all.
            Error(SheetField.IndicatorCode, "Rule.DerivedIndicator", indicator.Code);
            return errors;
        }
        if (!indicator.IsActive)
        {
            Error(SheetField.IndicatorCode, "Rule.InactiveIndicator", indicator.Code);
        }
        errors.AddRange(PeriodViolations(cell.Year, cell.Quarter));
        CheckDimension(errors, indicator, Disaggregation.Province, cell.ProvinceCode, codes.Provinces, SheetField.ProvinceCode, "Rule.UnknownProvince", "Rule.ProvinceNotAllowed");
        CheckDimension(errors, indicator, Disaggregation.Country, cell.CountryCode, codes.Countries, SheetField.CountryCode, "Rule.UnknownCountry", "Rule.CountryNotAllowed");
        CheckDimension(errors, indicator, Disaggregation.Sex, cell.Sex, Vocabulary.Sexes, SheetField.Sex, "Rule.UnknownSex", "Rule.SexNotAllowed");

        errors.AddRange(FigureViolations(FigureShape.Of(indicator.Code, indicator.Unit, indicator.Aggregation, indicator.NumeratorNotAboveDenominator),
            cell.Value, cell.Numerator, cell.Denominator));
        if (cell.Source.Length > MaxSourceLength)
        {
            Error(SheetField.Source, "Rule.TextTooLong", MaxSourceLength, cell.Source.Length);
        }
        if (cell.Note.Length > MaxNoteLength)
        {
            Error(SheetField.Note, "Rule.TextTooLong", MaxNoteLength, cell.Note.Length);
        }
        return errors;
    }

    /// <summary>The quarter a figure (or a narrative) is for: a quarter 1–4 of <see cref="ReportingYears.DataYears"/>.</summary>
    public IReadOnlyList<RuleViolation> PeriodViolations(int year, int quarter)
    {
        var errors = new List<RuleViolation>();
        if (!ReportingYears.IsDataYear(year))
        {
            errors.Add(Violation(SheetField.Year, "Rule.YearOutOfRange", year, ReportingYears.FirstDataYear, ReportingYears.LastYear));
        }
        if (!YearQuarter.IsValidQuarter(quarter))
        {
            errors.Add(Violation(SheetField.Quarter, "Rule.QuarterOutOfRange", quarter));
        }
        return errors;
    }

    /// <summary>
    /// The value of one figure, as the entry grid checks it while typing and every save and import checks it again:
    /// a count is given, finite, not negative, and whole when its unit counts whole things
    /// (<see cref="TakesWholeNumbers"/>: "1,5 UMKM" is refused); a ratio has both parts, a numerator that is not negative, a positive
    /// denominator, a numerator not above the denominator where the indicator says so, and a percentage that can be
    /// stored (1e308 ÷ 1e-308 cannot).
    /// </summary>
    public IReadOnlyList<RuleViolation> FigureViolations(FigureShape shape, double? value, double? numerator, double? denominator)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var errors = new List<RuleViolation>();
        if (!shape.IsRatio)
        {
            if (value is not { } v)
            {
                errors.Add(Violation(SheetField.Value, "Rule.ValueRequired"));
            }
            else if (!double.IsFinite(v))
            {
                errors.Add(Violation(SheetField.Value, "Rule.NotFinite", v));
            }
            else if (v < 0)
            {
                errors.Add(Violation(SheetField.Value, "Rule.Negative", Format(v)));
            }
            else if (shape.WholeNumbers && !IsWhole(v))
            {
                errors.Add(Violation(SheetField.Value, "Rule.WholeNumber", shape.WholeUnit, Format(v)));
            }
            return errors;
        }
        if (numerator is not { } n)
        {
            errors.Add(Violation(SheetField.Numerator, "Rule.NumeratorRequired", shape.IndicatorCode));
        }
        else if (!double.IsFinite(n))
        {
            errors.Add(Violation(SheetField.Numerator, "Rule.NotFinite", n));
        }
        else if (n < 0)
        {
            errors.Add(Violation(SheetField.Numerator, "Rule.Negative", Format(n)));
        }
        if (denominator is not { } d)
        {
            errors.Add(Violation(SheetField.Denominator, "Rule.DenominatorRequired", shape.IndicatorCode));
        }
        else if (!double.IsFinite(d))
        {
            errors.Add(Violation(SheetField.Denominator, "Rule.NotFinite", d));
        }
        else if (d <= 0)
        {
            errors.Add(Violation(SheetField.Denominator, "Rule.DenominatorPositive", Format(d)));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (shape.NumeratorNotAboveDenominator && numerator > denominator)
        {
            errors.Add(Violation(SheetField.Numerator, "Rule.NumeratorAboveDenominator", Format(numerator!.Value), Format(denominator!.Value)));
        }
        else if (Ratio.Percent(numerator, denominator) is null)
        {
            errors.Add(Violation(SheetField.Denominator, "Rule.RatioOverflow", numerator!.Value, denominator!.Value));
        }
        return errors;
    }

    private RuleViolation Violation(SheetField field, string key, params object[] args) => new(field, localizer[key, args]) { Rule = key };

    /// <summary>
    /// The units that count whole things — people, firms, events, vacancies — in lower case. A figure in one of them
    /// is a whole number; every other unit (USD, Rp, %, or a measure an administrator adds such as "ton") takes
    /// decimals. Listing the counting units, rather than the decimal ones, means an unforeseen unit is never refused.
    /// </summary>
    public static readonly IReadOnlySet<string> CountingUnits = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "orang", "peserta", "PMI", "UMKM", "pelaku usaha", "perusahaan", "eksportir", "kegiatan", "rapat", "lowongan",
        "dokumen", "sertifikat",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// THE rule of which indicators take integers only, for entry, import and every other write path: a flow or
    /// stock (not a ratio, not derived) whose unit counts whole things (<see cref="CountingUnits"/>).
    /// </summary>
    public static bool TakesWholeNumbers(string unit, TimeAggregation aggregation) =>
        aggregation is TimeAggregation.Sum or TimeAggregation.Latest && CountingUnits.Contains(unit.Trim());

    /// <inheritdoc cref="TakesWholeNumbers(string, TimeAggregation)"/>
    public static bool TakesWholeNumbers(IIndicatorTraits indicator) => TakesWholeNumbers(indicator.Unit, indicator.Aggregation);

    /// <summary>A whole number, allowing the floating-point noise a spreadsheet formula leaves (=0,1*30 is 3,0000000000000004).</summary>
    public static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) <= 1e-9 * Math.Max(1, Math.Abs(v));

    /// <summary>The stored value: for ratio indicators the percentage numerator ÷ denominator × 100; a count is
    /// stored as the whole number it passed for (<see cref="TakesWholeNumbers(IIndicatorTraits)"/>), without noise.</summary>
    public static double StoredValue(IIndicatorTraits indicator, ObservationCell cell) =>
        indicator.Aggregation.IsRatioLike()
            ? FigureOf(true, cell.Value, cell.Numerator, cell.Denominator) ?? 0
            : TakesWholeNumbers(indicator) && cell.Value is { } v && IsWhole(v) ? Math.Round(v) : cell.Value ?? 0;

    /// <summary>Decimals a figure is shown with (<see cref="FigureFormatter.Number"/>): the precision of a change.</summary>
    public const int ShownDecimals = 2;

    /// <summary>
    /// The one comparison of a given figure with a stored one, for every write path (entry grid, import): a ratio
    /// is the same when its numerator and denominator are (its percentage is derived from them), any other figure
    /// when its value is. Numbers are the same when they are shown the same (<see cref="ShownDecimals"/>), or differ
    /// only by floating-point noise: a change nobody can see is no change, so it never moves a state or a version.
    /// </summary>
    public static bool SameFigure(IIndicatorTraits indicator, double? value, double? numerator, double? denominator,
        double storedValue, double? storedNumerator, double? storedDenominator) =>
        indicator.Aggregation.IsRatioLike()
            ? SameNumber(numerator, storedNumerator) && SameNumber(denominator, storedDenominator)
            : SameNumber(value, storedValue);

    /// <summary>Two numbers as <see cref="SameFigure"/> compares them; blank is only the same as blank.</summary>
    public static bool SameNumber(double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return a is null && b is null;
        }
        if (x.Equals(y) || Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))))
        {
            return true;
        }
        return Math.Round(x, ShownDecimals, MidpointRounding.AwayFromZero).Equals(Math.Round(y, ShownDecimals, MidpointRounding.AwayFromZero));
    }

    /// <summary>The figure a cell stands for: a count's value, a ratio's percentage (<see cref="Ratio.Percent"/>);
    /// null when it cannot be computed.</summary>
    public static double? FigureOf(bool isRatio, double? value, double? numerator, double? denominator) =>
        isRatio ? Ratio.Percent(numerator, denominator) : value;

    /// <summary>The tenfold-jump warning of a figure as given (a count's value or a ratio's parts) — what the entry
    /// grid shows while typing, the entry page counts before saving and the import's preview lists.</summary>
    public RuleViolation? JumpWarning(bool isRatio, double? value, double? numerator, double? denominator, double? previousQuarterValue) =>
        FigureOf(isRatio, value, numerator, denominator) is { } figure ? JumpWarning(figure, previousQuarterValue) : null;

    /// <summary>A warning when a figure is more than tenfold (or under a tenth of) the previous quarter's.</summary>
    public RuleViolation? JumpWarning(double newValue, double? previousQuarterValue)
    {
        if (previousQuarterValue is not { } previous || previous <= 0 || newValue <= 0)
        {
            return null;
        }
        var factor = newValue / previous;
        return factor > JumpFactor || factor < 1 / JumpFactor
            ? new RuleViolation(SheetField.Value, localizer["Rule.Jump", Format(newValue), Format(previous)], IsWarning: true) { Rule = "Rule.Jump" }
            : null;
    }

    private void CheckDimension(List<RuleViolation> errors, IIndicatorTraits indicator, Disaggregation dimension, string code,
        IReadOnlySet<string> known, SheetField field, string unknownKey, string notAllowedKey)
    {
        if (string.IsNullOrEmpty(code))
        {
            return;
        }
        if (!known.Contains(code))
        {
            errors.Add(new RuleViolation(field, localizer[unknownKey, code]) { Rule = unknownKey });
        }
        else if (!indicator.Disaggregations.Allows(dimension))
        {
            errors.Add(new RuleViolation(field, localizer[notAllowedKey, indicator.Code]) { Rule = notAllowedKey });
        }
    }

    private static string Format(double value) => FigureFormatter.Number(value);
}
