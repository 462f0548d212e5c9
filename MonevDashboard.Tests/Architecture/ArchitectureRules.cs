using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace MonevDashboard.Tests.Architecture;

/// <summary>
/// The module rules of docs/architecture.md as functions of an assembly and its namespaces, so the same rule runs
/// over the app (must hold) and over the deliberately violating fixtures (must fail) — a rule that cannot fail proves
/// nothing.
/// </summary>
internal static partial class ArchitectureRules
{
    /// <summary>Each type under <paramref name="featuresRoot"/> that uses a type of another feature, with what it uses.</summary>
    /// <param name="allowed">Types that count as outside every feature, neither checked nor forbidden.</param>
    /// <param name="exemptFeatures">Features whose own outgoing uses are not checked.</param>
    public static IReadOnlyList<string> CrossFeatureUses(
        Assembly assembly, string featuresRoot, IReadOnlySet<string> allowed, IReadOnlySet<string> exemptFeatures)
    {
        var byFeature = assembly.GetTypes()
            .Where(t => t.DeclaringType is null && t.Namespace is { } ns && ns.StartsWith(featuresRoot + ".", StringComparison.Ordinal))
            .Where(t => !allowed.Contains(t.FullName!))
            .GroupBy(t => FeatureOf(t.Namespace!, featuresRoot))
            .ToDictionary(g => g.Key, g => g.Select(t => t.FullName!).ToList());
        var violations = new List<string>();
        foreach (var feature in byFeature.Keys.Where(f => !exemptFeatures.Contains(f)))
        {
            var foreign = byFeature.Where(f => f.Key != feature).SelectMany(f => f.Value).ToArray();
            if (foreign.Length == 0)
            {
                continue;
            }
            var result = Types.InAssembly(assembly)
                .That().ResideInNamespaceMatching(Within(featuresRoot + "." + feature))
                .ShouldNot().HaveDependencyOnAny(foreign)
                .GetResult();
            violations.AddRange((result.FailingTypes ?? [])
                .Where(t => !allowed.Contains(TopLevel(t.FullName)))
                .Select(t => $"{t.FullName}: {t.Explanation}"));
        }
        return violations;
    }

    /// <summary>Types of the shared modules (<paramref name="sharedRoots"/>) that use a feature's type.</summary>
    public static IReadOnlyList<string> SharedModulesUsingFeatures(
        Assembly assembly, IEnumerable<string> sharedRoots, string featuresRoot, IReadOnlySet<string> allowed, IReadOnlySet<string> exemptSources)
    {
        var features = assembly.GetTypes()
            .Where(t => t.DeclaringType is null && t.Namespace is { } ns && ns.StartsWith(featuresRoot + ".", StringComparison.Ordinal))
            .Select(t => t.FullName!).Where(n => !allowed.Contains(n)).ToArray();
        var violations = new List<string>();
        foreach (var root in sharedRoots)
        {
            var result = Types.InAssembly(assembly)
                .That().ResideInNamespaceMatching(Within(root))
                .ShouldNot().HaveDependencyOnAny(features)
                .GetResult();
            violations.AddRange((result.FailingTypes ?? [])
                .Where(t => !exemptSources.Contains(TopLevel(t.FullName)))
                .Select(t => $"{t.FullName}: {t.Explanation}"));
        }
        return violations;
    }

    /// <summary>Types of <paramref name="coreRoot"/> that use Entity Framework, ASP.NET Core or MudBlazor.</summary>
    public static IReadOnlyList<string> CoreFrameworkUses(Assembly assembly, string coreRoot, out int coreTypes)
    {
        var result = Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching(Within(coreRoot))
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MudBlazor")
            .GetResult();
        coreTypes = result.SelectedTypesForTesting?.Count ?? 0;
        return [.. (result.FailingTypes ?? []).Select(t => $"{t.FullName}: {t.Explanation}")];
    }

    /// <summary>Components (pages included) of <paramref name="assembly"/> that reach the database themselves.</summary>
    public static IReadOnlyList<string> ComponentsUsingDbContext(Assembly assembly, Type dbContext)
    {
        var result = Types.InAssembly(assembly)
            .That().Inherit<Microsoft.AspNetCore.Components.ComponentBase>()
            .ShouldNot().HaveDependencyOnAny(dbContext.FullName!, "Microsoft.EntityFrameworkCore.IDbContextFactory", "Microsoft.EntityFrameworkCore.DbContext")
            .GetResult();
        return [.. (result.FailingTypes ?? []).Select(t => $"{t.FullName}: {t.Explanation}")];
    }

