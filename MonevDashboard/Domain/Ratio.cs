namespace MonevDashboard.Domain;

/// <summary>
/// The one percentage formula of the programme: a ratio indicator's stored value, its pooled value over quarters,
/// and every "share of" a screen or the report shows. The product comes before the quotient so whole-number shares
/// stay exact (7 of 100 is 7, not 7.000000000000001), and a result that is not a finite number is refused rather
/// than shown (1e308 ÷ 1e-308 overflows).
/// </summary>
public static class Ratio
{
    /// <summary>
    /// numerator × 100 ÷ denominator; null when either part is missing, the denominator is not positive (a share of
    /// nothing is undefined, and 0 % or 100 % would invent a figure nobody reported), or the result overflows.
    /// </summary>
    public static double? Percent(double? numerator, double? denominator)
    {
        if (numerator is not { } n || denominator is not { } d || !(d > 0))
        {
            return null;
        }
        var percent = n * 100 / d;
        return double.IsFinite(percent) ? percent : null;
    }
}
