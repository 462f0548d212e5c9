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
// Data entry (the list of cell messages, the section index): brings a cell or a section into view below the sticky
// bars and puts the focus on it, so typing goes to the cell the list pointed at.
window.monev.jumpTo = function (id) {
  const el = document.getElementById(id);
  if (!el) { return false; }
  el.scrollIntoView({ block: "center" });
  const target = el.matches("input, button, a, [tabindex]") ? el : el.querySelector("button, [tabindex]");
  if (target) { target.focus({ preventScroll: true }); }
  return true;
};
