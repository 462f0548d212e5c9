using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;
using static MonevDashboard.Components.Figures.PlainMarkup;

namespace MonevDashboard.Components.Figures;

public partial class KpiCard
{
    /// <summary>
    /// The cards built so far, per immutable figure instance: figures come from the shared view cache, so every
    /// circuit showing the same view renders the same string.
    /// </summary>
    private static readonly SharedMarkup<IndicatorFigure, CardKey> Built = new();

    private readonly record struct CardKey(
        string Culture, string UiCulture, YearQuarter Period, bool YearToDate, string? Href, bool NationalTargetsOff, ObservationStatus? ReportStatus,
        IndicatorFigure? AtReview);

    /// <summary>
    /// The card as one markup frame. <paramref name="atReview"/>: the figure as its quarter's review saw it, when it
    /// changed since — the card then marks the value and shows the one at the review.
    /// </summary>
    public static RenderFragment Markup(IndicatorFigure figure, YearQuarter period, bool yearToDate, string? href,
        bool nationalTargetsOff, ObservationStatus? reportStatus, IStringLocalizer L, IndicatorFigure? atReview = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var key = new CardKey(CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, period, yearToDate, href, nationalTargetsOff, reportStatus,
            atReview);
        var html = Built.Get(figure, key, (f, k) => Html(f, k.Period, k.YearToDate, k.Href, k.NationalTargetsOff, k.ReportStatus, L, k.AtReview));
        return Fragment(html);
    }

    /// <summary>The card's HTML; every text and attribute value is encoded.</summary>
    public static string Html(IndicatorFigure figure, YearQuarter period, bool yearToDate, string? href,
        bool nationalTargetsOff, ObservationStatus? reportStatus, IStringLocalizer L, IndicatorFigure? atReview = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(L);
        var english = CultureSetup.IsEnglish;
        var status = figure.Achievement.Status;
        var unit = figure.UnitLabel(english);
        var name = Encode(figure.Name(english));
        var html = new StringBuilder(1600);

        html.Append("<a class=\"kpi-card-link\"");
        if (href is not null)
        {
            html.Append(" href=\"").Append(Encode(href)).Append('"');
        }
        html.Append(" data-testid=\"kpi-card\" data-code=\"").Append(Encode(figure.Code))
            .Append("\" data-status=\"").Append(figure.FilterApplies ? status.ToString() : "NotApplicable").Append("\">")
            .Append("<div class=\"mud-paper mud-elevation-1 kpi-card ")
            .Append(figure.FilterApplies ? EdgeClass(status) : "kpi-grey kpi-not-applicable").Append("\">")
            .Append("<div class=\"kpi-card-head\"><span class=\"kpi-code\">").Append(Encode(figure.Code)).Append("</span>");
        if (reportStatus is { } report)
        {
            html.Append(ReportStatusBadge.Html(report, L));
        }
        html.Append(FigureStatusChip.Html(figure, L)).Append("</div>")
            .Append("<div class=\"kpi-name\" title=\"").Append(name).Append("\">").Append(name).Append("</div>");

        if (!figure.FilterApplies)
        {
            html.Append("<div class=\"kpi-not-broken-down\" data-testid=\"kpi-not-applicable\">").Append(Encode(L["Kpi.NotBrokenDown"])).Append("</div>");
        }
        else
        {
            var figures = CardFigures.For(figure, yearToDate);
            string ValueLabel(bool ytd) => ytd ? L["Period.YearToDate", period.Name(english)] : period.Name(english);

            var before = atReview is null ? null : CardFigures.For(atReview, yearToDate);
            var changed = before is not null && !Equals(before.Value, figures.Value);
            html.Append("<div class=\"kpi-value").Append(changed ? " kpi-changed" : "").Append("\" data-testid=\"kpi-value\">")
                .Append(Encode(FigureFormatter.Compact(figures.Value, unit, english))).Append("</div>");
            if (before is not null)
            {
                // Changed since the review: what the meeting saw — the value, or the capaian when only the target moved.
                var then = changed ? FigureFormatter.Compact(before.Value, unit, english) : FigureFormatter.Achievement(atReview!.Achievement.AchievementPercent);
                html.Append("<div class=\"kpi-before\" data-testid=\"kpi-before\">").Append(Encode(L["View.BeforeAtReview", then])).Append("</div>");
            }
            html
                .Append("<div class=\"kpi-value-label\">").Append(Encode(ValueLabel(figures.ValueIsYearToDate)));
            if (figures.OtherValue is not null)
            {
                html.Append("<span class=\"kpi-other\"> · ").Append(Encode(ValueLabel(!figures.ValueIsYearToDate))).Append(": ")
                    .Append(Encode(FigureFormatter.Compact(figures.OtherValue, unit, english))).Append("</span>");
            }
            html.Append("</div>")
                .Append("<div class=\"kpi-target-row\"><span data-testid=\"kpi-target\">");
            if (figures.Target is null && nationalTargetsOff)
            {
                html.Append(Encode(L["Kpi.NationalTargetOnly"]));
            }
            else
            {
                html.Append(Encode(TargetLabel.For(figures.TargetKind, period.Quarter, L))).Append(": ")
                    .Append(Encode(FigureFormatter.Compact(figures.Target, unit, english)));
            }
            html.Append("</span><span class=\"kpi-achievement\" data-testid=\"kpi-achievement\" title=\"").Append(Encode(L["Kpi.Achievement"])).Append("\">")
                .Append(Encode(FigureFormatter.Achievement(figure.Achievement.AchievementPercent))).Append("</span></div>")
                .Append("<div class=\"kpi-foot\">").Append(Sparkline.Html(figure.Trend, unit, L)).Append(ChangeBadge.Html(figure, period, L)).Append("</div>");
        }
        return html.Append("</div></a>").ToString();
    }

    /// <summary>The card's coloured edge; grey for both grey statuses.</summary>
    public static string EdgeClass(AchievementStatus status) => status switch
    {
        AchievementStatus.OnTrack => "kpi-ontrack",
        AchievementStatus.NeedsAttention => "kpi-attention",
        AchievementStatus.Critical => "kpi-critical",
        _ => "kpi-grey",
    };
}
