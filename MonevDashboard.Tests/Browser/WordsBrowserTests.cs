using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Data;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// Issue #16 item 13, "Words": the English switch translates every screen word (Indonesian domain words are for the
/// Indonesian UI), and no table cell is cut off at 1366 px, in either language, nor a headline figure wrapped at 1024 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WordsBrowserTests(BrowserFixture browser)
{
    /// <summary>Every page of every role's navigation (the admin sees all sections), plus the review's slides and pack.</summary>
    public static TheoryData<string> Pages() =>
    [
        "/", "/indikator", "/indikator/P1-PMI-TRAINED", "/indikator/P3-EXPORT-VALUE", "/tinjauan", "/tinjauan/presentasi", "/tinjauan/paket",
        "/laporan", "/entri", "/impor", "/impor/riwayat", "/audit", "/admin/pengguna", "/admin/periode", "/admin/indikator",
        "/admin/target", "/admin/pengaturan",
    ];

    /// <summary>
    /// Indonesian screen words found on the English pages before this fix (and their siblings): the workflow states,
    /// the quarter's "TW"/"Triwulan", the domain words and the units as officials write them. Whole words, case kept.
    /// </summary>
    [GeneratedRegex(@"\b(Realisasi|Triwulan|TW [IV]+\b|Draf|Diajukan|Disampaikan|Terverifikasi|Dikembalikan|Capaian|Kendala|Tindak [Ll]anjut|Tercapai|Perlu perhatian|Kritis|Belum ada data|Tanpa target|Target tahunan|Semua|Pilar|Pemilik|Satuan|Bersama|orang|pelaku usaha|perusahaan|kegiatan|lowongan|peserta|eksportir|rapat|s\.d\.)\b")]
    private static partial Regex IndonesianOnly();

    /// <summary>
    /// What stays as people wrote it: narratives, meeting records, follow-ups, observation notes and sources, and the
    /// accounts' display names. A text node (or title) that is part of one of these is not screen text.
    /// </summary>
    private async Task<List<string>> StoredTextsAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonevDbContext>();
        var texts = new List<string>();
        foreach (var n in await db.Narratives.ToListAsync())
        {
            texts.AddRange([n.Analysis, n.Obstacles, n.FollowUpPlan]);
        }
        foreach (var m in await db.ReviewMeetings.ToListAsync())
        {
            texts.AddRange([m.Place, m.Chair, m.Attendees, m.Minutes]);
        }
        foreach (var a in await db.ActionItems.ToListAsync())
        {
            texts.AddRange([a.Description, a.PicUnit]);
        }
        texts.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        texts.AddRange(await db.Observations.Select(o => o.Note).Distinct().ToListAsync());
        texts.AddRange(await db.Observations.Select(o => o.Source).Distinct().ToListAsync());
        return [.. texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct()];
    }

    /// <summary>Part of a stored text: the whole of it, or a piece the page shortened ("…").</summary>
    private static bool IsStored(string node, IReadOnlyList<string> stored)
    {
        var t = node.Trim().TrimEnd('…', '.', ' ');
        return t.Length > 0 && stored.Any(s => s.Contains(t, StringComparison.Ordinal));
    }

    /// <summary>A label built around a stored text ("Role for Sekretariat Bersama"): the stored part is people's words, not the UI's.</summary>
    private static string WithoutStored(string node, IReadOnlyList<string> stored) =>
        stored.Where(s => s.Length >= 4).Aggregate(node, (text, s) => text.Replace(s, " ", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task TheEnglishUiOfEveryPageHasNoIndonesianOnlyWords(string path)
    {
        var stored = await StoredTextsAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/culture/set?ui=en&returnUrl=%2F");
        await BrowserFixture.GotoInteractiveAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Every text node, title and aria-label separately, so a stored text is recognised as a whole.
        var nodes = await page.EvaluateAsync<string[]>(@"() => {
            const out = [];
            const walk = node => {
                if (node.nodeType === Node.TEXT_NODE) { if (node.textContent.trim()) out.push(node.textContent); return; }
                if (node.nodeType !== Node.ELEMENT_NODE) return;
                if (node.matches('script, style, textarea, input')) return;
                if (node.hasAttribute('title')) out.push(node.getAttribute('title'));
                if (node.hasAttribute('aria-label')) out.push(node.getAttribute('aria-label'));
                if (node.matches('select')) { out.push(node.selectedOptions[0]?.textContent ?? ''); return; }
                for (const child of node.childNodes) walk(child);
            };
            walk(document.body);
            return out;
        }");
        var text = string.Join("\n", nodes.Where(n => !IsStored(n, stored)).Select(n => WithoutStored(n, stored)));

        var found = IndonesianOnly().Matches(text).Select(m => Context(text, m)).Distinct().ToList();
        if (found.Count > 0)
        {
            await BrowserFixture.TryScreenshotAsync(page, "words-en-" + string.Concat(path.Where(char.IsLetterOrDigit)));
        }
        Assert.True(found.Count == 0, $"{path} in English shows Indonesian words:\n{string.Join("\n", found)}");
    }

    private static string Context(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 30);
        var end = Math.Min(text.Length, m.Index + m.Length + 30);
        return $"«{m.Value}» in …{text[start..end].ReplaceLineEndings(" ")}…";
    }

    /// <summary>The tables the issue names: catalogue status, observation grid, import history and audit reason.</summary>
    public static TheoryData<string, string> Tables() => new()
    {
        { "/indikator", "id" }, { "/indikator", "en" },
        { "/indikator/P3-EXPORT-VALUE", "id" }, { "/indikator/P3-EXPORT-VALUE", "en" },
        { "/indikator/P1-PMI-TRAINED", "id" }, { "/indikator/P1-PMI-TRAINED", "en" },
        { "/impor/riwayat", "id" }, { "/impor/riwayat", "en" },
        { "/audit", "id" }, { "/audit", "en" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task NoTableCellIsCutOffAt1366(string path, string language)
    {
        if (path == "/impor/riwayat")
        {
            await EnsureAnImportWithALongNameAndReasonAsync();
        }
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/culture/set?ui={language}&returnUrl=%2F");
        await BrowserFixture.GotoInteractiveAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("table tbody tr >> visible=true").First).ToBeVisibleAsync();

        // A cell whose content is wider than the cell, or a table wider than the box that holds it (its last columns
        // scroll out of sight, as the catalogue's status chips did).
        var clipped = await page.EvaluateAsync<string[]>(@"() => [
                ...document.querySelectorAll('table td, table th, table td .mud-chip, table td .mud-chip-content'),
                ...[...document.querySelectorAll('table')].map(t => t.parentElement)]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} '${e.textContent.trim().slice(0, 60)}' ${e.scrollWidth}>${e.clientWidth}`)");

        if (clipped.Length > 0)
        {
            await BrowserFixture.TryScreenshotAsync(page, $"clipped-{language}-" + string.Concat(path.Where(char.IsLetterOrDigit)));
        }
        Assert.True(clipped.Length == 0, $"{path} ({language}) at 1366 px cuts off:\n{string.Join("\n", clipped)}");
    }

    /// <summary>The import history lists what was imported; a batch as officials name files and give reasons.</summary>
    private async Task EnsureAnImportWithALongNameAndReasonAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonevDbContext>();
        const string name = "Laporan_Capaian_PKS_Kemendag_TW_III_2026_final_revisi_2.xlsx";
        if (await db.ImportBatches.AnyAsync(b => b.FileName == name))
        {
            return;
        }
        db.ImportBatches.Add(new MonevDashboard.Data.Model.ImportBatch
        {
            FileName = name, Sha256 = new string('a', 64), UserName = "operator.kemendag@monev.go.id",
            ImportedAt = new DateTime(2026, 10, 20, 3, 0, 0, DateTimeKind.Utc), RowsRead = 412, Inserted = 0, Updated = 37, Unchanged = 375,
            Reason = "Koreksi angka realisasi Jawa Timur dan Nusa Tenggara Barat setelah rekonsiliasi dengan data BP3MI per 15 Oktober 2026",
        });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task HeadlineFiguresStayOnOneLineAt1024(string language)
    {
        var page = await browser.NewPageAsync(width: 1024);
        await page.GotoAsync($"/culture/set?ui={language}&returnUrl=%2F");
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        var values = page.GetByTestId("headline-value");
        await Assertions.Expect(values.First).ToBeVisibleAsync();
        Assert.True(await values.CountAsync() >= 3);

        // A value on one line has one line box: its height stays under 1.5 of its own line height; and the row
        // with its status chip stays on one line too.
        // A value on one line has one line box: its height stays under 1.5 of its own line height, and nothing of it
        // is cut off.
        var wrapped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[data-testid=headline-value]')]
            .filter(v => v.getBoundingClientRect().height > parseFloat(getComputedStyle(v).lineHeight) * 1.5 || v.scrollWidth > v.clientWidth + 1)
            .map(v => v.textContent.trim())");
        await BrowserFixture.ScreenshotAsync(page, $"headline-1024-{language}", fullPage: false);
        Assert.True(wrapped.Length == 0, $"At 1024 px ({language}) these headline figures wrap:\n{string.Join("\n", wrapped)}");
    }
}
