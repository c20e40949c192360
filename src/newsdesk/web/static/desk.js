// newsdesk web desk: small progressive enhancements; every page works without this file.
// Loaded from /static under a Content-Security-Policy that allows no inline script.
(function () {
  "use strict";
  document.documentElement.setAttribute("data-js", "on");

  // Filter selects apply themselves when changed.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) { select.form.submit(); }
    });
  });

  // Article page: pointing at a quotation in the side panel lights up all its pieces in the text, and back.
  function light(index, on) {
    document.querySelectorAll('[data-quote~="' + index + '"], [data-quote-ref="' + index + '"]').forEach(function (el) {
      el.classList.toggle("lit", on);
    });
  }
  function wire(el, index) {
    el.addEventListener("mouseenter", function () { light(index, true); });
    el.addEventListener("mouseleave", function () { light(index, false); });
    el.addEventListener("focusin", function () { light(index, true); });
    el.addEventListener("focusout", function () { light(index, false); });
  }
  document.querySelectorAll("[data-quote-ref]").forEach(function (item) {
    wire(item, item.getAttribute("data-quote-ref"));
  });
  document.querySelectorAll("mark[data-quote]").forEach(function (mark) {
    wire(mark, mark.getAttribute("data-quote"));
  });
})();
