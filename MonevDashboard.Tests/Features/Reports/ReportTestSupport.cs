using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.Reports;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

internal static class ReportTestSupport
{
    public static Task<TestDatabase> CreateDatabaseAsync(bool demoData) =>
        TestDatabase.CreateAsync(demoData, services =>
        {
            services.AddFigures();
            services.AddReportsFeature();
        });

    /// <summary>Stores letterhead logos and the approving official as an Admin does under Administrasi → Pengaturan.</summary>
    public static async Task SetLetterheadAsync(TestDatabase database, byte[]? kemendagLogo, byte[]? kp2miLogo, string approverName, string approverTitle)
    {
        await using var scope = database.Scope(TestUser.As("admin.kop@monev.go.id", MonevDashboard.Domain.Access.Roles.Admin));
        var settings = database.Get<MonevDashboard.Features.Settings.SettingsService>(scope);
        await settings.SaveSignatoriesAsync("", approverName, approverTitle, await settings.GetReportSettingsAsync());
        if (kemendagLogo is not null)
        {
            await settings.SaveLogoAsync(MonevDashboard.Data.Model.AppSetting.LogoKemendag, kemendagLogo, await settings.GetReportSettingsAsync());
        }
        if (kp2miLogo is not null)
        {
            await settings.SaveLogoAsync(MonevDashboard.Data.Model.AppSetting.LogoKp2mi, kp2miLogo, await settings.GetReportSettingsAsync());
        }
    }

    /// <summary>Writes the report of a quarter and opens it with ClosedXML, as a reader of the file would.</summary>
    public static async Task<XLWorkbook> WriteAndOpenReportAsync(TestDatabase database, int year, int quarter, List<ExportProgress>? progress = null)
    {
        await using var scope = database.Scope();
        var reports = database.Get<ReportService>(scope);
        var output = new MemoryStream();
        await reports.WriteQuarterlyReportAsync(output, new(year, quarter), progress is null ? null : new SynchronousProgress(progress.Add));
        output.Position = 0;
        return new XLWorkbook(output);
    }

    public sealed record DrawnPicture(int Column, int Row, int Width, int Height, string ContentType, byte[] Image);

    /// <summary>
    /// The pictures of a sheet, read with the Open XML SDK: ClosedXML 0.95 measures pictures with System.Drawing when
    /// it opens a file, which needs libgdiplus (absent on Linux).
    /// </summary>
    public static IReadOnlyList<DrawnPicture> ReadPictures(Stream workbook, string sheetName)
    {
        workbook.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(workbook, isEditable: false);
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name?.Value == sheetName);
        var worksheet = (DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheet.Id!.Value!);
        if (worksheet.DrawingsPart is not { } drawings)
        {
            return [];
        }
        return [.. drawings.WorksheetDrawing.Elements<DocumentFormat.OpenXml.Drawing.Spreadsheet.OneCellAnchor>().Select(anchor =>
        {
            var blip = anchor.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single();
            var image = (DocumentFormat.OpenXml.Packaging.ImagePart)drawings.GetPartById(blip.Embed!.Value!);
            using var stream = image.GetStream();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return new DrawnPicture(int.Parse(anchor.FromMarker!.ColumnId!.Text, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(anchor.FromMarker.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture),
                (int)(anchor.Extent!.Cx!.Value / 9525), (int)(anchor.Extent.Cy!.Value / 9525), image.ContentType, bytes.ToArray());
        })];
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want the reports in order, now.</summary>
    public sealed class SynchronousProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
