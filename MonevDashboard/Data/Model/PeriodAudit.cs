using System.Globalization;
using System.Text.Json;
using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>How a quarter's lock is audited: keyed "2026-Q3", its state in words.</summary>
public sealed class PeriodAudit : AuditDeclaration<ReportingPeriod>
{
    public override string EntityType => "Period";

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(ReportingPeriod.Year), nameof(ReportingPeriod.Quarter)];

    public override AuditSubject Subject(ReportingPeriod entity) => new(AuditKeys.Period(entity.Year, entity.Quarter), null, entity.Year, entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words) => AuditKeys.ReadPeriodText(key, words);

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) =>
        field == nameof(ReportingPeriod.State) ? EnumLabel<PeriodState>(value, "Periods.", words) : null;
}

/// <summary>How a ministry's quarter report is audited: keyed "Kemendag;2026-Q3", its status in words.</summary>
public sealed class SubmissionAudit : AuditDeclaration<Submission>
{
    public const string Name = "Submission";

    public override string EntityType => Name;

    public override IReadOnlyCollection<string> KeyFields { get; } = [nameof(Submission.Ministry), nameof(Submission.Year), nameof(Submission.Quarter)];

    public override AuditVersioning Versioning => AuditVersioning.CountsUpdates;

    public static string Key(Ministry ministry, int year, int quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"{ministry};{AuditKeys.Period(year, quarter)}");

    public override AuditSubject Subject(Submission entity) => new(Key(entity.Ministry, entity.Year, entity.Quarter), null, entity.Year, entity.Quarter);

    public override AuditKeyText ReadKey(string key, IAuditWords words)
    {
        var parts = key.Split(';');
        return parts.Length == 2 && AuditKeys.ReadPeriod(parts[1]) is { Quarter: >= 1 } period
            ? new AuditKeyText(null, [words.Label("Owner." + parts[0], parts[0]), words.Period(period.Year, period.Quarter)])
            : AuditKeyText.Plain(key);
    }

    public override string? ReadValue(string field, JsonElement value, IAuditWords words) => field switch
    {
        nameof(Submission.Status) => EnumLabel<SubmissionStatus>(value, "Submission.", words),
        nameof(Submission.Ministry) => IndicatorAudit.MinistryLabel(value, words),
        _ => null,
    };
}
