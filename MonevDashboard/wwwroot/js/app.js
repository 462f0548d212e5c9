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
// Drill-down: a bar or slice of a breakdown chart (SvgCharts) follows the link of its group's row, found by the group's
// code: the rows are the links for keyboards and screen readers, the drawing is one image to them.
document.addEventListener("click", function (event) {
  const part = event.target instanceof Element ? event.target.closest("[data-drilldown] svg [data-code]") : null;
  if (!part) { return; }
  const root = part.closest("[data-drilldown]");
  const row = Array.from(root.querySelectorAll(".breakdown-legend > li")).find(li => li.dataset.code === part.dataset.code);
  const link = row ? row.querySelector("a[href]") : null;
  if (link) { link.click(); }
});

// Chart downloads (ChartPanel): the chart's own SVG (SvgCharts, drawn on the server) with the panel's title, subtitle,
// view (period and filters) and source line written around it, saved as SVG, or drawn on a canvas at twice its size
// and saved as PNG, for a slide or a letter.
function monevChartImage(panel, chart) {
  const ns = "http://www.w3.org/2000/svg";
  const box = chart.viewBox.baseVal;
  const width = Math.max(box.width, 520), pad = 14;
  const root = document.createElementNS(ns, "svg");
  root.setAttribute("xmlns", ns);
  root.setAttribute("font-family", chart.getAttribute("font-family") || "sans-serif");
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("width", "100%"); background.setAttribute("height", "100%"); background.setAttribute("fill", "#ffffff");
  root.appendChild(background);
  let y = pad;
  function lines(text, size, weight, colour) {
    if (!text) { return; }
    const perLine = Math.max(20, Math.floor((width - 2 * pad) / (size * 0.55)));
    const words = text.trim().split(/\s+/);
    let line = "";
    const out = [];
    for (const word of words) {
      if (line && (line + " " + word).length > perLine) { out.push(line); line = word; } else { line = line ? line + " " + word : word; }
    }
    if (line) { out.push(line); }
    for (const part of out) {
      y += size * 1.25;
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", pad); t.setAttribute("y", y); t.setAttribute("font-size", size);
      t.setAttribute("font-weight", weight); t.setAttribute("fill", colour);
      t.textContent = part;
      root.appendChild(t);
    }
  }
  const text = selector => { const el = panel.querySelector(selector); return el ? el.textContent.trim() : ""; };
  lines(text(".chart-title"), 16, 700, "#0b4f8a");
  lines(text(".chart-subtitle"), 12, 400, "#333333");
  lines(panel.dataset.exportView, 12, 400, "#555555");
  lines(text("[data-testid=chart-notice]"), 11, 400, "#555555");
  y += 8;
  const drawing = chart.cloneNode(true);
  drawing.removeAttribute("style"); drawing.removeAttribute("class"); drawing.removeAttribute("data-testid");
  drawing.setAttribute("x", (width - box.width) / 2); drawing.setAttribute("y", y);
  drawing.setAttribute("width", box.width); drawing.setAttribute("height", box.height);
  root.appendChild(drawing);
  y += box.height + 6;
  lines(panel.dataset.exportSource, 11, 400, "#555555");
  y += pad;
  root.setAttribute("width", width); root.setAttribute("height", Math.ceil(y));
  root.setAttribute("viewBox", "0 0 " + width + " " + Math.ceil(y));
  return { text: new XMLSerializer().serializeToString(root), width: width, height: Math.ceil(y) };
}

function monevSave(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

document.addEventListener("click", function (event) {
  const button = event.target instanceof Element ? event.target.closest("[data-chart-download]") : null;
  if (!button) { return; }
  const panel = button.closest(".chart-panel");
  const chart = panel ? panel.querySelector("svg.svg-chart") : null;
  if (!chart) { return; }
  const image = monevChartImage(panel, chart);
  const kind = button.dataset.chartDownload;
  const name = (panel.dataset.exportFile || "grafik") + "." + kind;
  if (kind === "svg") {
    monevSave(new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n' + image.text], { type: "image/svg+xml" }), name);
    return;
  }
  const picture = new Image();
  picture.onload = function () {
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = image.width * scale; canvas.height = image.height * scale;
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff"; context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(blob => monevSave(blob, name), "image/png");
  };
  picture.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(image.text);
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
// Slides (SlideNavigator): on the frame itself the deck's keys (its data-keys) do not also scroll the page; Enter or
// Space on a button of the slide bar works that button only, instead of also reaching the frame as "next slide".
// Capture phase on the document, so it runs before Blazor's own listener.
document.addEventListener("keydown", function (e) {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) { return; }
  if ((e.key === "Enter" || e.key === " ") && target.closest(".presentation-bar")) { e.stopPropagation(); return; }
  if (target.matches(".presentation[data-keys]") && target.dataset.keys.split("|").includes(e.key)) { e.preventDefault(); }
}, true);