    /// <summary>
    /// Methods outside <paramref name="figuresRoot"/> that aggregate observations. NetArchTest sees which types a type
    /// uses, not which methods it calls, and a service that reads observations may well count something else; so
    /// this reads the IL with Mono.Cecil (which NetArchTest itself runs on) and flags a method when it
    /// <list type="bullet">
    /// <item>calls (or builds an expression tree of) Sum/Count/GroupBy/Distinct/… over <paramref name="observation"/>;</item>
    /// <item>holds SQL text that aggregates (SUM, COUNT, GROUP BY, …) the observations table; or</item>
    /// <item>reads the observation set and applies a LINQ-to-database aggregate to any projection of it.</item>
    /// </list>
    /// The last is conservative: a method that reads observations and counts something else is flagged too — split it.
    /// </summary>
    public static IReadOnlyList<string> ObservationAggregatesOutside(Assembly assembly, string figuresRoot, Type observation, IReadOnlySet<string> allowed)
    {
        var entity = new Regex(Regex.Escape(observation.FullName!) + @"(?!\w)");
        var violations = new List<string>();
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        foreach (var type in module.GetTypes())
        {
            var top = type;
            while (top.DeclaringType is not null)
            {
                top = top.DeclaringType;
            }
            if (top.Namespace == figuresRoot || top.Namespace.StartsWith(figuresRoot + ".", StringComparison.Ordinal)
                || allowed.Contains(top.FullName))
            {
                continue;
            }
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                var readsObservations = false;
                string? databaseAggregate = null;
                var literals = new List<string>();
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is MethodReference called)
                    {
                        var mentions = entity.IsMatch(called.FullName) || entity.IsMatch(called.ReturnType.FullName);
                        readsObservations |= mentions;
                        if (IsAggregate(called))
                        {
                            if (mentions)
                            {
                                violations.Add($"{top.FullName}.{Caller(method)}: {called.Name} over {observation.Name}");
                            }
                            else if (called.DeclaringType.FullName != "System.Linq.Enumerable")
                            {
                                databaseAggregate ??= called.Name;
                            }
                        }
                    }
                    else if (instruction.OpCode == OpCodes.Ldstr && instruction.Operand is string literal)
                    {
                        literals.Add(literal);
                    }
                }
                // Interpolated SQL arrives in pieces: the aggregate and the table may be in different literals.
                var sql = string.Join(" ", literals);
                if (AggregateSql().IsMatch(sql) && ObservationsTable().IsMatch(sql))
                {
                    violations.Add($"{top.FullName}.{Caller(method)}: SQL aggregate over Observations");
                }
                if (readsObservations && databaseAggregate is not null)
                {
                    violations.Add($"{top.FullName}.{Caller(method)}: reads observations and calls {databaseAggregate}");
                }
            }
        }
        return [.. violations.Distinct()];
    }

    private static readonly HashSet<string> s_aggregates =
    [
        "Sum", "Count", "LongCount", "Average", "Min", "Max", "MinBy", "MaxBy", "GroupBy", "Aggregate", "AggregateBy",
        "CountBy", "Distinct", "DistinctBy",
    ];

    private static readonly HashSet<string> s_linq =
    [
        "System.Linq.Queryable", "System.Linq.Enumerable", "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions",
    ];

    private static bool IsAggregate(MethodReference method) =>
        s_linq.Contains(method.DeclaringType.FullName)
        && s_aggregates.Contains(method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name);

    /// <summary>The source method of compiler-made bodies: "&lt;GetAsync&gt;d__3.MoveNext" reads as GetAsync.</summary>
    private static string Caller(MethodDefinition method) =>
        method.DeclaringType.DeclaringType is not null && method.DeclaringType.Name.StartsWith('<') && !method.DeclaringType.Name.StartsWith("<>", StringComparison.Ordinal)
            ? method.DeclaringType.Name[1..method.DeclaringType.Name.IndexOf('>', StringComparison.Ordinal)]
            : method.Name;

    /// <summary>The namespace and those below it, not its namesakes ("Features.Data" is not within "Features.DataEntry").</summary>
    private static string Within(string ns) => "^" + Regex.Escape(ns) + @"(\.|$)";

    private static string FeatureOf(string ns, string featuresRoot) => ns[(featuresRoot.Length + 1)..].Split('.')[0];

    private static string TopLevel(string cecilName) => cecilName.Split('/', '+')[0];

    [GeneratedRegex(@"\b(SUM|COUNT|TOTAL|AVG|MIN|MAX|GROUP_CONCAT)\s*\(|\bGROUP\s+BY\b", RegexOptions.IgnoreCase)]
    private static partial Regex AggregateSql();

    [GeneratedRegex(@"\bFROM\s+""?Observations\b", RegexOptions.IgnoreCase)]
    private static partial Regex ObservationsTable();
}
