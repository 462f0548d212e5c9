using Microsoft.Extensions.Localization;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.DataEntry;

/// <summary>What a message says about its cell: an error blocks the save; a warning asks for a confirmation or a
/// second look; a return marks a cell the verifier's return reason points at.</summary>
public enum EntryMessageKind
{
    Error,
    Warning,
    Returned,
}

/// <summary>One message about one cell of the entry grid, shown next to the cell and in the page's list
/// (<see cref="EntryMessageList"/>); other checks (cross-indicator warnings) add theirs to the same list.</summary>
public sealed record EntryCellMessage(CellKey Key, string Message, EntryMessageKind Kind = EntryMessageKind.Error);

/// <summary>
/// The one place that decides what the entry grid says about a cell, for the cell itself and for the list of all
/// messages: a server error of the last save, else a number that does not parse, else the rules every save, import
/// and the command line apply (so the cell says now what the server would say), else the tenfold-jump warning;
/// a cell the verifier's return reason points at says so while it is unchanged.
/// </summary>
public static class EntryCellMessages
{
    public static EntryCellMessage? Of(EntrySection section, CellDraft draft, ObservationRules rules,
        IReadOnlyDictionary<CellKey, string> serverErrors, IStringLocalizer localizer)
    {
        var key = draft.Key;
        if (serverErrors.TryGetValue(key, out var error))
        {
            return new(key, error);
        }
        var (edit, errorKey) = draft.ToEdit(section.IsRatio);
        if (errorKey is not null)
        {
            return new(key, localizer[errorKey]);
        }
        if (edit is not null && !edit.IsBlank)
        {
            var shape = FigureShape.Of(section.Code, section.Unit, section.Aggregation, section.NumeratorNotAboveDenominator);
            if (rules.FigureViolations(shape, edit.Value, edit.Numerator, edit.Denominator) is [var violation, ..])
            {
                return new(key, violation.Message);
            }
            if (section.JumpWarning(rules, draft) is { } jump)
            {
                return new(key, jump.Message, EntryMessageKind.Warning);
            }
        }
        if (!draft.IsDirty && draft.Stored is { Status: ObservationStatus.Returned, ReturnReason: { } reason })
        {
            return new(key, localizer["EntryAid.ReturnedCell", reason], EntryMessageKind.Returned);
        }
        return null;
    }

    /// <summary>Every message of the sheet, in the grid's order (section, then row and column as stored or typed).
    /// Cells not yet shown get a draft of their stored figure, so the list is whole before the grid renders.</summary>
    public static IReadOnlyList<EntryCellMessage> All(EntrySheet sheet, IReadOnlyDictionary<CellKey, CellDraft> drafts, ObservationRules rules,
        IReadOnlyDictionary<CellKey, string> serverErrors, IStringLocalizer localizer)
    {
        var messages = new List<EntryCellMessage>();
        foreach (var section in sheet.Sections)
        {
            var keys = section.Cells.Keys
                .Concat(drafts.Keys.Where(k => k.IndicatorCode == section.Code))
                .Concat(serverErrors.Keys.Where(k => k.IndicatorCode == section.Code))
                .Distinct()
                .OrderBy(k => k.ProvinceCode, StringComparer.Ordinal).ThenBy(k => k.CountryCode, StringComparer.Ordinal)
                .ThenBy(k => k.Sex, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var draft = drafts.GetValueOrDefault(key) ?? new CellDraft(key, section.Cells.GetValueOrDefault(key));
                if (Of(section, draft, rules, serverErrors, localizer) is { } message)
                {
                    messages.Add(message);
                }
            }
        }
        return messages;
    }

    /// <summary>The element id of a cell's (first) input, for jumping to it from a list.</summary>
    public static string ElementId(CellKey key) =>
        "cell-" + string.Join("-", new[] { key.IndicatorCode, key.ProvinceCode, key.CountryCode, key.Sex }.Select(Safe));

    /// <summary>The element id of a section's panel, for the section index.</summary>
    public static string SectionId(string code) => "section-" + Safe(code);

    private static string Safe(string part) => string.Concat(part.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
}
