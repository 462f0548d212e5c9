namespace MonevDashboard.Features.QuarterlyReview;

/// <summary>
/// Which slide is shown and how keys move through them: arrows, PageUp/PageDown (what presenter clickers send),
/// space, Home and End. Pure, so the navigation is tested without a browser.
/// </summary>
public sealed class SlideDeck(int count)
{
    public int Count { get; } = Math.Max(1, count);

    public int Index { get; private set; }

    /// <summary>"3 / 7" as the counter shows it (1-based).</summary>
    public string Counter => $"{Index + 1} / {Count}";

    /// <summary>The keys <see cref="Handle"/> moves on (KeyboardEventArgs.Key values).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "ArrowLeft", "ArrowUp", "PageUp", "Backspace", "Home", "End"];

    /// <summary>Moves for a key (KeyboardEventArgs.Key); true when the key is one the deck handles.</summary>
    public bool Handle(string key)
    {
        switch (key)
        {
            case "ArrowRight" or "ArrowDown" or "PageDown" or " " or "Enter":
                Next();
                return true;
            case "ArrowLeft" or "ArrowUp" or "PageUp" or "Backspace":
                Previous();
                return true;
            case "Home":
                Index = 0;
                return true;
            case "End":
                Index = Count - 1;
                return true;
            default:
                return false;
        }
    }

    public void Next() => Index = Math.Min(Count - 1, Index + 1);

    public void Previous() => Index = Math.Max(0, Index - 1);

    public void GoTo(int index) => Index = Math.Clamp(index, 0, Count - 1);
}
