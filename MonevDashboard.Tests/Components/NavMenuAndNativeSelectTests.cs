using System.Globalization;
using AngleSharp.Html.Parser;
using Bunit;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Components.Layout;
using MonevDashboard.Components.Localization;
using MonevDashboard.Components.Shared;
using MonevDashboard.Domain;
using MonevDashboard.Domain.Access;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Components;

/// <summary>
/// The navigation menu is one cached HTML string and the filter lists are native selects (cheap circuits, issue 19):
/// the menu still marks exactly the section the user is in and shows only the sections of their role, and a select
/// still reports the chosen value.
/// </summary>
public sealed class NavMenuAndNativeSelectTests : MonevTestContext
{
    private static readonly UserAccess Admin = new("admin@monev.go.id", new HashSet<string>([Roles.Admin]), null);
    private static readonly UserAccess Viewer = new("viewer@monev.go.id", new HashSet<string>([Roles.Viewer]), null);

    private IStringLocalizer Localizer => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static (string? Current, string[] Sections) Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var links = document.QuerySelectorAll("[data-nav]");
        var current = document.QuerySelectorAll("[aria-current=page]");
        Assert.True(current.Length <= 1, $"{current.Length} sections marked current");
        return (current.SingleOrDefault()?.GetAttribute("data-nav"), [.. links.Select(l => l.GetAttribute("data-nav")!)]);
    }

    [Theory]
    [InlineData("", "dasbor")]
    [InlineData("?tahun=2025&tw=3", "dasbor")]
    [InlineData("indikator", "indikator")]
    [InlineData("indikator/P1-PMI-TRAINED?tahun=2026", "indikator")]
    [InlineData("impor", "impor")]
    [InlineData("impor/riwayat", "impor-riwayat")]
    [InlineData("admin/target?tahun=2026", "target")]
    [InlineData("akun/kata-sandi", null)]
    public void TheMenuMarksTheSectionOfTheAddress(string relativePath, string? expected)
    {
        Assert.Equal(expected, Read(NavMenu.Html(Admin, relativePath, Localizer)).Current);
    }

    [Fact]
    public void ARoleSeesOnlyItsSectionsAndEachLanguageItsOwnWords()
    {
        var viewer = Read(NavMenu.Html(Viewer, "", Localizer)).Sections;
        Assert.Equal(["dasbor", "indikator", "tinjauan", "laporan"], viewer);
        Assert.Contains("pengaturan", Read(NavMenu.Html(Admin, "", Localizer)).Sections);

        var indonesian = NavMenu.Html(Admin, "", Localizer);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var english = NavMenu.Html(Admin, "", Localizer);
        Assert.Contains(">Dasbor<", indonesian, StringComparison.Ordinal);
        Assert.Contains(">Dashboard<", english, StringComparison.Ordinal);
    }

    [Fact]
    public void ANativeSelectShowsItsValueAndReportsTheChosenOne()
    {
        string? chosen = null;
        var select = Render<NativeSelect>(p => p
            .Add(s => s.Label, "Provinsi")
            .Add(s => s.Value, "35")
            .Add(s => s.Options, [new("", "Semua"), new("32", "Jawa Barat"), new("35", "Jawa Timur")])
            .Add(s => s.ValueChanged, v => chosen = v));

        Assert.Equal("Provinsi", select.Find(".native-select-label").TextContent);
        Assert.Equal("Jawa Timur", select.Find("option[selected]").TextContent);
        select.Find("select").Change("32");
        Assert.Equal("32", chosen);
    }
}
