// Progress of a police.uk data upload: polls the job's figures every second and updates the
// status text (announced to screen readers by its aria-live region); reloads once the job ends,
// so the result is shown by the server-rendered page. Without JavaScript the page has a link to
// refresh it.
(function () {
  "use strict";
  var box = document.getElementById("upload-progress");
  if (!box) return;
  var url = box.getAttribute("data-progress-url");
  var text = document.getElementById("upload-progress-text");
  function plural(n, one, many) { return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many); }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (p) {
        if (p.finished) { window.location.reload(); return; }
        if (p.busy) { window.setTimeout(poll, 1000); return; }  // the job is writing: ask again
        var files = p.files_total ? p.files_done + " of " + plural(p.files_total, "file", "files") : "";
        text.textContent = p.status_label + (files ? ": " + files + " read, " + plural(p.rows_done, "row", "rows") : "") + ".";
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
