using MonevDashboard.Data.Model;
using System.Globalization;
using System.Resources;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Tests.Features.AuditLog;

/// <summary>
/// Every record is audited by a declaration beside it, and everything the log can show about it has words in both
/// languages — so a new record or field cannot reach the audit page as "FileName" or "Sha256".
/// </summary>
public sealed class AuditDeclarationTests
{
    private static readonly ResourceManager s_resources = new("MonevDashboard.SharedResource", typeof(SharedResource).Assembly);

    private static MonevDbContext Model() =>
        new(new DbContextOptionsBuilder<MonevDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void EveryRecordOfTheModelIsDeclaredOrDeliberatelyNotAudited()
    {
        using var db = Model();
        var declarations = AuditDeclarations.Default;

        var undeclared = db.Model.GetEntityTypes().Select(e => e.ClrType)
            .Where(t => declarations.For(t) is null && !AuditDeclarations.NotAudited.Contains(t)).Select(t => t.Name).ToList();
        var both = AuditDeclarations.NotAudited.Where(t => declarations.For(t) is not null).Select(t => t.Name).ToList();
        var outsideTheModel = declarations.All.Where(d => d.EntityClass is { } c && db.Model.FindEntityType(c) is null).Select(d => d.EntityType).ToList();

        Assert.True(undeclared.Count == 0, "Records without an audit declaration: " + string.Join(", ", undeclared));
        Assert.Empty(both);
        Assert.Empty(outsideTheModel);
    }

    [Fact]
    public void ARecordClassWithoutADeclarationIsNotAudited()
    {
        Assert.Null(AuditDeclarations.Default.For(typeof(AuditDeclarationTests)));
        Assert.Null(AuditDeclarations.Default.Named("Unknown"));
        Assert.Throws<InvalidOperationException>(() => new AuditedProperties<AuditEntry>(Model().Model, AuditDeclarations.Default));
    }

    /// <summary>The declared entity types, every field the log can carry for each (saved properties and event fields), and their labels.</summary>
    public static TheoryData<string> Languages => new() { "id", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryEntityFieldAndActionTheLogCanShowHasALabel(string language)
    {
        using var db = Model();
        var set = s_resources.GetResourceSet(language == "id" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language), true, false)!;
        bool Has(string key) => !string.IsNullOrWhiteSpace(set.GetString(key));
        var missing = new List<string>();
        foreach (var declaration in AuditDeclarations.Default.All)
        {
            if (!Has("AuditLog.Entity." + declaration.EntityType))
            {
                missing.Add("AuditLog.Entity." + declaration.EntityType);
            }
            var saved = declaration.EntityClass is { } c
                ? db.Model.FindEntityType(c)!.GetProperties().Where(AuditEntryFormat.IsAudited).Select(p => p.Name)
                : [];
            foreach (var field in saved.Concat(declaration.EntryFields))
            {
                if (!Has($"AuditLog.Field.{declaration.EntityType}.{field}") && !Has("AuditLog.Field." + field))
                {
                    missing.Add($"AuditLog.Field.{field} ({declaration.EntityType})");
                }
            }
        }
        missing.AddRange(AuditQueryService.KnownActions.Where(a => !Has("AuditLog.Action." + a)).Select(a => "AuditLog.Action." + a));

        Assert.True(missing.Count == 0, $"Missing in {language}: " + string.Join(", ", missing.Distinct()));
    }
}
