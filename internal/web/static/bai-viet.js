// The article's own tools, for browsers with script: the "copy link"
// button (without script the address stays in a field to select and copy).
// It talks to no other site and stores nothing.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-copy]");
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  Array.prototype.forEach.call(buttons, function (b) {
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
})();
