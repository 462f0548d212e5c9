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
