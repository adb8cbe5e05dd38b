// The view beacon of a page a shared cache (a CDN, a proxy) may have served
// without asking Cổng: it reports the page view once the page is shown, with
// no cookie, with the ads it shows. The visitor is a random id kept in this browser's storage with
// the minute it was last seen, so a visit and a view count once, as the
// visitor cookie does when Cổng serves the page itself.
(function () {
  "use strict";
  var s = document.currentScript, b = s && s.getAttribute("data-b");
  if (!b || !window.fetch) {
    return;
  }
  var v = "", now = Math.floor(Date.now() / 60000);
  try {
    var kept = (localStorage.getItem("cong_v") || "").split("."), id = kept[0], last = kept[1] || "0";
    if (!/^[0-9a-f]{16}$/.test(id)) {
      var n = new Uint32Array(2);
      crypto.getRandomValues(n);
      id = ("0000000" + n[0].toString(16)).slice(-8) + ("0000000" + n[1].toString(16)).slice(-8);
      last = "0";
    }
    localStorage.setItem("cong_v", id + "." + now);
    v = "&v=" + id + "." + last;
  } catch (e) {
    // no storage: counted by address and browser instead
  }
  var ads = [], marks = document.querySelectorAll("[data-qc]");
  for (var i = 0; i < marks.length && ads.length < 4; i++) {
    ads.push(marks[i].getAttribute("data-qc"));
  }
  var u = "/luot-xem?b=" + encodeURIComponent(b) + v + (ads.length ? "&qc=" + ads.join(".") : "") +
    "&r=" + encodeURIComponent(document.referrer.slice(0, 512));
  fetch(u, {method: "POST", keepalive: true, credentials: "omit", cache: "no-store"}).catch(function () {});
})();
