using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Domain;

/// <summary>
/// The content rules of a target, shared by everything that writes targets (the Excel import, the admin target
/// page): a known active indicator, a target year of the PKS (<see cref="ReportingYears.TargetYears"/>), an annual
/// target (quarter 0) or a quarter 1–4, and a value that is a finite number, not negative, and whole when the
/// indicator counts whole things (<see cref="ObservationRules.TakesWholeNumbers(IIndicatorTraits)"/>: a target of
/// "1,5 UMKM" is refused as the figure is).
/// </summary>
public sealed class TargetRules(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The quarter of an annual target: a target is for a whole year (0) or for one quarter 1–4.</summary>
    public const int Annual = 0;

    /// <param name="blankRemoves">The admin grid removes a target with a blank cell; a workbook row must carry a value.</param>
    public IReadOnlyList<RuleViolation> Validate(IIndicatorTraits? indicator, string indicatorCode, int year, int quarter, double? value, bool blankRemoves = false)
    {
        var errors = new List<RuleViolation>();
        void Error(SheetField field, string key, params object[] args) => errors.Add(new RuleViolation(field, localizer[key, args]) { Rule = key });

        if (indicator is null)
        {
            Error(SheetField.IndicatorCode, "Rule.UnknownIndicator", indicatorCode);
            return errors;
        }
        if (!indicator.IsActive)
        {
            Error(SheetField.IndicatorCode, "Rule.InactiveIndicator", indicator.Code);
        }
        errors.AddRange(YearViolations(year));
        if (quarter is < Annual or > 4)
        {
            Error(SheetField.Quarter, "Rule.QuarterOutOfRange", quarter);
        }
        errors.AddRange(ValueViolations(value, blankRemoves, WholeUnitOf(indicator)));
        return errors;
    }

    /// <summary>The value of a target, as the admin grid checks it while typing and every save and import again.</summary>
    /// <param name="wholeUnit">the unit the indicator counts whole (<see cref="WholeUnitOf"/>), or "" when any number goes.</param>
    public IReadOnlyList<RuleViolation> ValueViolations(double? value, bool blankRemoves = false, string wholeUnit = "") => value switch
    {
        null when blankRemoves => [],
        null => [Violation("Rule.TargetRequired")],
        { } v when !double.IsFinite(v) => [Violation("Rule.NotFinite", v)],
        < 0 and var v => [Violation("Rule.Negative", FigureFormatter.Number(v))],
        { } v when wholeUnit.Length > 0 && !ObservationRules.IsWhole(v) => [Violation("Rule.WholeNumber", wholeUnit, FigureFormatter.Number(v))],
        _ => [],
    };

    /// <summary>The unit an indicator counts in whole things, or "" (<see cref="FigureShape.WholeUnit"/>, the same rule).</summary>
    public static string WholeUnitOf(IIndicatorTraits indicator) => ObservationRules.TakesWholeNumbers(indicator) ? indicator.Unit.Trim() : "";

    private RuleViolation Violation(string key, params object[] args) => new(SheetField.Value, localizer[key, args]) { Rule = key };

    /// <summary>Whether targets may be set for <paramref name="year"/>: the one check of the import and the admin page.</summary>
    public IReadOnlyList<RuleViolation> YearViolations(int year) =>
        ReportingYears.IsTargetYear(year)
            ? []
            : [new RuleViolation(SheetField.Year, localizer["Rule.TargetYearOutOfRange", year, ReportingYears.FirstTargetYear, ReportingYears.LastYear])
                { Rule = "Rule.TargetYearOutOfRange" }];
}
