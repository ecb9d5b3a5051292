// Mention completion in comment boxes: typing "@" and a few letters offers people who
// can see the idea or item (from the box's data-mentions-url); choosing one writes
// "@[Full Name]". No inline script: the Content-Security-Policy forbids it.
(function () {
  "use strict";
  var TYPED = /@([^\s@\[\]]{1,30})$/;
  var list = null;
  var timer = null;

  function close() {
    if (list) {
      list.remove();
      list = null;
    }
  }

  function choose(box, match, name) {
    var caret = box.selectionStart;
    var before = box.value.slice(0, caret - match.length);
    box.value = before + "@[" + name + "] " + box.value.slice(caret);
    var at = before.length + name.length + 4;
    box.focus();
    box.setSelectionRange(at, at);
    box.dispatchEvent(new Event("input", {bubbles: true}));
    close();
  }

  function show(box, match, people) {
    close();
    if (!people.length) {
      return;
    }
    list = document.createElement("ul");
    list.className = "mention-choices";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    people.forEach(function (person) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mention-choice";
      button.setAttribute("role", "option");
      button.textContent = person.name + " (" + person.team + ")";
      button.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep the caret in the box
      });
      button.addEventListener("click", function () {
        choose(box, match, person.name);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.insertAdjacentElement("afterend", list);
  }

  function lookUp(box) {
    var typed = TYPED.exec(box.value.slice(0, box.selectionStart));
    if (!typed) {
      close();
      return;
    }
    var url = box.getAttribute("data-mentions-url") + "?q=" + encodeURIComponent(typed[1]);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {people: []}; })
      .then(function (data) { show(box, typed[0], data.people || []); })
      .catch(close);
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("textarea[data-mentions-url]")) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { lookUp(box); }, 150);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close();
    }
  });
}());
