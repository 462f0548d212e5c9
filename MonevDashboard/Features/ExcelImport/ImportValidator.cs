using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Targets;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// Applies the write rules to every row of a workbook — the same rules data entry uses: <see cref="ObservationRules"/>
/// for content, <see cref="AccessPolicy"/> (through <see cref="AccessGuard"/>) for ownership, <see cref="QuarterLock"/>
/// for locked quarters, <see cref="TargetRules"/> for targets — plus what only a file can get wrong: unreadable
/// numbers, quarters and years, and the same key twice. Then it compares the rows that passed with what is stored.
/// </summary>
public sealed class ImportValidator(
    ObservationRules rules, TargetRules targetRules, AccessGuard guard, QuarterLock quarterLock, IStringLocalizer<SharedResource> localizer,
    Microsoft.Extensions.Options.IOptions<ImportOptions> options)
{
    private const int ProgressEveryRows = 5000;

    /// <summary>Reads every row into typed values and applies the rules that need no stored figures.</summary>
    public ParsedWorkbook Parse(WorkbookContent content, ImportCatalogue catalogue, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = new ParsedWorkbook { LockedQuarters = catalogue.LockedQuarters, MaxIssues = Math.Max(1, options.Value.MaxIssues) };
        result.AddIssues(content.Issues);
        var total = (content.Data?.Rows.Count ?? 0) + (content.Targets?.Rows.Count ?? 0);
        if (content.Data is { } data)
        {
            ParseData(data, catalogue, result, progress, total, cancellationToken);
        }
        if (content.Targets is { } targets)
        {
            ParseTargets(targets, catalogue, result);
        }
        progress?.Report(new ImportProgress(ImportStage.Validate, total, total));
        return result;
    }

    private void ParseData(SheetContent sheet, ImportCatalogue catalogue, ParsedWorkbook result, IProgress<ImportProgress>? progress, int total, CancellationToken cancellationToken)
    {
        result.DataRowsRead = sheet.Rows.Count;
        result.DataColumns = sheet.Columns;
        var firstRowOfKey = new Dictionary<ObservationKey, int>();
        var rowIssues = new List<ImportIssue>();
        var done = 0;
        foreach (var row in sheet.Rows)
        {
            if (++done % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress(ImportStage.Validate, done, total));
            }
            rowIssues.Clear();
            void Issue(SheetField field, string rule, string message, bool warning = false) =>
                rowIssues.Add(new ImportIssue(sheet.Name, row.Number, sheet.ColumnOf(field), Header(DataSheetColumns.Data, field),
                    row[field].Display, rule, message, warning));

            var code = CellValueParser.Code(row[SheetField.IndicatorCode]).ToUpperInvariant();
            catalogue.Indicators.TryGetValue(code, out var indicator);
            if (code.Length == 0)
            {
                Issue(SheetField.IndicatorCode, "Import.Required", localizer["Import.Required", DataSheetColumns.IndicatorCode.Header]);
            }
            var year = ReadYear(row, sheet, Issue);
            var quarter = ReadQuarter(row, Issue, required: true);
            var value = ReadNumber(row, SheetField.Value, DataSheetColumns.Data, Issue);
            var numerator = ReadNumber(row, SheetField.Numerator, DataSheetColumns.Data, Issue);
            var denominator = ReadNumber(row, SheetField.Denominator, DataSheetColumns.Data, Issue);
            var source = sheet.Has(SheetField.Source) ? CellValueParser.Text(row[SheetField.Source]) : null;
            var note = sheet.Has(SheetField.Note) ? CellValueParser.Text(row[SheetField.Note]) : null;
            var cell = new ObservationCell(code, year ?? 0, quarter ?? 0,
                catalogue.Names.Province(CellValueParser.Code(row[SheetField.ProvinceCode])),
                catalogue.Names.Country(CellValueParser.Code(row[SheetField.CountryCode])),
                CellValueParser.Sex(row[SheetField.Sex]),
                value, numerator, denominator, source ?? "", note ?? "");

            // Fields that could not even be read already have their message; the rules would only repeat it.
            var unreadable = rowIssues.Select(i => i.ColumnName).ToHashSet();
            foreach (var violation in rules.Validate(indicator, cell, catalogue.Codes))
            {
                var field = violation.Field;
                if (code.Length == 0 && violation.Field == SheetField.IndicatorCode || unreadable.Contains(Header(DataSheetColumns.Data, field)))
                {
                    continue;
                }
                Issue(field, violation.Rule, QuotingTheCell(violation, row[field]), violation.IsWarning);
            }
            if (indicator is not null && !guard.May(MonevAction.ImportFigures, indicator.Owner))
            {
                Issue(SheetField.IndicatorCode, "Import.OtherMinistry", localizer["Import.OtherMinistry", indicator.Code, localizer["Owner." + indicator.Owner]]);
            }
            // A locked quarter refuses only a row that would change its figure: that is decided in Plan.

            var blocking = rowIssues.Any(i => !i.IsWarning);
            if (!blocking && indicator is not null)
            {
                var key = cell.Key(indicator.Id);
                if (firstRowOfKey.TryGetValue(key, out var first))
                {
                    Issue(SheetField.IndicatorCode, "Import.DuplicateRow", localizer["Import.DuplicateRow", first]);
                    blocking = true;
                }
                else
                {
                    firstRowOfKey[key] = row.Number;
                    result.Observations.Add(new ParsedObservation(row.Number, indicator, key, ObservationRules.StoredValue(indicator, cell),
                        indicator.IsRatioLike ? numerator : null, indicator.IsRatioLike ? denominator : null, source, note));
                }
            }
            if (blocking)
            {
                result.RejectedDataRows.Add(row.Number);
            }
            result.AddIssues(rowIssues);
        }
    }

    private void ParseTargets(SheetContent sheet, ImportCatalogue catalogue, ParsedWorkbook result)
    {
        result.TargetRowsRead = sheet.Rows.Count;
        var firstRowOfKey = new Dictionary<(int, int, int), int>();
        var mayManage = guard.May(MonevAction.ManageTargets);
        var rowIssues = new List<ImportIssue>();
        foreach (var row in sheet.Rows)
        {
            rowIssues.Clear();
            void Issue(SheetField field, string rule, string message, bool warning = false) =>
                rowIssues.Add(new ImportIssue(sheet.Name, row.Number, sheet.ColumnOf(field), Header(DataSheetColumns.Target, field),
                    row[field].Display, rule, message, warning));

            if (!mayManage)
            {
                Issue(SheetField.Target, "Import.TargetsAdminOnly", localizer["Import.TargetsAdminOnly"]);
            }
            var code = CellValueParser.Code(row[SheetField.IndicatorCode]).ToUpperInvariant();
            catalogue.Indicators.TryGetValue(code, out var indicator);
            if (code.Length == 0)
            {
                Issue(SheetField.IndicatorCode, "Import.Required", localizer["Import.Required", DataSheetColumns.IndicatorCode.Header]);
            }
            var year = ReadYear(row, sheet, Issue);
            var quarter = row[SheetField.Quarter].IsEmpty ? Target.Annual : ReadQuarter(row, Issue, required: false);
            var value = ReadNumber(row, SheetField.Target, DataSheetColumns.Target, Issue);
            var unreadable = rowIssues.Select(i => i.ColumnName).ToHashSet();
            foreach (var violation in targetRules.Validate(indicator, code, year ?? 0, quarter ?? 0, value))
            {
                var field = violation.Field == SheetField.Value ? SheetField.Target : violation.Field;
                if (code.Length == 0 && violation.Field == SheetField.IndicatorCode || unreadable.Contains(Header(DataSheetColumns.Target, field)))
                {
                    continue;
                }
                Issue(field, violation.Rule, QuotingTheCell(violation, row[field]));
            }
            var blocking = rowIssues.Any(i => !i.IsWarning);
            if (!blocking && indicator is not null)
            {
                var key = (indicator.Id, year!.Value, quarter!.Value);
                if (firstRowOfKey.TryGetValue(key, out var first))
                {
                    Issue(SheetField.IndicatorCode, "Import.DuplicateTargetRow", localizer["Import.DuplicateTargetRow", first]);
                    blocking = true;
                }
                else
                {
                    firstRowOfKey[key] = row.Number;
                    result.Targets.Add(new ParsedTarget(row.Number, indicator, key.Item2, key.Item3, value!.Value));
                }
            }
            if (blocking)
            {
                result.RejectedTargetRows.Add(row.Number);
            }
            result.AddIssues(rowIssues);
        }
    }

    /// <summary>Compares the rows that passed with the stored figures and targets; adds the tenfold-jump warnings.</summary>
    public ImportPlan Plan(
        ParsedWorkbook parsed, IReadOnlyDictionary<ObservationKey, StoredObservation> stored,
        IReadOnlyDictionary<(int IndicatorId, int Year, int Quarter), StoredTarget> storedTargets)
    {
        var issues = new List<ImportIssue>(parsed.Issues);
        var inFile = parsed.Observations.ToDictionary(o => o.Key, o => o.Value);
        var observations = new List<PlannedObservation>(parsed.Observations.Count);
        foreach (var row in parsed.Observations)
        {
            stored.TryGetValue(row.Key, out var existing);
            var planned = new PlannedObservation(row, RowOutcome.New, existing);
            planned = existing is null
                ? planned
                : planned with { Outcome = SameFigure(planned, existing) ? RowOutcome.Unchanged : RowOutcome.Changed };
            if (planned.Outcome == RowOutcome.Unchanged)
            {
                observations.Add(planned);
                continue;
            }
            // Only a row that changes a figure meets the write rules on the figure's state: a locked quarter, and a
            // verified figure that the user may not change (the whole file is then refused, naming the rows).
            var quarter = new YearQuarter(row.Key.Year, row.Key.Quarter);
            if (parsed.LockedQuarters.Contains(quarter))
            {
                issues.Add(new ImportIssue(DataSheetColumns.DataSheet, row.Row, parsed.DataColumns.GetValueOrDefault(SheetField.Quarter),
                    Header(DataSheetColumns.Data, SheetField.Quarter), row.Key.Quarter.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "Lock.Locked", quarterLock.LockedMessage(quarter)));
                planned = planned with { Outcome = RowOutcome.Rejected };
            }
            if (existing?.Status == ObservationStatus.Verified && !guard.May(MonevAction.ChangeVerifiedFigures, row.Indicator.Owner))
            {
                issues.Add(new ImportIssue(DataSheetColumns.DataSheet, row.Row, parsed.DataColumns.GetValueOrDefault(SheetField.IndicatorCode),
                    Header(DataSheetColumns.Data, SheetField.IndicatorCode), row.Indicator.Code, "Import.VerifiedNotAllowed",
                    localizer["Import.VerifiedNotAllowed", row.Row, row.Indicator.Code, quarter.ToString()]));
                planned = planned with { Outcome = RowOutcome.Rejected };
            }
            observations.Add(planned);
            if (planned.Outcome == RowOutcome.Rejected)
            {
                continue;
            }
            var previousQuarter = new YearQuarter(row.Key.Year, row.Key.Quarter).Previous();
            var previousKey = row.Key with { Year = previousQuarter.Year, Quarter = previousQuarter.Quarter };
            double? previous = inFile.TryGetValue(previousKey, out var fromFile) ? fromFile
                : stored.TryGetValue(previousKey, out var fromDatabase) ? fromDatabase.Value : null;
            if (rules.JumpWarning(row.Indicator.IsRatioLike, row.Value, row.Numerator, row.Denominator, previous) is { } warning)
            {
                var field = row.Indicator.IsRatioLike ? SheetField.Numerator : SheetField.Value;
                issues.Add(new ImportIssue(DataSheetColumns.DataSheet, row.Row, parsed.DataColumns.GetValueOrDefault(field), Header(DataSheetColumns.Data, field),
                    FigureFormatter.Number(row.Value), warning.Rule, warning.Message, IsWarning: true));
            }
        }
        var targets = parsed.Targets.Select(t =>
        {
            storedTargets.TryGetValue((t.Indicator.Id, t.Year, t.Quarter), out var existing);
            var outcome = existing is null ? RowOutcome.New : existing.Value.Equals(t.Value) ? RowOutcome.Unchanged : RowOutcome.Changed;
            if (outcome != RowOutcome.Unchanged && t.Quarter is >= 1 and <= 4 && parsed.LockedQuarters.Contains(new YearQuarter(t.Year, t.Quarter)))
            {
                issues.Add(new ImportIssue(DataSheetColumns.TargetSheet, t.Row, 0, Header(DataSheetColumns.Target, SheetField.Quarter),
                    t.Quarter.ToString(System.Globalization.CultureInfo.InvariantCulture), "Lock.Locked", quarterLock.LockedMessage(new YearQuarter(t.Year, t.Quarter))));
                outcome = RowOutcome.Rejected;
            }
            return new PlannedTarget(t, outcome, existing);
        }).ToList();

        return new ImportPlan(observations, targets, issues,
            Count(parsed.DataRowsRead, observations.Select(o => o.Outcome), parsed.RejectedDataRows.Count + observations.Count(o => o.Outcome == RowOutcome.Rejected)),
            Count(parsed.TargetRowsRead, targets.Select(t => t.Outcome), parsed.RejectedTargetRows.Count + targets.Count(t => t.Outcome == RowOutcome.Rejected)));
    }

    private static ImportCounts Count(int read, IEnumerable<RowOutcome> outcomes, int rejected)
    {
        var counts = outcomes.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        return new ImportCounts(read, counts.GetValueOrDefault(RowOutcome.New), counts.GetValueOrDefault(RowOutcome.Changed),
            counts.GetValueOrDefault(RowOutcome.Unchanged), rejected);
    }

    /// <summary>Exactly the same figure and texts: re-importing a file changes nothing, not even a version.</summary>
    private static bool SameFigure(PlannedObservation planned, StoredObservation existing) =>
        ObservationRules.SameFigure(planned.Row.Indicator, planned.Row.Value, planned.Row.Numerator, planned.Row.Denominator,
            existing.Value, existing.Numerator, existing.Denominator)
        && planned.Source == existing.Source
        && planned.Note == existing.Note;

    private int? ReadYear(SheetRow row, SheetContent sheet, Action<SheetField, string, string, bool> issue)
    {
        var cell = row[SheetField.Year];
        if (cell.IsEmpty)
        {
            issue(SheetField.Year, "Import.Required", localizer["Import.Required", DataSheetColumns.Year.Header], false);
            return null;
        }
        var year = CellValueParser.Year(cell);
        if (year is null)
        {
            issue(SheetField.Year, "Import.YearInvalid", localizer["Import.YearInvalid", cell.Display], false);
        }
        return year;
    }

    private int? ReadQuarter(SheetRow row, Action<SheetField, string, string, bool> issue, bool required)
    {
        var cell = row[SheetField.Quarter];
        if (cell.IsEmpty)
        {
            if (required)
            {
                issue(SheetField.Quarter, "Import.Required", localizer["Import.Required", DataSheetColumns.Quarter.Header], false);
            }
            return null;
        }
        var quarter = CellValueParser.Quarter(cell);
        if (quarter is null)
        {
            issue(SheetField.Quarter, "Rule.QuarterOutOfRange", localizer["Rule.QuarterOutOfRange", cell.Display], false);
        }
        return quarter;
    }

    private double? ReadNumber(SheetRow row, SheetField field, IReadOnlyList<SheetColumn> columns, Action<SheetField, string, string, bool> issue)
    {
        var cell = row[field];
        if (cell.IsEmpty)
        {
            return null;
        }
        if (CellValueParser.TryNumber(cell, out var number))
        {
            return number;
        }
        issue(field, "Import.NotANumber", localizer["Import.NotANumber", Header(columns, field), cell.Display], false);
        return null;
    }

    /// <summary>"Triwulan "TW 7" tidak valid" rather than "7": officials look for what they typed.</summary>
    private string QuotingTheCell(RuleViolation violation, RawCell cell) =>
        violation.Rule == "Rule.QuarterOutOfRange" ? localizer[violation.Rule, cell.Display] : violation.Message;

    private static string Header(IReadOnlyList<SheetColumn> columns, SheetField field) =>
        columns.FirstOrDefault(c => c.Field == field)?.Header ?? field.ToString();
}
