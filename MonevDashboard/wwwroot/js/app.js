// Small helpers for the pages (downloads, full screen).
window.monev = {
  downloadFromStream: async function (fileName, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const blob = new Blob([buffer]);
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName ?? "";
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }
};
window.monev.fullScreen = function () {
  const el = document.documentElement;
  if (!document.fullscreenElement && el.requestFullscreen) { el.requestFullscreen(); }
  else if (document.exitFullscreen) { document.exitFullscreen(); }
};
// The navigation is plain links (NavMenu): on a narrow screen, where the drawer lies over the page, following a link
// closes the drawer as MudNavLink did, through the drawer's own overlay.
document.addEventListener("click", function (e) {
  if (e.target.closest && e.target.closest(".mud-drawer [data-nav]")) {
    const overlay = document.querySelector(".mud-drawer-overlay.mud-drawer-overlay--open");
    // Shown only while the drawer lies over the page (narrow screens); a hidden overlay has no box.
    if (overlay && overlay.getClientRects().length > 0) { overlay.click(); }
  }
});
// Drill-down: a bar or slice of a breakdown chart follows the link of its group's row (same order as the chart's
// data). MudChart tells the server which series was clicked, not which bar, so the mapping happens here.
document.addEventListener("click", function (event) {
  const part = event.target instanceof Element ? event.target.closest("[data-drilldown] .mud-chart-bar, [data-drilldown] .mud-chart-serie") : null;
  if (!part) { return; }
  const root = part.closest("[data-drilldown]");
  const kind = part.classList.contains("mud-chart-bar") ? ".mud-chart-bar" : ".mud-chart-serie";
  const index = Array.from(root.querySelectorAll("svg " + kind)).indexOf(part);
  const rows = root.querySelectorAll(".breakdown-legend > li");
  const link = index >= 0 && index < rows.length ? rows[index].querySelector("a[href]") : null;
  if (link) { link.click(); }
});
// Slides (SlideNavigator): on the frame itself the deck's keys (its data-keys) do not also scroll the page; Enter or
// Space on a button of the slide bar works that button only, instead of also reaching the frame as "next slide".
// Capture phase on the document, so it runs before Blazor's own listener.
document.addEventListener("keydown", function (e) {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) { return; }
  if ((e.key === "Enter" || e.key === " ") && target.closest(".presentation-bar")) { e.stopPropagation(); return; }
  if (target.matches(".presentation[data-keys]") && target.dataset.keys.split("|").includes(e.key)) { e.preventDefault(); }
}, true);
