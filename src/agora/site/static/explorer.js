// Timeline filters: read the form, keep its state in the address, filter the event index.
// Without this script the form still works against `agora serve`; the static site hides
// it (a static server cannot filter) and links a filtered page for every facet value.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var results = document.getElementById("results");
  var status = document.getElementById("filter-status");
  if (!form || !results || !status || !window.fetch || !window.URLSearchParams) { return; }
  form.hidden = false; // the static site hides it from browsers without this script
  var text = JSON.parse(form.getAttribute("data-text") || "{}");
  var language = document.documentElement.lang || "en";
  var base = document.documentElement.getAttribute("data-base") || ""; // "/as-of/<day>" in the past
  var prefix = base + (language === "en" ? "" : "/" + language);
  var PAGE = 100;
  var original = { list: Array.prototype.slice.call(results.childNodes), status: status.textContent };
  var index = null;
  var loading = null;

  function say(key, fallback) { return text[key] || fallback; }

  function count(n) {
    return n === 1 ? say("one", "1 entry") : say("many", "{n} entries").replace("{n}", n.toLocaleString(language));
  }

  function state() {
    var params = new URLSearchParams(new FormData(form));
    var clean = new URLSearchParams();
    params.forEach(function (value, key) { if (value) { clean.append(key, value); } });
    return clean;
  }

  function restore(params) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    ["q", "actor", "tag", "from", "to"].forEach(function (name) {
      var field = form.elements[name];
      if (field) { field.value = params.get(name) || ""; }
    });
  }

  function matches(row, params, column) {
    var sets = ["category", "significance", "confidence", "contestation"];
    for (var i = 0; i < sets.length; i++) {
      var wanted = params.getAll(sets[i]);
      if (wanted.length && wanted.indexOf(row[column[sets[i]]]) === -1) { return false; }
    }
    var regions = params.getAll("region");
    if (regions.length && !row[column.regions].some(function (r) { return regions.indexOf(r) !== -1; })) { return false; }
    if (params.get("actor") && row[column.actors].indexOf(params.get("actor")) === -1) { return false; }
    if (params.get("tag") && row[column.tags].indexOf(params.get("tag")) === -1) { return false; }
    if (params.get("from") && row[column.date] < params.get("from")) { return false; }
    if (params.get("to") && row[column.date] > params.get("to")) { return false; }
    var words = (params.get("q") || "").toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length) {
      var haystack = (row[column.title] + " " + row[column.tags].join(" ")).toLowerCase();
      if (!words.every(function (word) { return haystack.indexOf(word) !== -1; })) { return false; }
    }
    return true;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  function entry(row, column) {
    var item = element("li", "entry-row");
    var time = element("time", "", row[column.date]);
    time.dateTime = row[column.date];
    var category = row[column.category];
    var dot = element("span", "dot dot-" + category);
    dot.setAttribute("aria-hidden", "true");
    var link = element("a", "", row[column.title]);
    link.href = prefix + "/events/" + encodeURIComponent(row[column.id]) + "/";
    var label = element("span", "entry-category cat-" + category, (text.category || {})[category] || category);
    item.append(time, " ", dot, " ", link, " ", label);
    var significance = row[column.significance];
    if (significance && significance !== "unset") {
      item.append(" ", element("span", "badge badge-significance badge-" + significance,
        (text.significance || {})[significance] || significance));
    }
    return item;
  }

  function render(params) {
    var column = {};
    index.fields.forEach(function (name, position) { column[name] = position; });
    var found = index.rows.filter(function (row) { return matches(row, params, column); });
    var list = element("ol", "entry-list");
    var shown = 0;
    var more = element("button", "search-more", say("more", "Show more entries"));
    more.type = "button";
    function show() {
      found.slice(shown, shown + PAGE).forEach(function (row) { list.appendChild(entry(row, column)); });
      shown = Math.min(found.length, shown + PAGE);
      more.hidden = shown >= found.length;
    }
    more.addEventListener("click", function () {
      var first = shown;
      show();
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) { next.focus(); }
    });
    show();
    results.replaceChildren(found.length ? list : element("p", "empty", say("none", "No entry matches every filter.")), more);
    status.textContent = count(found.length);
  }

  function showOriginal() {
    results.replaceChildren.apply(results, original.list);
    status.textContent = original.status;
  }

  function withIndex(then) {
    if (index) { then(); return; }
    if (!loading) {
      loading = fetch(base + form.getAttribute("data-index"))
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (data) { index = data; });
    }
    loading.then(then, function () { loading = null; status.textContent = say("failed", "The list of entries could not be loaded."); });
  }

  function apply(push) {
    var params = state();
    var query = params.toString();
    if (push) { history.pushState(null, "", query ? "?" + query : location.pathname); }
    if (!query) { showOriginal(); return; }
    withIndex(function () { render(params); });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("change", function () { apply(true); });
  window.addEventListener("popstate", function () {
    var params = new URLSearchParams(location.search);
    restore(params);
    if (params.toString()) { withIndex(function () { render(params); }); } else { showOriginal(); }
  });
  var initial = new URLSearchParams(location.search);
  if (initial.toString()) { restore(initial); withIndex(function () { render(initial); }); }
})();
