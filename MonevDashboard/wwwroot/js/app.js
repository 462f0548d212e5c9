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
