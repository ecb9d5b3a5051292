// Private conversation keys, kept by this browser only (localStorage): the thank-you
// page stores a new key; "My conversations" opens with the keys kept, and with a key
// given in a private link's #key= part (never sent to the server in an address).
(function () {
  "use strict";
  var STORE = "tandem.conversationKeys";
  var SHAPE = /^[A-Za-z0-9_-]{32}$/;
  function kept() {
    try {
      var keys = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(keys) ? keys.filter(function (k) { return SHAPE.test(k); }) : [];
    } catch (error) {
      return [];
    }
  }
  function keep(key) {
    var keys = kept();
    if (SHAPE.test(key) && keys.indexOf(key) < 0) {
      keys.push(key);
    }
    try {
      window.localStorage.setItem(STORE, JSON.stringify(keys));
      return true;
    } catch (error) {
      return false;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var shown = document.querySelector("[data-conversation-key]");
    if (shown && keep(shown.getAttribute("data-conversation-key"))) {
      var note = document.querySelector("[data-key-kept]");
      if (note) { note.hidden = false; }
    }
    var form = document.querySelector("form[data-conversation-keys]");
    if (!form) {
      return;
    }
    var match = /[#&]key=([A-Za-z0-9_-]{32})/.exec(window.location.hash);
    if (match) {
      keep(match[1]);
      window.history.replaceState(null, "", window.location.pathname);
    }
    var keys = kept();
    var forget = form.querySelector("[data-forget-keys]");
    if (forget && keys.length) {
      forget.hidden = false;
      forget.addEventListener("click", function () {
        window.localStorage.removeItem(STORE);
        form.querySelector("textarea").value = "";
        forget.hidden = true;
      });
    }
    var field = form.querySelector("textarea");
    // Opened once per visit: a page that already shows conversations is not re-sent.
    if (keys.length && !field.value && !document.querySelector("[data-opened]")) {
      field.value = keys.join("\n");
      form.submit();
    }
  });
}());
