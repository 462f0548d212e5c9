using System.Globalization;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// On the seeded demo data, every figure of the dashboard view equals what a plain SQL GROUP BY over the stored
/// observations gives — written here by hand, independently of the service.
/// </summary>
public sealed class DemoFiguresMatchSqlTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(demoData: true, configure: s => s.AddFigures());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<double?> ScalarAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : Convert.ToDouble(result, CultureInfo.InvariantCulture);
    }

    private static string Sql(IndicatorFigure f, string quarterCondition, string extra = "") => f.Aggregation == TimeAggregation.Ratio
        ? $"SELECT SUM(\"Numerator\") * 100.0 / SUM(\"Denominator\") FROM \"Observations\" WHERE \"IndicatorId\" = {f.IndicatorId} AND \"Year\" = 2026 AND {quarterCondition}{extra}"
        : $"SELECT SUM(\"Value\") FROM \"Observations\" WHERE \"IndicatorId\" = {f.IndicatorId} AND \"Year\" = 2026 AND {quarterCondition}{extra}";

    [Fact]
    public async Task EveryReportedIndicatorFigureOfTheCurrentQuarterIsTheSqlAggregate()
    {
        await using var scope = _database.Scope();
        var dashboard = await _database.Get<FigureQueryService>(scope).GetDashboardAsync(new FigureFilter(2026, 3), null);

        var reported = dashboard.AllIndicators.Where(f => f.Aggregation is TimeAggregation.Sum or TimeAggregation.Ratio).ToList();
        Assert.Equal(12, reported.Count);
        foreach (var figure in reported)
        {
            Assert.Equal((await ScalarAsync(Sql(figure, "\"Quarter\" = 3")))!.Value, figure.QuarterValue!.Value, 6);
            Assert.Equal((await ScalarAsync(Sql(figure, "\"Quarter\" <= 3")))!.Value, figure.YearToDateValue!.Value, 6);
            Assert.Equal((await ScalarAsync(Sql(figure, "\"Quarter\" = 2")))!.Value, figure.PreviousQuarterValue!.Value, 6);
        }
    }

    [Fact]
    public async Task BreakdownRowsAndTotalsAreTheSqlGroupBy()
    {
        await using var scope = _database.Scope();
        var service = _database.Get<FigureQueryService>(scope);
        var filter = new FigureFilter(2026, 3, ProvinceCode: "35");
        var figure = (await service.GetIndicatorFigureAsync(filter, "P1-PMI-TRAINED"))!;
        var bySex = (await service.GetBreakdownTableAsync(filter, "P1-PMI-TRAINED", BreakdownDimension.Sex))!;

        Assert.Equal(await ScalarAsync(Sql(figure, "\"Quarter\" = 3", " AND \"ProvinceCode\" = '35'")), figure.QuarterValue);
        Assert.Equal(figure.QuarterValue, bySex.QuarterTotal);
        foreach (var row in bySex.Rows)
        {
            Assert.Equal(await ScalarAsync(Sql(figure, "\"Quarter\" = 3", $" AND \"ProvinceCode\" = '35' AND \"Sex\" = '{row.Code}'")), row.QuarterValue);
            Assert.Equal(await ScalarAsync(Sql(figure, "\"Quarter\" <= 3", $" AND \"ProvinceCode\" = '35' AND \"Sex\" = '{row.Code}'")), row.YearToDateValue);
        }
    }
}
