using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Data.Reference;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Bench;

/// <summary>
/// The benchmark's data set: a database made by the app's own <see cref="DatabaseInitializer"/> (demo data off, so
/// schema and indexes are the real ones), then <c>N</c> observations over 2024–2028 written by one prepared INSERT
/// in one transaction (binary COPY on PostgreSQL).
/// <para>
/// The fourteen indicators of the results framework hold about 1,600 cells a quarter (province × sex is 76 cells, a
/// country breakdown 248), far from 50,000 a quarter, so synthetic indicators (BENCH-001 …, owned by the ministries,
/// flows and ratios, by province × sex or by country) are added to the catalogue until the quarters can hold N; the
/// real services then aggregate them like any other. About 92 % of the cells of each quarter are filled, chosen by a
/// stable hash, so breakdowns have gaps as real reporting does. Every figure comes from a stable hash of (indicator,
/// quarter, cell): two runs build identical databases.
/// </para>
/// </summary>
internal static class BenchDataSet
{
    public const int FirstYear = 2024;
    public const int LastYear = 2028;
    public const int QuarterCount = (LastYear - FirstYear + 1) * 4;

    /// <summary>The year the imported workbook fills: it has reporting periods but no data in the set.</summary>
    public const int ImportYear = 2029;

    public const string User = "bench";
    public const string Source = "Data sintetis benchmark";
    public const string CodePrefix = "BENCH-";

    private const double Density = 0.92;
    private const int MinimumSyntheticIndicators = 4;

    /// <summary>
    /// The quarter the dashboard and the report are measured on: "today's" reporting quarter of the demo story, with
    /// the whole eight-quarter trend window of the dashboard inside the data.
    /// </summary>
    public static readonly YearQuarter MeasuredQuarter = new(2026, 3);

    internal sealed record Cell(string Province, string Country, string Sex);

    /// <summary>One indicator's cells and the shape of its figures.</summary>
    internal sealed record Series(int IndicatorId, string Code, TimeAggregation Aggregation, Disaggregation By, double QuarterTotal, Cell[] Cells, double[] Weights);

    public sealed record Result(
        long Observations, IReadOnlyList<Series> Series, int SyntheticIndicators, int Targets, TimeSpan InsertTime, TimeSpan TotalTime)
    {
        public int Indicators => Series.Count;
    }

    /// <summary>One generated figure.</summary>
    internal readonly record struct Generated(Series Series, YearQuarter Period, Cell Cell, double Value, double? Numerator, double? Denominator, string Note);

    // Weights of where migrant workers come from and go to (docs/design.md "Demo data"): the leading provinces of origin and
    // destinations get most of a figure, the rest a long tail.
    private static readonly string[] s_leadingProvinces = ["35", "33", "32", "52", "18", "12", "36", "51", "53", "31"];
    private static readonly string[] s_leadingCountries = ["TW", "MY", "HK", "KR", "JP", "SG", "SA", "BN", "AE", "US", "QA", "PL", "KW", "OM", "DE", "AU"];

    // Quarter totals of the results framework's indicators, on the scale of the demo data.
    private static readonly Dictionary<string, double> s_quarterTotals = new(StringComparer.Ordinal)
    {
        ["P1-PMI-TRAINED"] = 2_500,
        ["P1-PMI-CERTIFIED"] = 1_500,
        ["P1-SKILLED-SHARE"] = 69_000,
        ["P2-INFO-EVENTS"] = 120,
        ["P2-INFO-REACH"] = 15_000,
        ["P2-JOB-ORDERS"] = 60_000,
        ["P3-UMKM-FACILITATED"] = 450,
        ["P3-EXPORT-VALUE"] = 40_000_000,
        ["P3-PROMO-EVENTS"] = 60,
        ["P3-PMI-ENTREPRENEURS"] = 300,
        ["P3-REMITTANCE"] = 3_900_000_000,
        ["P4-COORD-MEETINGS"] = 6,
    };

