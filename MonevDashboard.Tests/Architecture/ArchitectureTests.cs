using MonevDashboard.Data;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Tests.Architecture;

/// <summary>
/// The guard of docs/architecture.md: features are leaves, the domain core is free of frameworks, components do not
/// reach the database, and only the figures module aggregates observations. Each rule also runs over the deliberate
/// violations in ArchitectureFixtures and must flag them.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly s_app = typeof(MonevDbContext).Assembly;
    private static readonly System.Reflection.Assembly s_fixtures = typeof(ArchitectureTests).Assembly;
    private const string FixtureRoot = "MonevDashboard.Tests.Architecture.Fixtures";

    /// <summary>Where the app is put together and so names features' parts: the router names the not-authorized page.</summary>
    private static readonly HashSet<string> s_compositionRoots = ["MonevDashboard.Components.Routes"];

    /// <summary>Counts over observations that are not figures, each with why it is not the figures module's.</summary>
    private static readonly Dictionary<string, string> s_notFigures = new()
    {
        ["MonevDashboard.Data.DemoDataSeeder"] = "writes the demo narratives from the rows it is about to insert, before any are stored",
        ["MonevDashboard.Cli.DatabaseCommands"] = "reports how many rows a backup file holds (SELECT COUNT(*)), a check of the file, not a figure",
        ["MonevDashboard.Bench.DashboardBench"] = "the benchmark's hand-written SQL floor, measured against the figures module on purpose",
        ["MonevDashboard.Bench.LoadBench"] = "counts the rows of a bench database it is asked to reuse (SELECT COUNT(*)), a check of the file, not a figure",
        ["MonevDashboard.Bench.ReviewBench"] = "the review snapshot's hand-written SQL floor, measured against the figures module on purpose",
        ["MonevDashboard.Data.FigureTotals"] = "the maintained totals the figures module reads, kept by the data layer in every write's own transaction",
        ["MonevDashboard.Data.Migrations.FigureTotals"] = "the one-time fill of the maintained totals, a frozen copy of FigureTotals.RebuildSql",
        ["MonevDashboard.Data.Migrations.Postgres.FigureTotals"] = "the one-time fill of the maintained totals, a frozen copy of FigureTotals.RebuildSql",
    };

    [Fact]
    public void A_feature_uses_no_other_feature()
    {
        var violations = ArchitectureRules.CrossFeatureUses(s_app, "MonevDashboard.Features", new HashSet<string>(), new HashSet<string>());

        Assert.True(violations.Count == 0, "Features use other features:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_feature_rule_flags_a_feature_using_another()
    {
        var violations = ArchitectureRules.CrossFeatureUses(s_fixtures, FixtureRoot + ".Features",
            new HashSet<string> { FixtureRoot + ".Features.Gamma.GammaShared" }, new HashSet<string>());

        var violation = Assert.Single(violations);
        Assert.StartsWith(FixtureRoot + ".Features.Alpha.AlphaUsesBeta", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shared_modules_use_no_feature()
    {
        string[] shared = ["MonevDashboard.Domain", "MonevDashboard.Data", "MonevDashboard.Figures", "MonevDashboard.Infrastructure", "MonevDashboard.Components"];

        var violations = ArchitectureRules.SharedModulesUsingFeatures(s_app, shared, "MonevDashboard.Features", new HashSet<string>(), s_compositionRoots);

        Assert.True(violations.Count == 0, "Shared modules use features:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_shared_rule_flags_a_shared_type_using_a_feature()
    {
        var violations = ArchitectureRules.SharedModulesUsingFeatures(s_fixtures, [FixtureRoot + ".Components"], FixtureRoot + ".Features", new HashSet<string>(), new HashSet<string>());

        Assert.Contains(violations, v => v.StartsWith(FixtureRoot + ".Components.WidgetUsingAFeature", StringComparison.Ordinal));
    }

    [Fact]
    public void The_domain_core_uses_no_framework()
    {
        var violations = ArchitectureRules.CoreFrameworkUses(s_app, "MonevDashboard.Domain", out var coreTypes);

        Assert.True(coreTypes > 0, "No types in MonevDashboard.Domain: the rule would pass vacuously.");
        Assert.True(violations.Count == 0, "The domain core uses a framework:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_core_rule_flags_a_core_type_using_EF()
    {
        var violations = ArchitectureRules.CoreFrameworkUses(s_fixtures, FixtureRoot + ".Domain", out _);

        Assert.StartsWith(FixtureRoot + ".Domain.CoreUsingEf", Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void No_component_uses_the_DbContext()
    {
        var violations = ArchitectureRules.ComponentsUsingDbContext(s_app, typeof(MonevDbContext));

        Assert.True(violations.Count == 0, "Components reach the database:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_component_rule_flags_injected_and_async_database_use()
    {
        var violations = ArchitectureRules.ComponentsUsingDbContext(s_fixtures, typeof(MonevDbContext))
            .Where(v => v.StartsWith(FixtureRoot, StringComparison.Ordinal)).ToList();

        Assert.Contains(violations, v => v.StartsWith(FixtureRoot + ".Components.InjectsDbContextFactory", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith(FixtureRoot + ".Components.QueriesInAsyncBody", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_figures_module_aggregates_observations()
    {
        var violations = ArchitectureRules.ObservationAggregatesOutside(s_app, "MonevDashboard.Figures",
            typeof(Observation), s_notFigures.Keys.ToHashSet());

        Assert.True(violations.Count == 0, "Observations aggregated outside MonevDashboard.Figures:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_aggregate_rule_flags_typed_projected_and_SQL_aggregates()
    {
        var violations = ArchitectureRules.ObservationAggregatesOutside(s_fixtures, "MonevDashboard.Tests.NoSuchFigures",
            typeof(Observation), new HashSet<string>())
            .Where(v => v.StartsWith(FixtureRoot, StringComparison.Ordinal)).ToList();

        var fixture = FixtureRoot + ".Aggregates.AggregatesObservations.";
        Assert.Contains(fixture + "Typed: CountAsync over Observation", violations);
        Assert.Contains(fixture + "Projected: reads observations and calls Distinct", violations);
        Assert.Contains(fixture + "RawSql: SQL aggregate over Observations", violations);
    }
}
