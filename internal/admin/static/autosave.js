// Autosave for the article editor: every 30 seconds, when something changed,
// the form is saved in the background. The server answers with the new
// version, which the form then carries, so a later save does not conflict
// with the autosave itself.
(function () {
  "use strict";
  var form = document.getElementById("article-form");
  if (!form || !form.dataset.autosave) return;
  var status = document.getElementById("autosave-status");
  var dirty = false, busy = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  function say(text) { if (status) status.textContent = text; }
  function save() {
    if (!dirty || busy) return;
    if (window.tinymce && tinymce.activeEditor) tinymce.activeEditor.save();
    busy = true; dirty = false;
    fetch(form.dataset.autosave, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (res.ok) {
          form.elements.version.value = res.body.version;
          say("Đã tự lưu lúc " + res.body.saved);
        } else {
          say(res.body.error || "Không tự lưu được.");
        }
      })
      .catch(function () { dirty = true; say("Mất kết nối, sẽ thử lưu lại."); })
      .finally(function () { busy = false; });
  }
  setInterval(save, 30000);
})();
