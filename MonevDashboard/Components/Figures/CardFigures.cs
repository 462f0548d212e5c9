using MonevDashboard.Figures;

namespace MonevDashboard.Components.Figures;

/// <summary>
/// What a KPI card leads with. The value shown is the one the achievement was measured on: the quarter's figure
/// against a quarter target, else the year to date against the annual target — so "realisation", "target" and
/// "capaian" on one card always belong together. The other figure is shown beside it, smaller.
/// </summary>
/// <param name="TargetKind">Which target <paramref name="Target"/> is, always the one the capaian used (named by <see cref="TargetLabel"/>).</param>
public sealed record CardFigures(double? Value, bool ValueIsYearToDate, double? Target, TargetKind TargetKind, double? OtherValue)
{
    public static CardFigures For(IndicatorFigure figure, bool yearToDate)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var achievement = figure.Achievement;
        if (!yearToDate && (achievement.UsesQuarterTarget || achievement.TargetUsed is null))
        {
            return new CardFigures(figure.QuarterValue, false, achievement.TargetUsed, achievement.TargetKind, figure.YearToDateValue);
        }
        return new CardFigures(figure.YearToDateValue, true, achievement.TargetUsed, achievement.TargetKind, figure.QuarterValue);
    }
}
