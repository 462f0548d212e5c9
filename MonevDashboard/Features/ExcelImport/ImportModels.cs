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

    /// <summary>Most entries of the shared-string table (Excel and LibreOffice store each distinct text once).</summary>
    public int MaxSharedStrings { get; set; } = 1_000_000;

    /// <summary>Most characters of text a workbook may make the server hold: shared strings plus text written in cells.</summary>
    public long MaxTextChars { get; set; } = 32L * 1024 * 1024;

    /// <summary>Longest text of one cell or shared string: Excel's own limit.</summary>
    public int MaxCellChars { get; set; } = 32_767;

    /// <summary>Most errors (and as many warnings) listed for one file; the rest are counted, not listed.</summary>
    public int MaxIssues { get; set; } = 1_000;
}

/// <summary>
/// Keeps what a file's issues cost bounded: at most a number of errors and of warnings listed, each with its cell
/// value and message cut to a readable length; the others are only counted.
/// </summary>
public static class ImportIssueLimit
{
    public const int ValueLength = 200;
    public const int MessageLength = 1_000;

    public static ImportIssue Shorten(ImportIssue issue) =>
        issue.Value.Length <= ValueLength && issue.Message.Length <= MessageLength
            ? issue
            : issue with { Value = Cut(issue.Value, ValueLength), Message = Cut(issue.Message, MessageLength) };

    public static (List<ImportIssue> Kept, int OmittedErrors, int OmittedWarnings) Apply(IEnumerable<ImportIssue> issues, int max)
    {
        var kept = new List<ImportIssue>();
        int errors = 0, warnings = 0, omittedErrors = 0, omittedWarnings = 0;
        foreach (var issue in issues)
        {
            if (issue.IsWarning ? warnings++ < max : errors++ < max)
            {
                kept.Add(Shorten(issue));
            }
            else if (issue.IsWarning)
            {
                omittedWarnings++;
            }
            else
            {
                omittedErrors++;
            }
        }
        return (kept, omittedErrors, omittedWarnings);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
