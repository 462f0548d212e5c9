using System.Globalization;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// One problem found in an uploaded file: where (sheet, Excel row, column), what the cell held, which rule
/// (a resource key such as "Rule.Negative" or "Import.NotANumber") and the message in the UI language.
/// Row 0 is the whole file or sheet; column 0 the whole row. Warnings do not block the import.
/// </summary>
public sealed record ImportIssue(
    string Sheet, int Row, int Column, string ColumnName, string Value, string Rule, string Message, bool IsWarning = false)
{
    public static ImportIssue File(string rule, string message) => new("", 0, 0, "", "", rule, message);

    /// <summary>"G12", or "" when the issue is not about one cell.</summary>
    public string CellAddress => Row > 0 && Column > 0 ? ColumnLetters(Column) + Row.ToString(CultureInfo.InvariantCulture) : "";

    public static string ColumnLetters(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }
}

public enum ImportStage
{
    Upload = 1,
    Read,
    Validate,
    Commit,
    Done,
}

/// <summary>How far a long import has come; <see cref="Total"/> is 0 when not known yet.</summary>
public readonly record struct ImportProgress(ImportStage Stage, long Done, long Total)
{
    public double Percent => Total > 0 ? Math.Clamp(100.0 * Done / Total, 0, 100) : 0;
}

/// <summary>Limits on uploaded files (configuration section <c>Monev:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Monev:Import";

    /// <summary>Largest upload accepted, enforced while the upload streams in.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest total of the package's parts once inflated, as its zip directory declares them.</summary>
    public long MaxUncompressedBytes { get; set; } = 300L * 1024 * 1024;

    /// <summary>Largest inflated ÷ compressed size of one part (above 1 MB inflated); real sheets stay under ~30.</summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Most parts a package may have; a workbook has a few dozen.</summary>
    public int MaxEntries { get; set; } = 2000;

    /// <summary>Most data rows read from one file.</summary>
    public int MaxRows { get; set; } = 300_000;
}
