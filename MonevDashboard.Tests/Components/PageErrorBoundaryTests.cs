using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Components.Layout;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Components;

/// <summary>The boundary MainLayout puts around every page body: one failing component never kills the page or the circuit.</summary>
public sealed class PageErrorBoundaryTests : MonevTestContext
{
    private static readonly CapturedLogs s_logs = new();

    public PageErrorBoundaryTests() : base(services => services.AddLogging(b => b.AddProvider(s_logs)))
    {
    }

    [Fact]
    public void AComponentThatThrowsShowsAMessageWithAReferenceWhileTheRestOfThePageKeepsWorking()
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<Counter>(0);
            builder.CloseComponent();
            builder.OpenComponent<PageErrorBoundary>(1);
            builder.AddAttribute(2, nameof(PageErrorBoundary.ChildContent), (RenderFragment)(inner =>
            {
                inner.OpenComponent<Faulty>(0);
                inner.CloseComponent();
            }));
            builder.CloseComponent();
        });
        Assert.Contains("isi halaman", cut.Markup, StringComparison.Ordinal);

        cut.Find("#break").Click();

        var message = cut.Find("[data-testid=page-error]").TextContent;
        var boundary = cut.FindComponent<PageErrorBoundary>().Instance;
        Assert.Matches("^[0-9A-F]{8}$", boundary.Reference);
        Assert.Contains(boundary.Reference, message, StringComparison.Ordinal);
        Assert.Contains("Bagian halaman ini tidak dapat ditampilkan", message, StringComparison.Ordinal);
        Assert.DoesNotContain("rusak di sini", message, StringComparison.Ordinal);
        Assert.DoesNotContain("isi halaman", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(s_logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(boundary.Reference, StringComparison.Ordinal)
            && e.Exception is InvalidOperationException);

        // The circuit lives on: the component outside the boundary still handles events.
        cut.Find("#count").Click();
        cut.Find("#count").Click();
        Assert.Equal("2", cut.Find("#count").TextContent);

        // And "Coba lagi" renders the page body again.
        cut.Find("[data-testid=page-error-retry]").Click();
        Assert.Contains("isi halaman", cut.Markup, StringComparison.Ordinal);
    }

    private sealed class Faulty : ComponentBase
    {
        private bool _broken;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            if (_broken)
            {
                throw new InvalidOperationException("rusak di sini");
            }
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "break");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => _broken = true));
            builder.AddContent(3, "isi halaman");
            builder.CloseElement();
        }
    }

    private sealed class Counter : ComponentBase
    {
        private int _count;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "count");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => _count++));
            builder.AddContent(3, _count);
            builder.CloseElement();
        }
    }
}
