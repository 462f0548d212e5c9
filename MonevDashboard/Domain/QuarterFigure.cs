namespace MonevDashboard.Domain;

/// <summary>
/// The figure of one quarter of an indicator, already summed over its disaggregation cells in SQL.
/// A quarter with no reported data has no <see cref="QuarterFigure"/> at all (it is absent from the list, never a
/// zero), so "nothing reported" stays distinct from "reported zero" all the way to the status colour.
/// </summary>
/// <param name="Quarter">Triwulan 1–4.</param>
/// <param name="Value">Σ value over the quarter's cells (what Sum and Latest indicators use).</param>
/// <param name="Numerator">Σ numerator over the cells of a ratio indicator; null when no cell reported one.</param>
/// <param name="Denominator">Σ denominator over the cells of a ratio indicator; null when no cell reported one.</param>
public readonly record struct QuarterFigure(int Quarter, double Value, double? Numerator, double? Denominator);
