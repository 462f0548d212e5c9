using MudBlazor;

namespace MonevDashboard.Components.Layout;

/// <summary>Material theme in the programme's colours: Kemendag blue with KP2MI orange as the accent.</summary>
public static class MonevTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b4f8a",
            Secondary = "#e0751a",
            Tertiary = "#00897b",
            AppbarBackground = "#0b4f8a",
            Success = "#2e7d32",
            Warning = "#f9a825",
            Error = "#c62828",
            Background = "#f5f7fa",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
