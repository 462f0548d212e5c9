using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Figures;
using MonevDashboard.Components.Localization;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MudBlazor;

namespace MonevDashboard.Components.Layout;

public sealed partial class NavMenu
{
    /// <summary>A section of the menu: its address, how the address matches, its icon, text key and test name.</summary>
    private sealed record Section(string Href, bool ExactMatch, string Icon, string TextKey, string Key, string? TestId = null);

    private static readonly Section[] s_main =
    [
        new("/", true, Icons.Material.Filled.Dashboard, "Nav.Dashboard", "dasbor"),
        new("/indikator", false, Icons.Material.Filled.ListAlt, "Nav.Indicators", "indikator"),
        new("/tinjauan", false, Icons.Material.Filled.Groups, "Nav.Review", "tinjauan"),
        new("/laporan", false, Icons.Material.Filled.Description, "Nav.Reports", "laporan"),
    ];

    private static readonly (string Policy, Section Section)[] s_work =
    [
        (PagePolicies.Reporting, new("/entri", false, Icons.Material.Filled.EditNote, "Nav.DataEntry", "entri")),
        (PagePolicies.Import, new("/impor", true, Icons.Material.Filled.UploadFile, "Nav.Import", "impor", "nav-import")),
        (PagePolicies.Import, new("/impor/riwayat", true, Icons.Material.Filled.History, "Nav.ImportHistory", "impor-riwayat", "nav-import-history")),
        (PagePolicies.Audit, new("/audit", false, Icons.Material.Filled.History, "Nav.Audit", "audit")),
    ];

    private static readonly (string Policy, Section Section)[] s_admin =
    [
        (PagePolicies.Administration, new("/admin/pengguna", false, Icons.Material.Filled.People, "Nav.Users", "pengguna")),
        (PagePolicies.Administration, new("/admin/periode", false, Icons.Material.Filled.Lock, "Nav.Periods", "periode")),
        (PagePolicies.IndicatorAdmin, new("/admin/indikator", false, Icons.Material.Filled.Tune, "Nav.IndicatorAdmin", "admin-indikator")),
        (PagePolicies.TargetAdmin, new("/admin/target", false, Icons.Material.Filled.TrackChanges, "Nav.Targets", "target")),
        (PagePolicies.Settings, new("/admin/pengaturan", false, Icons.Material.Filled.Settings, "Nav.Settings", "pengaturan")),
    ];

    /// <summary>Menus already built, by sections shown, language and current section: a handful of strings per app.</summary>
    private static readonly ConcurrentDictionary<string, string> s_built = new();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private UserAccess _user = UserAccess.Anonymous;

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync() =>
        _user = AuthenticationState is null ? UserAccess.Anonymous : MonevClaims.ToAccess((await AuthenticationState).User);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => InvokeAsync(StateHasChanged);

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    /// <summary>The menu for <paramref name="user"/> with the section of <paramref name="relativePath"/> marked current.</summary>
    public static string Html(UserAccess user, string relativePath, IStringLocalizer localizer)
    {
        var work = s_work.Where(w => PagePolicies.Allows(user, w.Policy)).Select(w => w.Section).ToList();
        var admin = PagePolicies.Allows(user, PagePolicies.Administration)
            ? s_admin.Where(a => PagePolicies.Allows(user, a.Policy)).Select(a => a.Section).ToList()
            : [];
        var current = Current("/" + relativePath.Split('?', '#')[0], s_main.Concat(work).Concat(admin));
        var key = $"{CultureInfo.CurrentUICulture.Name}|{current?.Key}|{string.Join(',', work.Concat(admin).Select(s => s.Key))}";
        return s_built.GetOrAdd(key, _ => Build(work, admin, current, localizer));
    }

    /// <summary>The section a path belongs to: an exact match, or the longest prefix among sections that take prefixes.</summary>
    private static Section? Current(string path, IEnumerable<Section> sections)
    {
        path = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
        return sections
            .Where(s => s.ExactMatch
                ? string.Equals(path, s.Href, StringComparison.OrdinalIgnoreCase)
                : path.Equals(s.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(s.Href + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(s => s.Href.Length);
    }

    private static string Build(List<Section> work, List<Section> admin, Section? current, IStringLocalizer localizer)
    {
        var html = new StringBuilder("<nav class=\"mud-navmenu mud-navmenu-default mud-navmenu-margin-none pt-2\" data-testid=\"nav\">");
        foreach (var section in s_main.Concat(work))
        {
            Link(html, section, current, localizer);
        }
        if (admin.Count > 0)
        {
            var title = PlainMarkup.Encode(localizer["Nav.Admin"]);
            html.Append("<details class=\"mud-nav-group nav-group\" open><summary class=\"mud-nav-link mud-ripple\">")
                .Append(Icon(Icons.Material.Filled.AdminPanelSettings, "mud-nav-link-icon mud-nav-link-icon-default"))
                .Append("<div class=\"mud-nav-link-text\">").Append(title).Append("</div>")
                .Append(Icon(Icons.Material.Filled.ArrowDropDown, "mud-nav-link-expand-icon nav-group-expand"))
                .Append("</summary><div class=\"mud-navmenu mud-navmenu-default mud-navmenu-margin-none\">");
            foreach (var section in admin)
            {
                Link(html, section, current, localizer);
            }
            html.Append("</div></details>");
        }
        return html.Append("</nav>").ToString();
    }

    private static void Link(StringBuilder html, Section section, Section? current, IStringLocalizer localizer)
    {
        var active = ReferenceEquals(section, current);
        html.Append("<div class=\"mud-nav-item\"><a href=\"").Append(PlainMarkup.Encode(section.Href))
            .Append("\" data-nav=\"").Append(section.Key).Append('"');
        if (section.TestId is not null)
        {
            html.Append(" data-testid=\"").Append(section.TestId).Append('"');
        }
        html.Append(active ? " class=\"mud-nav-link mud-ripple active\" aria-current=\"page\">" : " class=\"mud-nav-link mud-ripple\">")
            .Append(Icon(section.Icon, "mud-nav-link-icon mud-nav-link-icon-default"))
            .Append("<div class=\"mud-nav-link-text\">").Append(PlainMarkup.Encode(localizer[section.TextKey])).Append("</div></a></div>");
    }

    /// <summary>An icon as MudIcon draws it; the path data is MudBlazor's own constant SVG markup.</summary>
    private static string Icon(string svg, string classes) =>
        $"<svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{svg}</svg>";
}
