using MonevDashboard.Components.Figures;

namespace MonevDashboard.Tests.Components;

/// <summary>
/// The one cache of markup per immutable source and variant (KPI cards, maps, charts): a source and key build once,
/// another key or another source builds again, and a source never keeps more than its variant limit.
/// </summary>
public sealed class SharedMarkupTests
{
    private sealed record Source(string Name);

    [Fact]
    public void TheSameSourceAndKeyBuildOnceAndEverySourceOrKeyOfItsOwnBuildsAgain()
    {
        var cache = new SharedMarkup<Source, int>();
        var builds = 0;
        string Build(Source s, int k)
        {
            builds++;
            return $"<b>{s.Name} {k}</b>";
        }
        var first = new Source("a");
        var equalButAnother = new Source("a");

        var html = cache.Get(first, 1, Build);
        Assert.Same(html, cache.Get(first, 1, Build));
        Assert.Equal(1, builds);

        Assert.Equal("<b>a 2</b>", cache.Get(first, 2, Build));
        Assert.Equal(2, builds);
        // Keyed by the instance, not by equality: a rebuilt view (a write changed it) never reads an old string.
        Assert.Equal(html, cache.Get(equalButAnother, 1, Build));
        Assert.Equal(3, builds);
        Assert.Same(html, cache.Get(first, 1, Build));
        Assert.Equal(3, builds);
    }

    [Fact]
    public void ASourceKeepsAtMostItsVariantLimit()
    {
        var cache = new SharedMarkup<Source, int>();
        var builds = 0;
        var source = new Source("a");
        for (var key = 0; key < SharedMarkup<Source, int>.VariantsPerSource; key++)
        {
            cache.Get(source, key, (_, k) => { builds++; return k.ToString(); });
        }
        // One more variant clears the others: the first key builds again.
        cache.Get(source, SharedMarkup<Source, int>.VariantsPerSource, (_, k) => { builds++; return k.ToString(); });
        cache.Get(source, 0, (_, k) => { builds++; return k.ToString(); });
        Assert.Equal(SharedMarkup<Source, int>.VariantsPerSource + 2, builds);
    }
}
