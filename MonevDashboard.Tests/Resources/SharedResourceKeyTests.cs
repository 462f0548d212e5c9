using MonevDashboard.Features.DataEntry;
using MonevDashboard.Infrastructure;
using MonevDashboard.Domain.Access;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Indicators;

using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Features.Reports;
using MonevDashboard.Features.Settings;

namespace MonevDashboard.Tests.Resources;

/// <summary>
/// The string table against the source: both languages hold the same keys with text in each, every key the code
/// names exists, and every key is used. A key built at run time (<c>L["Owner." + ministry]</c>) counts through its
/// family below, whose values come from the enum or list the code builds it from — never from the table itself.
/// </summary>
public sealed partial class SharedResourceKeyTests
{
    private static readonly string s_app = Path.GetFullPath(Path.Combine(TestsFolder(), "..", "MonevDashboard"));
    private static readonly IReadOnlyDictionary<string, string> s_indonesian = Read("SharedResource.resx");
    private static readonly IReadOnlyDictionary<string, string> s_english = Read("SharedResource.en.resx");
    private static readonly IReadOnlyList<(string File, string Text)> s_source = Source();

    /// <summary>The sexes an observation may hold (ObservationRules, and the Sex check constraint).</summary>

    [Fact]
    public void BothLanguagesHoldTheSameKeysWithTextAndTheSamePlaceholders()
    {
        Assert.True(s_indonesian.Count > 100, $"read {s_indonesian.Count} keys from {s_app}");
        Assert.Equal(s_indonesian.Keys.Order(StringComparer.Ordinal), s_english.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(s_indonesian.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "id: " + e.Key)
            .Concat(s_english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "en: " + e.Key)));
        var placeholdersDiffer = s_indonesian.Keys.Where(k => !Placeholders(s_indonesian[k]).SequenceEqual(Placeholders(s_english[k]))).ToList();
        Assert.Empty(placeholdersDiffer);
    }

    [Fact]
    public void EveryKeyTheSourceNamesExists()
    {
        // Setting keys ("Status.OnTrackPercent") are stored in the database, not looked up in the table.
        var settingKeys = ConstantsOf(typeof(AppSetting)).ToHashSet();
        var prefixes = s_indonesian.Keys.Where(k => k.Contains('.', StringComparison.Ordinal)).Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        var missing = s_source
            .SelectMany(f => KeyLiteral().Matches(f.Text).Select(m => (f.File, Key: m.Groups[1].Value)))
            .Where(l => prefixes.Contains(l.Key[..l.Key.IndexOf('.', StringComparison.Ordinal)]) && !settingKeys.Contains(l.Key) && !s_indonesian.ContainsKey(l.Key))
            .Select(l => $"{l.File}: {l.Key}")
            .Distinct();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryKeyBuiltAtRunTimeBelongsToAFamilyWhoseValuesAllExist()
    {
        var built = s_source.SelectMany(f => BuiltKeyPrefix().Matches(f.Text).Select(m => m.Groups["prefix"].Value)).ToHashSet();
        var families = Families().ToDictionary(f => f.Prefix);
        Assert.Empty(built.Where(prefix => !families.ContainsKey(prefix)).Select(prefix => $"'{prefix}' + …: add its family to Families()"));
        Assert.Empty(families.Keys.Where(prefix => !built.Contains(prefix)).Select(prefix => $"'{prefix}' is no longer built: drop its family"));
        var missing = families.Values.Where(f => f.EveryValueNeedsText)
            .SelectMany(f => f.Values.Select(v => f.Prefix + v))
            .Where(key => !s_indonesian.ContainsKey(key));
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryKeyIsUsed()
    {
        var literals = s_source.SelectMany(f => QuotedWord().Matches(f.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var built = Families().SelectMany(f => f.Values.Select(v => f.Prefix + v)).ToHashSet(StringComparer.Ordinal);
        var unused = s_indonesian.Keys.Where(k => !literals.Contains(k) && !built.Contains(k)).ToList();
        Assert.Empty(unused);
    }

    /// <summary>A key the code builds from a prefix and a value; <paramref name="EveryValueNeedsText"/> is false where the
    /// code falls back to the raw value (the audit log's labels), so only the values given a label must exist.</summary>
    private sealed record Family(string Prefix, IEnumerable<string> Values, bool EveryValueNeedsText = true);

    private static IEnumerable<Family> Families()
    {
        return
        [
            new("Action.", Names<MonevAction>()),
            new("ActionStatus.", Names<ActionItemStatus>()),
            new("Aggregation.", Names<TimeAggregation>()),
            new("AuditLog.Action.", AuditQueryService.KnownActions),
            new("AuditLog.Entity.", AuditQueryService.KnownEntityTypes),
            new("AuditLog.Field.", AuditedFields(), EveryValueNeedsText: false),
            new("AuditLog.Setting.", ConstantsOf(typeof(AppSetting)), EveryValueNeedsText: false),
            new("AuditLog.Sort.", Names<AuditSortField>()),
            new("CrossRule.Comparison.", Names<RuleComparison>()),
            new("CrossRule.Level.", Names<FigureLevel>()),
            new("CrossRule.Scope.", Names<RuleScope>()),
            new("Dimension.", Names<BreakdownDimension>()),
            new("Direction.", Names<Direction>()),
            new("Disaggregation.", Dimensions()),
            new("Download.Kind.", Names<DownloadKind>()),
            new("Entry.Workflow.", WorkflowSteps()),
            new("EntryAid.Kind.", Names<EntryMessageKind>()),
            new("Export.Stage.", Names<ExportStage>()),
            new("History.Status.", Names<ImportBatchStatus>()),
            new("Identity.", IdentityErrorKeys()),
            new("Import.", PackageRefusalKeys()),
            new("Import.Stage.", Names<ImportStage>()),
            new("IndicatorAdmin.Aggregation.", Names<TimeAggregation>()),
            new("IndicatorAdmin.By.", Dimensions()),
            new("IndicatorAdmin.Direction.", Names<Direction>()),
            new("IndicatorAdmin.Field.", Names<IndicatorField>()),
            new("ObservationStatus.", Names<ObservationStatus>()),
            new("Owner.", Names<Ministry>()),
            new("Periods.", Names<PeriodState>()),
            new("Role.", Roles.All),
            new("Status.", Names<AchievementStatus>()),
            // The audit log labels an observation's status with the report's words.
            new("Submission.", Names<SubmissionStatus>().Union(Names<ObservationStatus>())),
        ];
    }

    private static string[] Names<T>() where T : struct, Enum => Enum.GetNames<T>();

    /// <summary>The dimensions a breakdown names; "no breakdown" has its own key.</summary>
    private static IEnumerable<string> Dimensions() => Names<Disaggregation>().Where(n => n != nameof(Disaggregation.None));

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>The fields an audit entry can name: every mapped property (also as "Entity.Property", for the labels
    /// one entity words differently) and what a download's entry records.</summary>
    private static IEnumerable<string> AuditedFields()
    {
        using var db = new MonevDbContext(new DbContextOptionsBuilder<MonevDbContext>().UseSqlite("Data Source=:memory:").Options);
        var mapped = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties().SelectMany(p => new[] { p.Name, e.ClrType.Name + "." + p.Name }));
        var declared = AuditDeclarations.Default.All.SelectMany(d => d.EntryFields);
        return [.. mapped, .. declared, .. typeof(DownloadRequest).GetProperties().Select(p => p.Name)];
    }

    /// <summary>The steps the entry page's workflow switch handles, each confirmed with "Entry.Workflow.{step}".</summary>
    private static IEnumerable<string> WorkflowSteps()
    {
        var page = s_source.Single(f => f.Text.Contains("\"Entry.Workflow.\" +", StringComparison.Ordinal));
        return CaseLabel().Matches(page.Text).Select(m => m.Groups[1].Value);
    }

    /// <summary>The keys Identity's errors are worded with: every error the describer overrides, asked once.</summary>
    private static IEnumerable<string> IdentityErrorKeys()
    {
        var localizer = new RecordingLocalizer();
        var describer = new IndonesianIdentityErrorDescriber(localizer);
        foreach (var method in typeof(IndonesianIdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                     .Where(m => m.ReturnType == typeof(IdentityError)))
        {
            method.Invoke(describer, [.. method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)1 : "x")]);
        }
        return localizer.Asked.Select(k => k["Identity.".Length..]);
    }

    /// <summary>The rule keys the reader refuses a bad package with, one per problem it can find.</summary>
    private static IEnumerable<string> PackageRefusalKeys()
    {
        var reader = new ObservationWorkbookReader(new RecordingLocalizer(), Options.Create(new ImportOptions()));
        return Enum.GetValues<PackageProblem>().Where(p => p != PackageProblem.None)
            .Select(p => reader.Refused(p).Issues.Single().Rule["Import.".Length..]);
    }

    private static IReadOnlyList<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(s_app, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    /// <summary>The app's C# and Razor files, comments removed (a key named only in a comment is not used).</summary>
    private static List<(string File, string Text)> Source() =>
        [.. Directory.EnumerateFiles(s_app, "*.*", SearchOption.AllDirectories)
            .Where(p => (p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal))
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(s_app, p), Comment().Replace(File.ReadAllText(p), "")))];

    private static string TestsFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(Path.GetDirectoryName(path))!;

    /// <summary>A quoted dotted name, not a Razor attribute's C# (<c>Value="Filter.Action"</c>).</summary>
    [GeneratedRegex(@"(?<![=\w])""([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)""")]
    private static partial Regex KeyLiteral();

    // A prefix followed by "+", interpolated, or handed to an audit declaration's EnumLabel (which appends the value).
    [GeneratedRegex("""(?:"(?<prefix>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.)"\s*\+)|(?:\$"(?<prefix>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.)\{)|(?:EnumLabel<\w+>\([^,]+,\s*"(?<prefix>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.)")""")]
    private static partial Regex BuiltKeyPrefix();

    [GeneratedRegex(@"(?<!\w)""([A-Za-z][A-Za-z0-9.]*)""")]
    private static partial Regex QuotedWord();

    [GeneratedRegex("""case "(\w+)":""")]
    private static partial Regex CaseLabel();

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"@\*.*?\*@|/\*.*?\*/|(?m)^[ \t]*//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comment();

    private sealed class RecordingLocalizer : IStringLocalizer<SharedResource>
    {
        public List<string> Asked { get; } = [];

        public LocalizedString this[string name] => Ask(name);

        public LocalizedString this[string name, params object[] arguments] => Ask(name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];

        private LocalizedString Ask(string name)
        {
            Asked.Add(name);
            return new LocalizedString(name, name);
        }
    }
}