    /// <summary>
    /// Creates the database at <paramref name="services"/>' connection string and fills it; the catalogue is made large
    /// enough for <paramref name="importRows"/> new figures of the import year as well.
    /// </summary>
    public static async Task<Result> CreateAsync(IServiceProvider services, long observations, long importRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, QuarterCount);
        var total = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
        var perQuarter = (int)Math.Min(int.MaxValue, Math.Max((observations + QuarterCount - 1) / QuarterCount, (importRows + 3) / 4));
        var (series, synthetic) = await BuildCatalogueAsync(services, perQuarter, cancellationToken);

        var insert = Stopwatch.StartNew();
        var location = services.GetRequiredService<DatabaseLocation>();
        var (written, targets) = location.IsPostgres
            ? await CopyAsync(location.ConnectionString, series, observations, cancellationToken)
            : await InsertAsync(location.ConnectionString, series, observations, cancellationToken);
        insert.Stop();
        // The bulk load bypasses the app's writers, so the maintained totals are summed once from what it wrote, as the
        // migration that introduced them does for an existing database.
        await using (var connection = DatabaseDialect.Of(location).CreateConnection(location.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await FigureTotals.RebuildAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Then the app starts on it, as on any existing database: migrations and seeds have nothing to do, and the
        // planner statistics are brought up to date.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        }
        return new Result(written, series, synthetic, targets, insert.Elapsed, total.Elapsed);
    }

    private static async Task<(List<Series> Series, int Synthetic)> BuildCatalogueAsync(IServiceProvider services, int perQuarter, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.SuppressAudit = true;
        var existing = await db.Indicators.AsNoTracking()
            .Where(i => i.IsActive && i.Aggregation != TimeAggregation.Derived)
            .OrderBy(i => i.Id)
            .ToListAsync(ct);
        var seededCells = existing.Sum(i => CellsOf(i.Disaggregations).Length);
        var needed = (int)Math.Ceiling(perQuarter / Density);

        var pillars = await db.Pillars.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(ct);
        var added = new List<Indicator>();
        for (var cells = seededCells; cells < needed || added.Count < MinimumSyntheticIndicators;)
        {
            var indicator = SyntheticIndicator(added.Count + 1, pillars);
            added.Add(indicator);
            cells += CellsOf(indicator.Disaggregations).Length;
        }
        db.Indicators.AddRange(added);
        await db.SaveChangesAsync(ct);

        var series = existing.Concat(added)
            .Select(i =>
            {
                var cells = CellsOf(i.Disaggregations);
                var scale = s_quarterTotals.TryGetValue(i.Code, out var known) ? known : SyntheticScale(i);
                return new Series(i.Id, i.Code, i.Aggregation, i.Disaggregations, scale, cells, Weights(cells));
            })
            .OrderBy(s => s.IndicatorId)
            .ToList();
        return (series, added.Count);
    }

    /// <summary>
    /// Synthetic indicators take turns: a flow by province × sex, a flow by country, a share by province × sex and a
    /// share by country; owners and pillars rotate so every filter of the dashboard has some.
    /// </summary>
    private static Indicator SyntheticIndicator(int number, IReadOnlyList<Pillar> pillars)
    {
        var shape = (number - 1) % 4;
        var ratio = shape >= 2;
        var code = string.Create(CultureInfo.InvariantCulture, $"{CodePrefix}{number:000}");
        return new Indicator
        {
            Code = code,
            PillarId = pillars[(number - 1) % pillars.Count].Id,
            NameId = ratio ? $"Porsi sintetis {number} (benchmark)" : $"Peserta sintetis {number} (benchmark)",
            NameEn = ratio ? $"Synthetic share {number} (benchmark)" : $"Synthetic participants {number} (benchmark)",
            DefinitionId = "Indikator sintetis untuk uji kinerja; bukan bagian dari kerangka hasil PKS.",
            DefinitionEn = "A synthetic indicator for the performance benchmark; not part of the PKS results framework.",
            Unit = ratio ? "%" : "orang",
            UnitEn = ratio ? "%" : "people",
            Aggregation = ratio ? TimeAggregation.Ratio : TimeAggregation.Sum,
            Direction = Direction.HigherIsBetter,
            Owner = ((number - 1) % 3) switch { 0 => Ministry.Kp2mi, 1 => Ministry.Kemendag, _ => Ministry.Bersama },
            Disaggregations = shape % 2 == 0 ? Disaggregation.Province | Disaggregation.Sex : Disaggregation.Country,
            DataSource = "Benchmark",
            NumeratorNotAboveDenominator = ratio,
            IsActive = true,
            SortOrder = 100 + number,
        };
    }

    private static double SyntheticScale(Indicator indicator)
    {
        var u = Unit(Hash(indicator.Id, 0, 0, 17));
        return Math.Round(Math.Pow(10, 2 + 3 * u));
    }

    private static readonly string[] s_provinces = [.. ProvinceList.All.Select(p => p.Code).Order(StringComparer.Ordinal)];
    private static readonly string[] s_countries = [.. CountryList.All.Select(c => c.Code).Where(c => c != "ID").Order(StringComparer.Ordinal)];
    private static readonly Dictionary<Disaggregation, Cell[]> s_cells = [];

    /// <summary>Every cell an indicator allows, in the order of the natural-key index (province, country, sex).</summary>
    internal static Cell[] CellsOf(Disaggregation by)
    {
        lock (s_cells)
        {
            if (s_cells.TryGetValue(by, out var known))
            {
                return known;
            }
            string[] provinces = (by & Disaggregation.Province) != 0 ? s_provinces : [""];
            string[] countries = (by & Disaggregation.Country) != 0 ? s_countries : [""];
            string[] sexes = (by & Disaggregation.Sex) != 0 ? ["L", "P"] : [""];
            var cells = (from p in provinces from c in countries from s in sexes select new Cell(p, c, s)).ToArray();
            s_cells[by] = cells;
            return cells;
        }
    }

    /// <summary>Shares of a figure over the cells: leading provinces and countries first, ~62 % women.</summary>
    private static double[] Weights(Cell[] cells)
    {
        static double Rank(string code, string[] leading)
        {
            if (code.Length == 0)
            {
                return 1;
            }
            var index = Array.IndexOf(leading, code);
            return index >= 0 ? 1.0 / (index + 1) : 0.02;
        }
        var weights = cells.Select(c =>
                Rank(c.Province, s_leadingProvinces) * Rank(c.Country, s_leadingCountries) * (c.Sex switch { "P" => 0.62, "L" => 0.38, _ => 1 }))
            .ToArray();
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    /// <summary>
    /// <paramref name="count"/> observations spread evenly over <paramref name="quarters"/> quarters from
    /// <paramref name="first"/>, in the order of the natural-key index (indicator, year, quarter, cell). In each quarter
    /// the filled cells are those with the lowest hashes, so the gaps fall anywhere and the count is exact.
    /// </summary>
    internal static IEnumerable<Generated> Generate(IReadOnlyList<Series> series, YearQuarter first, int quarters, long count)
    {
        var cellsPerQuarter = series.Sum(s => s.Cells.Length);
        var offset = first.Index - new YearQuarter(FirstYear, 1).Index;
        var thresholds = new ulong[quarters];
        var hashes = new ulong[cellsPerQuarter];
        for (var q = 0; q < quarters; q++)
        {
            var quota = (int)(count / quarters + (q < count % quarters ? 1 : 0));
            var n = 0;
            foreach (var s in series)
            {
                for (var c = 0; c < s.Cells.Length; c++)
                {
                    hashes[n++] = Hash(s.IndicatorId, offset + q, c, 1);
                }
            }
            Array.Sort(hashes);
            thresholds[q] = quota >= cellsPerQuarter ? ulong.MaxValue : quota == 0 ? 0 : hashes[quota - 1];
        }
        if (quarters > 0 && (count + quarters - 1) / quarters > cellsPerQuarter)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "More observations than the catalogue has cells.");
        }
        foreach (var s in series)
        {
            for (var q = 0; q < quarters; q++)
            {
                var period = YearQuarter.FromIndex(first.Index + q);
                var index = offset + q;
                var scale = s.QuarterTotal * (1 + 0.06 * (period.Year - FirstYear)) * (period.Quarter switch { 1 => 0.85, 2 => 1.0, 3 => 1.1, _ => 1.05 });
                for (var c = 0; c < s.Cells.Length; c++)
                {
                    if (thresholds[q] == 0 || Hash(s.IndicatorId, index, c, 1) > thresholds[q])
                    {
                        continue;
                    }
                    var noise = 0.7 + 0.6 * Unit(Hash(s.IndicatorId, index, c, 2));
                    var amount = scale * s.Weights[c] * noise;
                    var note = Hash(s.IndicatorId, index, c, 5) % 50 == 0 ? "Angka sementara; menunggu konfirmasi dinas provinsi." : "";
                    if (s.Aggregation == TimeAggregation.Ratio)
                    {
                        var denominator = Math.Round(amount) + 1;
                        var share = 0.25 + 0.6 * Unit(Hash(s.IndicatorId, 0, c, 3)) + 0.1 * (Unit(Hash(s.IndicatorId, index, c, 4)) - 0.5);
                        var numerator = Math.Min(denominator, Math.Round(denominator * Math.Clamp(share, 0, 1)));
                        yield return new Generated(s, period, s.Cells[c], numerator / denominator * 100, numerator, denominator, note);
                    }
                    else
                    {
                        var value = s.Code is "P3-EXPORT-VALUE" or "P3-REMITTANCE" ? Math.Round(amount, 2) : Math.Round(amount);
                        yield return new Generated(s, period, s.Cells[c], value, null, null, note);
                    }
                }
            }
        }
    }

