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
