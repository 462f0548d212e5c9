using System.Text.RegularExpressions;

namespace MonevDashboard.Tests.Support;

/// <summary>The sign-in form as a browser posts it (antiforgery token included), for the HTTP tests.</summary>
public static partial class SignInForm
{
    /// <summary>The antiforgery token of a rendered form.</summary>
    public static string Token(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>Gets the sign-in page (with its return address, if any) and posts the form from it.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync("/masuk" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = Token(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        if (returnUrl is not null)
        {
            fields["Input.ReturnUrl"] = returnUrl;
        }
        return await client.PostAsync("/masuk", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
