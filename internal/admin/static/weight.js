// Image weight for the article editor: as the body or the cover change, the
// server weighs the pictures again (POST /quan-tri/bai-viet/trong-luong-anh,
// at most once a second) and the live region shows its words, as the page
// itself draws them (layout/weight.html). Saving is never blocked.
(function () {
  "use strict";
  var box = document.getElementById("image-weight");
  var live = document.getElementById("image-weight-live");
  var form = document.getElementById("article-form");
  if (!box || !live || !form || !window.fetch) return;
  var timer = 0, sent = "", busy = false, again = false;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function list(items, cls) {
    var ul = el("ul", "", cls);
    items.forEach(function (t) { ul.appendChild(el("li", t)); });
    return ul;
  }
  function show(w) {
    var parts = [el("p", w.summary, "weight-figure")];
    if (w.over) {
      var warn = el("div", "", "weight-warning"), p = el("p");
      p.appendChild(el("strong", w.warning));
      warn.appendChild(p);
      if (w.heaviest && w.heaviest.length) {
        warn.appendChild(el("p", "Ảnh nặng nhất:"));
        warn.appendChild(list(w.heaviest));
      }
      warn.appendChild(el("p", w.hint));
      parts.push(warn);
    }
    if (w.unknown) {
      parts.push(el("p", w.unknown));
      parts.push(list(w.outsides || [], "weight-outside"));
    }
    live.replaceChildren.apply(live, parts);
  }
  // current is what the server weighs: the body and the cover.
  function current() {
    var data = new URLSearchParams();
    data.set("body", form.elements.body ? form.elements.body.value : "");
    data.set("cover", form.elements.cover ? form.elements.cover.value : "0");
    return data;
  }
  function weigh() {
    var data = current(), key = data.toString();
    if (key === sent) return;
    if (busy) { again = true; return; }
    busy = true; sent = key;
    fetch(box.dataset.weigh, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (res.ok) show(res.body);
        else live.replaceChildren(el("p", res.body.error || "Chưa tính được dung lượng ảnh."));
      })
      .catch(function () { sent = ""; })
      .finally(function () {
        busy = false;
        if (again) { again = false; weigh(); }
      });
  }
  function changed(e) {
    var name = e.target && e.target.name;
    if (name !== "body" && name !== "cover") return;
    clearTimeout(timer);
    timer = setTimeout(weigh, 1000);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  sent = current().toString(); // the page came with its weight
})();
