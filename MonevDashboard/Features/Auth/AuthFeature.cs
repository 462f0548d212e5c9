using MonevDashboard.Domain.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Features.Auth;

public static class AuthFeature
{
    public const string SignInPath = "/masuk";
    public const string SignOutPath = "/keluar";
    public const string NoAccessPath = "/akses-ditolak";

    /// <summary>
    /// The data-protection application name: every instance on one database must use the same one, or each would
    /// isolate its payloads and a cookie from one instance would not open on another.
    /// </summary>
    public const string DataProtectionApplicationName = "MonevDashboard";

    /// <summary>Identity's users and roles in the app's database: shared by the web app, the command line and tests.</summary>
    public static IServiceCollection AddMonevIdentity(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddIdentityCore<MonevUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MonevDbContext>()
            .AddClaimsPrincipalFactory<MonevClaimsPrincipalFactory>()
            .AddErrorDescriber<IndonesianIdentityErrorDescriber>()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountService>();
        services.AddScoped<IAccountSeeding, AccountSeeding>();
        return services;
    }

    /// <summary>Cookie sign-in, the fallback policy (every page and endpoint needs a signed-in user) and the circuit's user.</summary>
    public static IServiceCollection AddMonevWebAuth(this IServiceCollection services)
    {
        // Keys in the app's database (docs/decisions/data-protection-keys.md): sign-in cookies survive a restart,
        // every instance on the database reads the same key ring, and the keys are backed up with the data.
        // The table must exist before the first key is made: the database initializer is the first hosted service.
        services.AddDataProtection().PersistKeysToDbContext<MonevDbContext>().SetApplicationName(DataProtectionApplicationName);
        new IdentityBuilder(typeof(MonevUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = NoAccessPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Cookie.Name = "monev.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            SessionExpiry.Carry(options);
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.Configure<AuthorizationOptions>(options =>
        {
            // The rules live in the core (PagePolicies); here they become ASP.NET policies over the signed-in claims.
            foreach (var name in PagePolicies.Names)
            {
                options.AddPolicy(name, p => p.RequireAuthenticatedUser()
                    .RequireAssertion(c => PagePolicies.Allows(MonevClaims.ToAccess(c.User), name)));
            }
        });
        // The security headers middleware sends X-Frame-Options: DENY for every response.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<CircuitUserAccessor>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, UserCircuitHandler>());
        services.Replace(ServiceDescriptor.Scoped<ICurrentUser, ClaimsCurrentUser>());
        services.AddScoped<SignInService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMonevAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A POST with the form's antiforgery token (the user menu's form), so no other site can sign a user out.
        // A minimal endpoint without form parameters is not checked by the antiforgery middleware: check here.
        endpoints.MapPost(SignOutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<MonevUser> signInManager,
            IDbContextFactory<MonevDbContext> contextFactory, TimeProvider clock) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            var userName = context.User.Identity?.Name;
            await signInManager.SignOutAsync();
            if (!string.IsNullOrEmpty(userName))
            {
                await AccountAudit.RecordSignOutAsync(contextFactory, clock, userName, context.RequestAborted);
            }
            return Results.LocalRedirect(SignInPath);
        });
        return endpoints;
    }
}
