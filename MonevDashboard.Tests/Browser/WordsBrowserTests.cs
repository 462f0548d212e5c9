using System.Text.RegularExpressions;
using Microsoft.Playwright;
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
    /// What stays as stored: the texts people wrote (narratives, minutes, follow-ups, notes, sources, audit values)
    /// and reference names (provinces, ministries' own names in the letterhead settings). The regex looks at the rest.
    /// </summary>
    private const string StoredText =
        "[data-stored], .narrative-text, textarea, input, select option:not(:checked), .audit-values, .audit-reason, .letterhead, .minutes";

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task TheEnglishUiOfEveryPageHasNoIndonesianOnlyWords(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/culture/set?ui=en&returnUrl=%2F");
        await BrowserFixture.GotoInteractiveAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var text = await page.EvaluateAsync<string>(@"skip => {
            const out = [];
            const walk = node => {
                if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent); return; }
                if (node.nodeType !== Node.ELEMENT_NODE) return;
                if (node.matches('script, style, svg title') || node.matches(skip)) return;
                if (node.hasAttribute('title')) out.push(node.getAttribute('title'));
                if (node.hasAttribute('aria-label')) out.push(node.getAttribute('aria-label'));
                if (node.matches('select')) { out.push(node.selectedOptions[0]?.textContent ?? ''); return; }
                for (const child of node.childNodes) walk(child);
            };
            walk(document.body);
            return out.join('\n');
        }", StoredText);

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
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/culture/set?ui={language}&returnUrl=%2F");
        await BrowserFixture.GotoInteractiveAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();

        var clipped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('table td, table th, table td .mud-chip, table td .mud-chip-content')]
            .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} '${e.textContent.trim().slice(0, 60)}' ${e.scrollWidth}>${e.clientWidth}`)");

        if (clipped.Length > 0)
        {
            await BrowserFixture.TryScreenshotAsync(page, $"clipped-{language}-" + string.Concat(path.Where(char.IsLetterOrDigit)));
        }
        Assert.True(clipped.Length == 0, $"{path} ({language}) at 1366 px cuts off:\n{string.Join("\n", clipped)}");
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
        var wrapped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[data-testid=headline-figure]')].flatMap(f => {
                const v = f.querySelector('[data-testid=headline-value]');
                const row = v.parentElement;
                const line = parseFloat(getComputedStyle(v).lineHeight);
                const chip = row.querySelector('.mud-chip');
                const bad = [];
                if (v.getBoundingClientRect().height > line * 1.5 || v.scrollWidth > v.clientWidth + 1) bad.push(`value '${v.textContent.trim()}'`);
                if (chip && chip.getBoundingClientRect().top >= v.getBoundingClientRect().bottom - 2) bad.push(`chip under '${v.textContent.trim()}'`);
                return bad;
            })");
        await BrowserFixture.ScreenshotAsync(page, $"headline-1024-{language}", fullPage: false);
        Assert.True(wrapped.Length == 0, $"At 1024 px ({language}) these headline figures wrap:\n{string.Join("\n", wrapped)}");
    }
}
