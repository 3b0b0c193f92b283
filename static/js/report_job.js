// Moves the progress bar of an indicator report while its worker runs it.
// Without JavaScript the page still works: the "Refresh" link reloads it.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box || box.dataset.finished === "true") { return; }
  var bar = document.getElementById("job-bar");
  var percent = document.getElementById("job-percent");
  var rows = document.getElementById("job-rows");
  var state = document.getElementById("job-state");
  var download = document.getElementById("job-download");
  var refresh = document.getElementById("job-refresh");
  if (refresh) { refresh.hidden = true; }

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    percent.textContent = job.percent + "%";
    if (rows && job.rows_total !== null) {
      rows.textContent = box.dataset.rowsText
        .replace("__done__", job.rows_done).replace("__total__", job.rows_total);
    }
    if (state.textContent !== job.status_label) { state.textContent = job.status_label; }
    if (job.status === "succeeded") {
      download.querySelector("a").href = job.download_url;
      download.hidden = false;
    }
    if (job.status === "failed") { window.location.reload(); }
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(job);
        if (!job.finished) { window.setTimeout(poll, 700); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 300);
})();
