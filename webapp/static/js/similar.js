// Similar-idea hints while typing. Without this script the server shows them on submit.
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("textarea[name=text]");
  var box = document.getElementById("similar-hints");
  var list = box.querySelector("ul");
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var lastQuery = "";

  function agreeForm(idea) {
    var vote = document.createElement("form");
    vote.method = "post";
    vote.action = idea.vote_url;
    vote.className = "inline-form";
    [["csrf_token", token ? token.value : ""], ["value", "agree"], ["next", idea.url]]
      .forEach(function (pair) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = pair[0];
        hidden.value = pair[1];
        vote.appendChild(hidden);
      });
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "small-button secondary";
    button.textContent = "Agree with this";
    vote.appendChild(button);
    return vote;
  }

  function show(ideas) {
    list.replaceChildren();
    ideas.forEach(function (idea) {
      var item = document.createElement("li");
      var text = document.createElement("span");
      text.textContent = idea.text + " ";
      var team = document.createElement("span");
      team.className = "muted small";
      team.textContent = "(" + idea.team + ")";
      text.appendChild(team);
      item.appendChild(text);
      item.appendChild(agreeForm(idea));
      list.appendChild(item);
    });
    box.hidden = ideas.length === 0;
  }

  function lookUp() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 12) { show([]); return; }
    var url = form.dataset.similarUrl + "?text=" + encodeURIComponent(query);
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {ideas: []}; })
      .then(function (data) { if (input.value.trim() === query) { show(data.ideas); } })
      .catch(function () { show([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 300);
  });
}());
