using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MonevDashboard.Components.Figures;

/// <summary>
/// Markup built once per immutable source instance (a figure, a breakdown, a trend, the pillars of a view) and variant
/// (culture, size, link, …), so every circuit showing the same cached view renders the same string and a render that
/// changes nothing builds nothing (docs/decisions/cheap-circuits.md). An entry lives as long as its source; a source
/// keeps at most <see cref="VariantsPerSource"/> variants. The key must hold everything the markup depends on
/// besides the source itself.
/// </summary>
public sealed class SharedMarkup<TSource, TKey>
    where TSource : class
    where TKey : notnull
{
    public const int VariantsPerSource = 16;

    private readonly ConditionalWeakTable<TSource, ConcurrentDictionary<TKey, string>> _built = new();

    public string Get(TSource source, TKey key, Func<TSource, TKey, string> build)
    {
        ArgumentNullException.ThrowIfNull(source);
        var variants = _built.GetValue(source, _ => new ConcurrentDictionary<TKey, string>());
        if (variants.TryGetValue(key, out var html))
        {
            return html;
        }
        if (variants.Count >= VariantsPerSource)
        {
            variants.Clear();
        }
        return variants.GetOrAdd(key, build(source, key));
    }
}
