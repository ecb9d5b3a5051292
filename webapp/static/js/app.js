// Small behaviours the pages ask for with data attributes: no inline script, so the
// Content-Security-Policy can forbid it.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // Live character counters: a field with data-limit and a [data-count-for] line.
  // Characters are counted as the server counts them (code points, not UTF-16 units).
  function countOf(field) {
    return Array.from(field.value.replace(/\r\n/g, "\n")).length;
  }
  function showCount(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var line = field.id && document.querySelector('[data-count-for="' + field.id + '"]');
    if (!line || !limit) {
      return;
    }
    var used = countOf(field);
    var over = used - limit;
    line.textContent = over > 0
      ? used.toLocaleString("en-GB") + " / " + limit.toLocaleString("en-GB") +
        " characters: " + over.toLocaleString("en-GB") + " too many"
      : used.toLocaleString("en-GB") + " / " + limit.toLocaleString("en-GB") + " characters";
    line.classList.toggle("over", over > 0);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-limit]")) {
      showCount(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-limit]"), showCount);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
}());
