// Keyboard shortcuts for the review page; nothing else runs in the page.
"use strict";
(function () {
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr[data-href]"));
  var current = rows.length ? 0 : -1;
  function mark() {
    rows.forEach(function (row, index) { row.classList.toggle("current", index === current); });
  }
  mark();
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var approve = document.getElementById("approve");
    switch (event.key) {
      case "a":
        if (approve) { event.preventDefault(); approve.requestSubmit(); }
        break;
      case "e":
        var text = document.getElementById("draft-text");
        if (text) { event.preventDefault(); text.focus(); }
        break;
      case "r":
        var reason = document.getElementById("reject-reason");
        if (reason) { event.preventDefault(); reason.focus(); }
        break;
      case "n":
        var next = document.querySelector("a[href$='/next']");
        if (next) { event.preventDefault(); window.location.href = next.getAttribute("href"); }
        break;
      case "j":
      case "k":
        if (rows.length) {
          current = Math.max(0, Math.min(rows.length - 1, current + (event.key === "j" ? 1 : -1)));
          mark();
          rows[current].scrollIntoView({ block: "nearest" });
        }
        break;
      case "o":
      case "Enter":
        if (current >= 0 && rows.length) { window.location.href = rows[current].getAttribute("data-href"); }
        break;
    }
  });
})();
