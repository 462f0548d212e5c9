using System.IO.Compression;
using System.Xml;
using ClosedXML.Excel;
using System.Data;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Reports;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>What officials type must come out of the workbook as they typed it, and nothing may become a formula.</summary>
public sealed class FaithfulValuesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportTestSupport.CreateDatabaseAsync(demoData: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static readonly string[] s_trickyTexts =
    [
        "001", "2026-01-02", "1.234,5", "1E5", "TRUE", "=SUM(A1:A9)", "+62 812 3456", "-5", "@risk", "\tberawal tab",
        "\rberawal CR", "  spasi  ", "baris satu\r\nbaris dua", "<b>&amp;</b>", "kontrol\u0001dibuang",
    ];

    [Fact]
    public async Task TextThatLooksLikeANumberDateOrFormulaStaysTextAndFormulaLikeTextCarriesTheQuotePrefix()
    {
        await using (var db = _database.OpenContext())
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Code == "P2-INFO-EVENTS");
            db.Observations.AddRange(s_trickyTexts.Select((text, i) => new Observation
            {
                IndicatorId = indicator.Id, Year = 2027, Quarter = 1, ProvinceCode = (11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Value = i, Source = text, Note = text,
            }));
            var meeting = new ReviewMeeting { Year = 2027, Quarter = 1, MeetingDate = new DateOnly(2027, 4, 20), Chair = "Ketua" };
            meeting.ActionItems.Add(new ActionItem { Description = "=HYPERLINK(\"http://contoh\")", PicUnit = "-Setditjen", DueDate = new DateOnly(2027, 5, 1) });
            db.ReviewMeetings.Add(meeting);
            db.Narratives.Add(new Narrative { IndicatorId = indicator.Id, Year = 2027, Quarter = 1, Analysis = "=1+1", Obstacles = "001", FollowUpPlan = "@semua" });
            await db.SaveChangesAsync();
        }

        using var workbook = await ReportTestSupport.WriteAndOpenReportAsync(_database, 2027, 1);

        var data = workbook.Worksheet("Data");
        var rows = data.RowsUsed().Skip(1).ToList();
        Assert.Equal(s_trickyTexts.Length, rows.Count);
        foreach (var row in rows)
        {
            // Control characters cannot be stored in a workbook and are dropped. The file keeps CRLF (as &#xD;\n), but
            // ClosedXML 0.95 normalises line breaks to "\n" when it reads, so that is what a reader sees.
            var expected = s_trickyTexts[(int)row.Cell(7).GetDouble()]
                .Replace("\u0001", "", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (var cell in new[] { row.Cell(10), row.Cell(11) })
            {
                Assert.Equal(XLDataType.Text, cell.DataType);
                Assert.Equal(expected, cell.GetString());
                Assert.False(cell.HasFormula);
                Assert.Equal(FaithfulCellWriter.NeedsQuotePrefix(expected), cell.Style.IncludeQuotePrefix);
            }
            // Province codes are text ("11"), so a code like "01" would keep its zero.
            Assert.Equal(XLDataType.Text, row.Cell(4).DataType);
        }
        Assert.Contains(rows, r => r.Cell(11).GetString() == "=SUM(A1:A9)" && r.Cell(11).Style.IncludeQuotePrefix);

        var action = workbook.Worksheet("Tindak Lanjut").RowsUsed().Single(r => r.Cell(1).DataType == XLDataType.Number);
        Assert.Equal("=HYPERLINK(\"http://contoh\")", action.Cell(5).GetString());
        Assert.False(action.Cell(5).HasFormula);
        Assert.True(action.Cell(5).Style.IncludeQuotePrefix);
        Assert.True(action.Cell(6).Style.IncludeQuotePrefix);

        var narrative = workbook.Worksheet("Narasi").RowsUsed().Single(r => r.Cell(1).GetString() == "P2-INFO-EVENTS");
        Assert.Equal("=1+1", narrative.Cell(3).GetString());
        Assert.False(narrative.Cell(3).HasFormula);
        Assert.True(narrative.Cell(3).Style.IncludeQuotePrefix);
        Assert.Equal(XLDataType.Text, narrative.Cell(4).DataType);
        Assert.Equal("001", narrative.Cell(4).GetString());
    }

    [Fact]
    public async Task AQuarterWithoutNarrativesOrFollowUpsSaysSoInsteadOfLeavingTheSheetsBlank()
    {
        using var workbook = await ReportTestSupport.WriteAndOpenReportAsync(_database, 2028, 2);

        Assert.Contains(workbook.Worksheet("Narasi").CellsUsed(), c => c.GetString() == "Belum ada narasi untuk Triwulan II 2028.");
        Assert.Contains(workbook.Worksheet("Tindak Lanjut").CellsUsed(), c => c.GetString() == "Belum ada tindak lanjut rapat tinjauan s.d. Triwulan II 2028.");
        var data = workbook.Worksheet("Data");
        Assert.Equal(1, data.LastRowUsed().RowNumber());
        // An Excel table needs a data row, so an empty year keeps one empty row inside the table.
        Assert.Equal(2, Assert.Single(data.Tables).RangeAddress.LastAddress.RowNumber);
        Assert.Contains(workbook.Worksheet("Per Provinsi").CellsUsed(), c => c.GetString() == "Belum ada data pada tahun 2028.");
    }

    [Fact]
    public async Task AYearOfFiftyThousandObservationsExportsEveryRowIntoTheTable()
    {
        const int Count = 50_000;
        await InsertGeneratedObservationsAsync(2029, Count);
        var progress = new List<ExportProgress>();

        var path = Path.Combine(Path.GetTempPath(), $"monev-large-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = File.Create(path))
            await using (var scope = _database.Scope())
            {
                var written = await _database.Get<ReportService>(scope).WriteQuarterlyReportAsync(
                    file, new(2029, 4), new ReportTestSupport.SynchronousProgress(progress.Add));
                Assert.Equal(Count, written);
            }

            // Counted straight from the file's XML: loading 550,000 cells into ClosedXML is what the writer avoids.
            using var zip = ZipFile.OpenRead(path);
            var rows = 0;
            string? lastReference = null;
            using (var reader = XmlReader.Create(zip.GetEntry("xl/worksheets/sheet5.xml")!.Open()))
            {
                while (reader.Read())
                {
                    if (reader is { NodeType: XmlNodeType.Element, LocalName: "row" })
                    {
                        rows++;
                        lastReference = reader.GetAttribute("r");
                    }
                }
            }
            Assert.Equal(Count + 1, rows);
            Assert.Equal((Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), lastReference);
            using var table = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/tables/", StringComparison.Ordinal)).Open());
            Assert.Contains($"ref=\"A1:M{Count + 1}\"", await table.ReadToEndAsync());
            Assert.Contains(progress, p => p.Stage == ExportStage.WritingRows && p.RowsWritten is > 0 and < Count);
            Assert.Equal(Count, progress[^1].RowsWritten);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task InsertGeneratedObservationsAsync(int year, int count)
    {
        await using var connection = await _database.OpenConnectionAsync();
        var indicatorIds = new List<long>();
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT \"Id\" FROM \"Indicators\" WHERE \"Aggregation\" = 1 ORDER BY \"Id\"";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indicatorIds.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "Observations" ("IndicatorId", "Year", "Quarter", "ProvinceCode", "CountryCode", "Sex", "Value", "Source", "Note", "Status",
                "CreatedBy", "CreatedAt", "UpdatedBy", "UpdatedAt", "Version")
            VALUES (@indicator, @year, @quarter, @province, @country, @sex, @value, 'Generator uji', '', 1, 'test', @at, 'test', @at, 0)
            """;
        DatabaseDialect.AddParameter(insert, "@at", new DateTime(2029, 1, 1, 0, 0, 0, DateTimeKind.Utc), DbType.DateTime);
        var parameters = new (string Name, DbType Type)[]
            {
                ("@indicator", DbType.Int32), ("@year", DbType.Int32), ("@quarter", DbType.Int32), ("@province", DbType.String),
                ("@country", DbType.String), ("@sex", DbType.String), ("@value", DbType.Double),
            }
            .Select(p => DatabaseDialect.AddParameter(insert, p.Name, null, p.Type)).ToArray();
        var n = 0;
        foreach (var indicator in indicatorIds)
        {
            for (var quarter = 1; quarter <= 4 && n < count; quarter++)
            {
                for (var province = 11; province <= 99 && n < count; province++)
                {
                    for (var country = 0; country < 26 && n < count; country++)
                    {
                        foreach (var sex in new[] { "L", "P" })
                        {
                            if (n == count)
                            {
                                break;
                            }
                            object[] values = [(int)indicator, year, quarter, province.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                "A" + (char)('A' + country), sex, n * 1.5];
                            for (var i = 0; i < values.Length; i++)
                            {
                                parameters[i].Value = values[i];
                            }
                            await insert.ExecuteNonQueryAsync();
                            n++;
                        }
                    }
                }
            }
        }
        // A bulk load outside the app's writers sums the maintained totals itself, as the bench's data set does.
        await FigureTotals.RebuildAsync(connection, transaction);
        await transaction.CommitAsync();
        Assert.Equal(count, n);
    }
}
