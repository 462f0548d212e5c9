using Microsoft.Extensions.Localization;

namespace MonevDashboard.Domain;

/// <summary>
/// The one wording of a <see cref="ChangeExplanation"/>, in the reader's language with id-ID numbers and the indicator's
/// unit: "turun 339 orang dibanding TW II; Jawa Timur −210 dan Jawa Barat −95 menjelaskan 90%" (resource keys
/// <c>Explain.*</c>). The indicator page's panel, the review slide and the narrative editor's draft all read it.
/// </summary>
public static class ChangeExplanationText
{
    /// <summary>The previous quarter as the sentence names it, in the reader's language: "TW II" ("Q2") within the
    /// year, "TW IV 2025" ("Q4 2025") across a year.</summary>
    public static string PreviousName(YearQuarter period)
    {
        var previous = period.Previous();
        return previous.Year == period.Year ? previous.ShortName(TargetLabel.InEnglish) : previous.Name(TargetLabel.InEnglish);
    }

    /// <summary>
    /// The change against the previous quarter and, when the figure was split, the cells that explain it.
    /// </summary>
    /// <param name="dimension">What the contributors are: <see cref="Disaggregation.Province"/>, <see cref="Disaggregation.Country"/> or <see cref="Disaggregation.Sex"/> (<see cref="Disaggregation.None"/> when not split).</param>
    /// <param name="nameOf">A contributor's name in the reader's language from its code.</param>
    public static string Clause(ChangeExplanation explanation, Disaggregation dimension, YearQuarter period, string unit,
        Func<string, string> nameOf, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(localizer);
        var previous = PreviousName(period);
        if (explanation.Change is not { } change)
        {
            return localizer["Explain.NoPrevious", previous];
        }
        if (explanation.Kind == ChangeExplanationKind.NoChange)
        {
            return explanation.Offsetting
                ? localizer["Explain.UnchangedOffsetting", previous, Amount(-explanation.AgainstChange, unit, localizer)]
                : localizer["Explain.Unchanged", previous];
        }
        var moved = localizer[change > 0 ? "Explain.Rose" : "Explain.Fell", Amount(Math.Abs(change), unit, localizer), previous].Value;
        switch (explanation.Kind)
        {
            case ChangeExplanationKind.NotDecomposable:
                return $"{moved}; {localizer["Explain.NotDecomposable"]}";
            case ChangeExplanationKind.NotBrokenDown:
                return $"{moved}; {localizer["Explain.NotBrokenDown"]}";
        }
        var names = explanation.Contributors.Select(c => $"{nameOf(c.Code)} {WithSign(c.Change)}").ToList();
        var list = names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} {localizer["Explain.And"]} {names[^1]}";
        // With cells moving both ways the shares are of the net change (and may pass 100%): the sentence says so.
        var key = (names.Count == 1, explanation.Offsetting) switch
        {
            (true, false) => "Explain.ExplainsOne",
            (false, false) => "Explain.ExplainsMany",
            (true, true) => "Explain.ExplainsOneNet",
            (false, true) => "Explain.ExplainsManyNet",
        };
        var explains = localizer[key, list, Share(explanation.ExplainedShare)].Value;
        var text = $"{moved}; {explains}";
        if (explanation.Offsetting)
        {
            text += $" ({localizer[OffsetKey(dimension), WithSign(explanation.AgainstChange)]})";
        }
        return text;
    }

    /// <summary>
    /// The gap between the figure the capaian compared and the target it used, named by <see cref="TargetLabel"/>:
    /// "1.200 orang di bawah Target TW III"; empty when no target applied.
    /// </summary>
    public static string TargetClause(AchievementResult achievement, int quarter, string unit, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (ChangeDecomposition.GapToTarget(achievement) is not { } gap)
        {
            return "";
        }
        var target = TargetLabel.For(achievement, quarter, localizer);
        return Math.Abs(gap) <= 1e-9 * Math.Max(1, Math.Abs(achievement.TargetUsed ?? 0))
            ? localizer["Explain.AtTarget", target]
            : localizer[gap < 0 ? "Explain.BelowTarget" : "Explain.AboveTarget", Amount(Math.Abs(gap), unit, localizer), target];
    }

    /// <summary>The whole draft sentence: the change clause, then the target clause, capitalised and ended with a full stop.</summary>
    public static string Sentence(ChangeExplanation explanation, Disaggregation dimension, YearQuarter period, string unit,
        Func<string, string> nameOf, AchievementResult? achievement, IStringLocalizer localizer)
    {
        var clause = Clause(explanation, dimension, period, unit, nameOf, localizer);
        var target = achievement is null ? "" : TargetClause(achievement, period.Quarter, unit, localizer);
        var text = target.Length == 0 ? clause : $"{clause}; {target}";
        return text.Length == 0 ? "" : char.ToUpper(text[0], FigureFormatter.Culture) + text[1..] + ".";
    }

    /// <summary>A cell's change as the sentence writes it: "−210", "+1.250" (a true minus sign, id-ID digits).</summary>
    public static string WithSign(double change) =>
        (change > 0 ? "+" : change < 0 ? "−" : "") + FigureFormatter.Number(Math.Abs(change));

    /// <summary>A share of the net change in whole percent: "90%".</summary>
    public static string Share(double share) => FigureFormatter.Number(Math.Round(share * 100, MidpointRounding.AwayFromZero)) + "%";

    /// <summary>An amount of change with its unit: "339 orang", "USD 1.500", and for a percentage "2,3 poin".</summary>
    public static string Amount(double amount, string unit, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return FigureFormatter.IsPercent(unit)
            ? $"{FigureFormatter.Number(Math.Round(amount, 1))} {localizer["Kpi.PercentagePoints"]}"
            : FigureFormatter.Format(amount, unit);
    }

    private static string OffsetKey(Disaggregation dimension) => dimension switch
    {
        Disaggregation.Country => "Explain.Offset.Country",
        Disaggregation.Sex => "Explain.Offset.Sex",
        _ => "Explain.Offset.Province",
    };
}
