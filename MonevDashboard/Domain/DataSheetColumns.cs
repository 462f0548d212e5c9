namespace MonevDashboard.Domain;

/// <summary>What a column of the <c>Data</c> or <c>Target</c> sheet holds, and so which part of a figure or target a
/// broken rule points at (<see cref="RuleViolation.Field"/>), whether it was typed in a grid or read from a workbook.</summary>
public enum SheetField
{
    IndicatorCode,
    Year,
    Quarter,
    ProvinceCode,
    CountryCode,
    Sex,
    Value,
    Numerator,
    Denominator,
    Source,
    Note,
    Target,
}

/// <summary>
/// One column of the Excel contract: its header as the template writes it, the other headers officials use for
/// it (Indonesian and English, compared without case, spacing or punctuation), and its width in the template.
/// </summary>
public sealed record SheetColumn(SheetField Field, string Header, bool Required, double Width, params IReadOnlyList<string> Aliases);

/// <summary>
/// The Excel contract's column lists (docs/design.md "Excel contract"), in their order. The one place they are written
/// down: the template, the import reader and the report workbook's <c>Data</c> sheet all use these, so an export
/// imports back unchanged.
/// </summary>
public static class DataSheetColumns
{
    public const string DataSheet = "Data";
    public const string TargetSheet = "Target";
    public const string InstructionsSheet = "Petunjuk";
    public const string IndicatorReferenceSheet = "Ref_Indikator";
    public const string ProvinceReferenceSheet = "Ref_Provinsi";
    public const string CountryReferenceSheet = "Ref_Negara";
    public const string ErrorsSheet = "Kesalahan";

    /// <summary>How many <see cref="SheetField"/>s there are (the size of a row's cell array).</summary>
    public static int FieldCount { get; } = Enum.GetValues<SheetField>().Length;

    /// <summary>How far down the reader looks for the header row (a title block above it is normal).</summary>
    public const int HeaderSearchRows = 20;

    public static SheetColumn IndicatorCode { get; } = new(SheetField.IndicatorCode, "Kode Indikator", true, 24,
        "Indikator", "Kode", "Indicator Code", "Indicator", "Code");

    public static SheetColumn Year { get; } = new(SheetField.Year, "Tahun", true, 8, "Year", "Thn");

    public static SheetColumn Quarter { get; } = new(SheetField.Quarter, "Triwulan", true, 10,
        "TW", "Trw", "Quarter", "Kuartal", "Periode Triwulan");

    public static SheetColumn ProvinceCode { get; } = new(SheetField.ProvinceCode, "Kode Provinsi", false, 14,
        "Provinsi", "Prov", "Province", "Province Code", "Nama Provinsi", "Provinsi Asal");

    public static SheetColumn CountryCode { get; } = new(SheetField.CountryCode, "Kode Negara", false, 13,
        "Negara", "Negara Tujuan", "Country", "Country Code", "Destination Country", "Nama Negara");

    public static SheetColumn Sex { get; } = new(SheetField.Sex, "Jenis Kelamin", false, 13,
        "JK", "L/P", "Sex", "Gender", "Kelamin");

    public static SheetColumn Value { get; } = new(SheetField.Value, "Nilai", true, 16,
        "Realisasi", "Value", "Jumlah", "Nilai Realisasi", "Realisation", "Realization");

    public static SheetColumn Numerator { get; } = new(SheetField.Numerator, "Pembilang", false, 13, "Numerator");

    public static SheetColumn Denominator { get; } = new(SheetField.Denominator, "Penyebut", false, 13, "Denominator");

    public static SheetColumn Source { get; } = new(SheetField.Source, "Sumber", false, 28,
        "Sumber Data", "Source", "Data Source");

    public static SheetColumn Note { get; } = new(SheetField.Note, "Keterangan", false, 40,
        "Catatan", "Note", "Notes", "Remarks", "Ket");

    public static SheetColumn TargetValue { get; } = new(SheetField.Target, "Target", true, 16,
        "Nilai Target", "Target Value", "Nilai");

    /// <summary>The <c>Data</c> sheet: Kode Indikator · Tahun · Triwulan · Kode Provinsi · Kode Negara · Jenis Kelamin ·
    /// Nilai · Pembilang · Penyebut · Sumber · Keterangan.</summary>
    public static IReadOnlyList<SheetColumn> Data { get; } =
        [IndicatorCode, Year, Quarter, ProvinceCode, CountryCode, Sex, Value, Numerator, Denominator, Source, Note];

    /// <summary>The <c>Data</c> sheet's headers in order: the template's, the reader's and the report workbook's.</summary>
    public static IReadOnlyList<string> DataHeaders { get; } = [.. Data.Select(c => c.Header)];

    /// <summary>The <c>Target</c> sheet: Kode Indikator · Tahun · Triwulan (empty = annual) · Target.</summary>
    public static IReadOnlyList<SheetColumn> Target { get; } =
    [
        IndicatorCode, Year, Quarter with { Required = false }, TargetValue,
    ];

    /// <summary>A header as compared: lower case, letters and digits only, anything in brackets dropped
    /// ("Triwulan (1–4 atau I–IV)" → "triwulan", "KODE_INDIKATOR*" → "kodeindikator").</summary>
    public static string NormalizeHeader(string header)
    {
        var text = header;
        int open;
        while ((open = text.IndexOfAny(['(', '['])) >= 0)
        {
            var close = text.IndexOfAny([')', ']'], open);
            text = close < 0 ? text[..open] : text[..open] + " " + text[(close + 1)..];
        }
        return new string([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
    }

    /// <summary>
    /// How the pre-filled template heads its reference columns (last quarter's figures beside this quarter's):
    /// "Referensi: Nilai TW II 2026". A header that starts with this word and names no contract column is a reference
    /// column: the reader ignores it without a warning, and its presence marks the sheet as a pre-filled template.
    /// </summary>
    public const string ReferenceHeaderPrefix = "Referensi";

    /// <summary>Whether a header is a reference column of the pre-filled template (never one of the contract's columns).</summary>
    public static bool IsReferenceHeader(IReadOnlyList<SheetColumn> columns, string header) =>
        Match(columns, header) is null
        && NormalizeHeader(header).StartsWith(NormalizeHeader(ReferenceHeaderPrefix), StringComparison.Ordinal);

    /// <summary>The column of <paramref name="columns"/> a header names, if any.</summary>
    public static SheetColumn? Match(IReadOnlyList<SheetColumn> columns, string header)
    {
        var key = NormalizeHeader(header);
        if (key.Length == 0)
        {
            return null;
        }
        return columns.FirstOrDefault(c => NormalizeHeader(c.Header) == key)
            ?? columns.FirstOrDefault(c => c.Aliases.Any(a => NormalizeHeader(a) == key));
    }
}
