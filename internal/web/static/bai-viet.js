// The article's own tools, for browsers with script; without it each still
// works. "Copy link" copies the article's address (without script it stays
// in a field to select). "Báo lỗi" carries the words a reader selected in
// the article to the report form, in the address's fragment, which never
// reaches the server. It talks to no other site and stores nothing.
(function () {
  "use strict";
  var maxQuote = 500;

  if (navigator.clipboard && window.isSecureContext) {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (b) {
      var field = document.getElementById(b.getAttribute("data-copy"));
      var status = b.parentNode.querySelector(".copy-status");
      if (!field) {
        return;
      }
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) {
            status.textContent = "Đã sao chép liên kết.";
          }
        }, function () {
          field.select();
          if (status) {
            status.textContent = "Không sao chép được: hãy chọn liên kết và sao chép.";
          }
        });
      });
    });
  }

  // The selection inside the article's body when the report link is
  // followed (mousedown comes before a click can clear it).
  var body = document.querySelector(".article-body"), picked = "";
  Array.prototype.forEach.call(document.querySelectorAll("a.report-link"), function (a) {
    var base = a.getAttribute("href");
    var keep = function () {
      var sel = window.getSelection ? window.getSelection() : null;
      picked = "";
      if (sel && body && sel.rangeCount && body.contains(sel.anchorNode) && body.contains(sel.focusNode)) {
        picked = sel.toString().replace(/\s+/g, " ").trim().slice(0, maxQuote);
      }
      a.setAttribute("href", picked ? base + "#trich=" + encodeURIComponent(picked) : base);
    };
    a.addEventListener("mousedown", keep);
    a.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        keep();
      }
    });
  });

  // The report form: the words carried in the fragment, if its field is
  // still empty.
  var quote = document.querySelector("textarea[data-quote]");
  var m = /^#trich=(.*)$/.exec(location.hash);
  if (quote && m && !quote.value) {
    try {
      quote.value = decodeURIComponent(m[1]).slice(0, maxQuote);
    } catch (e) {
      // a broken fragment: the field stays empty
    }
  }
})();
