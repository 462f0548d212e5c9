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
            // Every text/background pair meets WCAG 2.1 AA (4.5:1, checked by axe in AccessibilityBrowserTests):
            // the orange accent is a shade darker so white on it reads; secondary text is darker than MudBlazor's 54 % black
            // (4.48:1 on the page background); warning stays amber as a fill but carries dark text, and its darker shade
            // (used for text such as the charts' notices) is a brown that reads on white and on the page.
            Secondary = "#b4540a",
            Tertiary = "#00897b",
            AppbarBackground = "#0b4f8a",
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#f9a825",
            WarningContrastText = "rgba(0,0,0,0.87)",
            WarningDarken = "#8a5c00",
            Error = "#c62828",
            Background = "#f5f7fa",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
