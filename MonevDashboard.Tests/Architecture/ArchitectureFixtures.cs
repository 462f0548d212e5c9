using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;

// Deliberate violations of the module rules, never run: ArchitectureTests proves each rule flags them, so a rule
// that silently stopped matching (a renamed namespace, a NetArchTest change) fails instead of passing vacuously.

namespace MonevDashboard.Tests.Architecture.Fixtures.Features.Alpha
{
    internal sealed class AlphaUsesBeta(Beta.BetaService beta)
    {
        public int Answer => beta.Answer;
    }

    internal sealed class AlphaUsesAllowed
    {
        public Gamma.GammaShared Shared { get; } = new();
    }
}

namespace MonevDashboard.Tests.Architecture.Fixtures.Features.Beta
{
    internal sealed class BetaService
    {
        public int Answer => 42;
    }
}

namespace MonevDashboard.Tests.Architecture.Fixtures.Features.Gamma
{
    internal sealed class GammaShared;
}

namespace MonevDashboard.Tests.Architecture.Fixtures.Domain
{
    internal sealed class CoreUsingEf(DbContext db)
    {
        public bool Changed => db.ChangeTracker.HasChanges();
    }
}

namespace MonevDashboard.Tests.Architecture.Fixtures.Components
{
    internal sealed class WidgetUsingAFeature(Features.Beta.BetaService beta)
    {
        public int Answer => beta.Answer;
    }

    internal sealed class InjectsDbContextFactory : ComponentBase
    {
        [Inject] private IDbContextFactory<MonevDbContext> Factory { get; set; } = null!;

        public IDbContextFactory<MonevDbContext> Exposed => Factory;
    }

    /// <summary>Reaches the database only inside an async method, whose body the compiler moves to a nested type.</summary>
    internal sealed class QueriesInAsyncBody : ComponentBase
    {
        [Inject] private IServiceProvider Services { get; set; } = null!;

        public int Count { get; private set; }

        protected override async Task OnInitializedAsync()
        {
            var factory = (IDbContextFactory<MonevDbContext>)Services.GetService(typeof(IDbContextFactory<MonevDbContext>))!;
            await using var db = await factory.CreateDbContextAsync();
            Count = await db.Indicators.CountAsync();
        }
    }
}

namespace MonevDashboard.Tests.Architecture.Fixtures.Aggregates
{
    internal static class AggregatesObservations
    {
        public static Task<int> Typed(MonevDbContext db) => db.Observations.CountAsync();

        public static Task<List<string>> Projected(MonevDbContext db) =>
            db.Observations.Select(o => o.CountryCode).Distinct().ToListAsync();

        public static string RawSql() => "SELECT IndicatorId, SUM(Value) FROM Observations GROUP BY IndicatorId";
    }
}