    private static async Task<(long Observations, int Targets)> InsertAsync(
        string connectionString, List<Series> series, long observations, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Observations (IndicatorId, Year, Quarter, ProvinceCode, CountryCode, Sex, Value, Numerator, Denominator,
                Source, Note, Status, ReturnReason, ImportBatchId, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version)
            VALUES ($indicator, $year, $quarter, $province, $country, $sex, $value, $numerator, $denominator,
                $source, $note, $status, NULL, NULL, $user, $at, $user, $at, 1)
            """;
        SqliteParameter Add(string name) => insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        var pIndicator = Add("$indicator");
        var pYear = Add("$year");
        var pQuarter = Add("$quarter");
        var pProvince = Add("$province");
        var pCountry = Add("$country");
        var pSex = Add("$sex");
        var pValue = Add("$value");
        var pNumerator = Add("$numerator");
        var pDenominator = Add("$denominator");
        Add("$source").Value = Source;
        var pNote = Add("$note");
        var pStatus = Add("$status");
        Add("$user").Value = User;
        var pAt = Add("$at");
        insert.Prepare();

        var totals = new Totals();
        long written = 0;
        var current = (IndicatorId: -1, Period: default(YearQuarter));
        foreach (var o in Generate(series, new YearQuarter(FirstYear, 1), QuarterCount, observations))
        {
            if (current != (o.Series.IndicatorId, o.Period))
            {
                current = (o.Series.IndicatorId, o.Period);
                pIndicator.Value = o.Series.IndicatorId;
                pYear.Value = o.Period.Year;
                pQuarter.Value = o.Period.Quarter;
                // Reported a few weeks after the quarter; the last quarters are still awaiting verification.
                pAt.Value = o.Period.LastDay.ToDateTime(new TimeOnly(3, 0)).AddDays(20).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                pStatus.Value = (int)(o.Period >= MeasuredQuarter ? ObservationStatus.Submitted : ObservationStatus.Verified);
            }
            pProvince.Value = o.Cell.Province;
            pCountry.Value = o.Cell.Country;
            pSex.Value = o.Cell.Sex;
            pValue.Value = o.Value;
            pNumerator.Value = o.Numerator is { } n ? n : DBNull.Value;
            pDenominator.Value = o.Denominator is { } d ? d : DBNull.Value;
            pNote.Value = o.Note;
            await insert.ExecuteNonQueryAsync(ct);
            written++;
            totals.Add(o);
        }
        var targets = await InsertTargetsAsync(connection, transaction, series, totals, ct);
        await transaction.CommitAsync(ct);
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        return (written, targets);
    }

    /// <summary>The sums per indicator and year and per indicator and quarter that the targets are set around.</summary>
    private sealed class Totals
    {
        public Dictionary<(int IndicatorId, int Year), (double Value, double Numerator, double Denominator)> Years { get; } = [];
        public Dictionary<(int IndicatorId, YearQuarter Period), (double Value, double Numerator, double Denominator)> Quarters { get; } = [];

        public void Add(Generated o)
        {
            var yearKey = (o.Series.IndicatorId, o.Period.Year);
            var (v, nu, de) = Years.GetValueOrDefault(yearKey);
            Years[yearKey] = (v + o.Value, nu + (o.Numerator ?? 0), de + (o.Denominator ?? 0));
            var quarterKey = (o.Series.IndicatorId, o.Period);
            (v, nu, de) = Quarters.GetValueOrDefault(quarterKey);
            Quarters[quarterKey] = (v + o.Value, nu + (o.Numerator ?? 0), de + (o.Denominator ?? 0));
        }
    }

    private static async Task<int> InsertTargetsAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<Series> series, Totals totals, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Targets (IndicatorId, Year, Quarter, Value, UpdatedAt, UpdatedBy) VALUES ($indicator, $year, $quarter, $value, $at, $user)";
        var pIndicator = insert.Parameters.Add(new SqliteParameter { ParameterName = "$indicator" });
        var pYear = insert.Parameters.Add(new SqliteParameter { ParameterName = "$year" });
        var pQuarter = insert.Parameters.Add(new SqliteParameter { ParameterName = "$quarter" });
        var pValue = insert.Parameters.Add(new SqliteParameter { ParameterName = "$value" });
        insert.Parameters.AddWithValue("$at", TargetsUpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$user", User);
        insert.Prepare();
        var count = 0;
        foreach (var (indicatorId, year, quarter, value) in TargetRows(series, totals))
        {
            pIndicator.Value = indicatorId;
            pYear.Value = year;
            pQuarter.Value = quarter;
            pValue.Value = value;
            await insert.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }

    private static readonly DateTime TargetsUpdatedAt = new(2024, 1, 15, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Annual targets for every year (the last year's also for the import year), and quarter targets for every other
    /// indicator, set around what the data holds so that every status colour shows.
    /// </summary>
    private static IEnumerable<(int IndicatorId, int Year, int Quarter, double Value)> TargetRows(List<Series> series, Totals totals)
    {
        static double Rounded(double value) => Math.Round(value, value < 1000 ? 1 : 0);
        foreach (var s in series)
        {
            for (var year = FirstYear; year <= ImportYear; year++)
            {
                var (value, numerator, denominator) = totals.Years.GetValueOrDefault((s.IndicatorId, Math.Min(year, LastYear)));
                var factor = 0.8 + 0.6 * Unit(Hash(s.IndicatorId, year, 0, 6));
                var annual = s.Aggregation == TimeAggregation.Ratio
                    ? (denominator == 0 ? 50 : Math.Min(100, numerator / denominator * 100 * (0.85 + 0.3 * Unit(Hash(s.IndicatorId, year, 0, 7)))))
                    : Math.Max(1, value * factor);
                yield return (s.IndicatorId, year, Target.Annual, Rounded(annual));
                if (s.IndicatorId % 2 == 0 && year <= LastYear && s.Aggregation != TimeAggregation.Ratio)
                {
                    for (var quarter = 1; quarter <= 4; quarter++)
                    {
                        var actual = totals.Quarters.GetValueOrDefault((s.IndicatorId, new YearQuarter(year, quarter))).Value;
                        yield return (s.IndicatorId, year, quarter, Rounded(Math.Max(1, actual * (0.8 + 0.8 * Unit(Hash(s.IndicatorId, year, quarter, 8))))));
                    }
                }
            }
        }
    }

    /// <summary>
    /// PostgreSQL: the same rows by binary COPY in one transaction, the server's own bulk path (what the prepared INSERT
    /// in one transaction is to SQLite).
    /// </summary>
    private static async Task<(long Observations, int Targets)> CopyAsync(
        string connectionString, List<Series> series, long observations, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var totals = new Totals();
        long written = 0;
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY "Observations" ("IndicatorId", "Year", "Quarter", "ProvinceCode", "CountryCode", "Sex", "Value", "Numerator", "Denominator",
                "Source", "Note", "Status", "CreatedBy", "CreatedAt", "UpdatedBy", "UpdatedAt", "Version") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            var current = (IndicatorId: -1, Period: default(YearQuarter));
            DateTime at = default;
            var status = 0;
            foreach (var o in Generate(series, new YearQuarter(FirstYear, 1), QuarterCount, observations))
            {
                if (current != (o.Series.IndicatorId, o.Period))
                {
                    current = (o.Series.IndicatorId, o.Period);
                    at = DateTime.SpecifyKind(o.Period.LastDay.ToDateTime(new TimeOnly(3, 0)).AddDays(20), DateTimeKind.Utc);
                    status = (int)(o.Period >= MeasuredQuarter ? ObservationStatus.Submitted : ObservationStatus.Verified);
                }
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(o.Series.IndicatorId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Period.Year, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Period.Quarter, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(o.Cell.Province, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(o.Cell.Country, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(o.Cell.Sex, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(o.Value, NpgsqlDbType.Double, ct);
                await WriteNullableAsync(writer, o.Numerator, ct);
                await WriteNullableAsync(writer, o.Denominator, ct);
                await writer.WriteAsync(Source, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(o.Note, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(status, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(User, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(User, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                written++;
                totals.Add(o);
            }
            await writer.CompleteAsync(ct);
        }
        var targets = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Targets\" (\"IndicatorId\", \"Year\", \"Quarter\", \"Value\", \"UpdatedAt\", \"UpdatedBy\", \"Version\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (indicatorId, year, quarter, value) in TargetRows(series, totals))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(indicatorId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(year, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(quarter, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(value, NpgsqlDbType.Double, ct);
                await writer.WriteAsync(TargetsUpdatedAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(User, NpgsqlDbType.Text, ct);
                // SQLite's column default since the concurrency tokens came; PostgreSQL's migrations have none.
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                targets++;
            }
            await writer.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (written, targets);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, double? value, CancellationToken ct)
    {
        if (value is { } number)
        {
            await writer.WriteAsync(number, NpgsqlDbType.Double, ct);
        }
        else
        {
            await writer.WriteNullAsync(ct);
        }
    }

    /// <summary>SplitMix64 of the inputs: a stable pseudo-random number per (indicator, quarter, cell, purpose).</summary>
    internal static ulong Hash(int indicator, int quarter, int cell, int purpose)
    {
        var x = ((ulong)(uint)indicator << 40) ^ ((ulong)(uint)quarter << 28) ^ ((ulong)(uint)cell << 4) ^ (ulong)(uint)purpose;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A hash as a number in [0, 1).</summary>
    internal static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
