using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Reports;

/// <summary>The report says whether its figures are provisional or those the review saw.</summary>
public sealed class ReportReviewLineTests
{
    [Fact]
    public async Task TitleBlockSaysProvisionalBeforeTheReviewAndAsReviewedAfterLocking()
    {
        await using var database = await TestDatabase.CreateAsync(demoData: true);

        using (var before = await ReportTestSupport.WriteAndOpenReportAsync(database, 2026, 3))
        {
            Assert.Contains("angka sementara", before.Worksheet("Ringkasan").Cell(9, 1).GetString(), StringComparison.Ordinal);
        }
        await using (var admin = database.Scope(TestUser.As("admin@x", Roles.Admin)))
        {
            await database.Get<PeriodService>(admin).LockAsync(new YearQuarter(2026, 3));
        }
        using var after = await ReportTestSupport.WriteAndOpenReportAsync(database, 2026, 3);

        Assert.Contains("sesuai rapat tinjauan", after.Worksheet("Ringkasan").Cell(9, 1).GetString(), StringComparison.Ordinal);
    }
}
