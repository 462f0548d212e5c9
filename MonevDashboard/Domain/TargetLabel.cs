using Microsoft.Extensions.Localization;

namespace MonevDashboard.Domain;

/// <summary>
/// The targets a capaian can be measured against, by the rule of <see cref="AchievementCalculator.Evaluate"/>: the
/// quarter's own target when one is set, else the annual target (against the year-to-date figure). No third kind
/// exists: the rule never builds a year-to-date target out of quarter targets.
/// </summary>
public enum TargetKind
{
    Quarter = 1,
    Annual = 2,
}

/// <summary>
/// The one name of the target a capaian was measured against ("Target TW III", "Target tahunan"), shown beside the
/// capaian on every page, slide, preview and workbook, so a reader never compares a figure with a target the
/// percentage did not use (issue #16: "2.201 | 8.800 | 96,1%" against an unseen quarter target).
/// </summary>
public static class TargetLabel
{
    /// <summary>The name in the reader's language (resource keys <c>Target.Kind.Quarter</c>, <c>Target.Kind.Annual</c>).</summary>
    public static string For(TargetKind kind, int quarter, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return kind == TargetKind.Quarter ? localizer["Target.Kind.Quarter", YearQuarter.ShortNameOf(quarter, InEnglish)] : localizer["Target.Kind.Annual"];
    }

    /// <summary>The localizer answers in the current UI language; the quarter's short name follows the same.</summary>
    /// <summary>Whether the reader reads English (the current UI culture); Domain has no Blazor culture helper.</summary>
    internal static bool InEnglish => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The name of the target <paramref name="achievement"/> used; empty when no target applied (nothing was measured).</summary>
    public static string For(AchievementResult achievement, int quarter, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(achievement);
        return achievement.TargetUsed is null ? "" : For(achievement.TargetKind, quarter, localizer);
    }

    /// <summary>
    /// The Indonesian name, for the report workbook (the Indonesian document of record, see ReportTerms); the same
    /// words as the Indonesian resources, which a test holds together.
    /// </summary>
    public static string Indonesian(TargetKind kind, int quarter) =>
        kind == TargetKind.Quarter ? $"Target TW {YearQuarter.RomanOf(quarter)}" : "Target tahunan";

    /// <inheritdoc cref="Indonesian(TargetKind, int)"/>
    public static string Indonesian(AchievementResult achievement, int quarter)
    {
        ArgumentNullException.ThrowIfNull(achievement);
        return achievement.TargetUsed is null ? "" : Indonesian(achievement.TargetKind, quarter);
    }
}
