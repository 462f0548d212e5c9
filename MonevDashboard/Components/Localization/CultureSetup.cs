using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace MonevDashboard.Components.Localization;

/// <summary>
/// Indonesian by default with an English switch. Only the UI language switches: numbers, currency and dates
/// always follow id-ID (1.234.567,89 · Rp · 28 Nov 2026), as the officials read them.
/// </summary>
public static class CultureSetup
{
    public const string FormatCulture = "id-ID";
    public static readonly string[] UiCultures = ["id-ID", "en"];

    public static IServiceCollection AddMonevLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(FormatCulture, FormatCulture);
            options.SupportedCultures = [new CultureInfo(FormatCulture)];
            options.SupportedUICultures = [.. UiCultures.Select(c => new CultureInfo(c))];
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
            options.FallBackToParentUICultures = true;
        });
        return services;
    }

    /// <summary>Stores the chosen UI language in the culture cookie and goes back to the page.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (string? ui, string? returnUrl, HttpContext context) =>
        {
            var uiCulture = ui?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "id-ID";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(FormatCulture, uiCulture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            // Only local paths: the switch must not become an open redirect.
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? "/" : returnUrl;
            return Results.LocalRedirect(target);
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The ISO language of the current UI ("id" or "en"), for choosing name columns.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
