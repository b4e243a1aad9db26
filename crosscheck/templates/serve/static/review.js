// One-key verdicts: each button and link with data-key is pressed by its key
// (d, c, u, m, n; s to skip; z to undo; e to write a note, Esc to leave it).
"use strict";
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  var typing = target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT");
  if (typing) {
    if (event.key === "Escape") target.blur();
    return;
  }
  if (event.key === "e") {
    var note = document.getElementById("note");
    if (note) { event.preventDefault(); note.focus(); }
    return;
  }
  var control = document.querySelector('[data-key="' + CSS.escape(event.key) + '"]');
  if (!control) return;
  event.preventDefault();
  control.click();
});
