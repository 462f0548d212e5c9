namespace MonevDashboard.Tests.Architecture;

/// <summary>
/// TEMPORARY: exceptions that other branches of issue #18 remove. The integrator deletes each list once the branch
/// named in it is merged; nothing else may be added here.
/// </summary>
internal static class TemporaryAllowList
{
    /// <summary>Moved to the core by the core branch (calendar, formatter, achievement arithmetic, figure and target rules).</summary>
    public static readonly IReadOnlySet<string> MovedToCoreByCoreBranch = new HashSet<string>
    {
        "MonevDashboard.Features.Periods.YearQuarter",
        "MonevDashboard.Features.Periods.ReportingYears",
        "MonevDashboard.Features.Localization.FigureFormatter",
        "MonevDashboard.Features.Achievement.AchievementInput",
        "MonevDashboard.Features.Achievement.AchievementResult",
        "MonevDashboard.Features.Achievement.AchievementCalculator",
        "MonevDashboard.Features.Achievement.AchievementStatus",
        "MonevDashboard.Features.Achievement.QuarterFigure",
        "MonevDashboard.Features.Achievement.StatusThresholds",
        "MonevDashboard.Features.Achievement.TimeAggregator",
        "MonevDashboard.Features.Observations.ObservationCell",
        "MonevDashboard.Features.Observations.ObservationKey",
        "MonevDashboard.Features.Observations.CellField",
        "MonevDashboard.Features.Observations.RuleViolation",
        "MonevDashboard.Features.Observations.FigureShape",
        "MonevDashboard.Features.Observations.ReferenceCodes",
        "MonevDashboard.Features.Observations.ObservationRules",
        "MonevDashboard.Features.Targets.TargetRules",
    };

    /// <summary>Features whose outgoing uses the audit branch reshapes (AuditLog becomes a leaf: formatting per entity).</summary>
    public static readonly IReadOnlySet<string> FeaturesReshapedByAuditBranch = new HashSet<string> { "AuditLog" };

    /// <summary>
    /// AuditLog types other features still call to write audit rows by hand (import, account, review independence);
    /// the audit branch replaces them with the one audit mechanism.
    /// </summary>
    public static readonly IReadOnlySet<string> AuditTypesReplacedByAuditBranch = new HashSet<string>
    {
        "MonevDashboard.Features.AuditLog.AuditEntryFormat",
        "MonevDashboard.Features.AuditLog.AuditedProperties`1",
    };

    /// <summary>
    /// Shared modules that still call into a feature at start-up. The audit interceptor is the audit branch's (one
    /// audit mechanism); database start-up seeds the demo accounts through Auth's AccountService — to be given a
    /// contract in Domain/Contracts ("seed the accounts") by whoever merges.
    /// </summary>
    public static readonly IReadOnlySet<string> SharedTypesStillUsingFeatures = new HashSet<string>
    {
        "MonevDashboard.Data.DataServiceCollectionExtensions",
        "MonevDashboard.Data.DatabaseInitializer",
        "MonevDashboard.Data.DemoMode",
    };

    public static IReadOnlySet<string> AllTypes =>
        MovedToCoreByCoreBranch.Concat(AuditTypesReplacedByAuditBranch).ToHashSet();
}
