// Timeline filters: read the form, keep its state in the address, filter the event index.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var results = document.getElementById("results");
  var status = document.getElementById("filter-status");
  if (!form || !results || !window.fetch || !window.URLSearchParams) { return; }
  var index = null;
  var prefix = document.documentElement.lang === "en" ? "" : "/" + document.documentElement.lang;
  var PAGE = 100;

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

  function matches(row, params, fields) {
    var get = function (name) { return row[fields.indexOf(name)]; };
    var sets = ["category", "significance", "confidence", "contestation"];
    for (var i = 0; i < sets.length; i++) {
      var wanted = params.getAll(sets[i]);
      if (wanted.length && wanted.indexOf(get(sets[i])) === -1) { return false; }
    }
    var regions = params.getAll("region");
    if (regions.length && !get("regions").some(function (r) { return regions.indexOf(r) !== -1; })) { return false; }
    if (params.get("actor") && get("actors").indexOf(params.get("actor")) === -1) { return false; }
    if (params.get("tag") && get("tags").indexOf(params.get("tag")) === -1) { return false; }
    if (params.get("from") && get("date") < params.get("from")) { return false; }
    if (params.get("to") && get("date") > params.get("to")) { return false; }
    var q = (params.get("q") || "").toLowerCase();
    if (q && (get("title") + " " + get("tags").join(" ")).toLowerCase().indexOf(q) === -1) { return false; }
    return true;
  }

  function render(params) {
    if (!index) { return; }
    var fields = index.fields;
    var found = index.rows.filter(function (row) { return matches(row, params, fields); });
    var list = document.createElement("ol");
    list.className = "entry-list";
    found.slice(0, PAGE).forEach(function (row) {
      var item = document.createElement("li");
      item.className = "entry-row";
      var time = document.createElement("time");
      time.dateTime = row[2]; time.textContent = row[2];
      var dot = document.createElement("span");
      dot.className = "dot dot-" + row[3]; dot.setAttribute("aria-hidden", "true");
      var link = document.createElement("a");
      link.href = prefix + "/events/" + encodeURIComponent(row[0]) + "/"; link.textContent = row[1];
      var category = document.createElement("span");
      category.className = "entry-category cat-" + row[3]; category.textContent = row[3];
      item.append(time, dot, link, category);
      list.appendChild(item);
    });
    results.replaceChildren(list);
    status.textContent = found.length + (found.length === 1 ? " entry" : " entries") +
      (found.length > PAGE ? " (showing the first " + PAGE + ")" : "");
  }

  function apply(push) {
    var params = state();
    var query = params.toString();
    if (push) { history.pushState(null, "", query ? "?" + query : location.pathname); }
    if (!query) { location.reload(); return; }
    render(params);
  }

  function load() {
    return fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); })
      .then(function (data) { index = data; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); load().then(function () { apply(true); }); });
  form.addEventListener("change", function () { load().then(function () { apply(true); }); });
  window.addEventListener("popstate", function () {
    var params = new URLSearchParams(location.search);
    restore(params);
    if (params.toString()) { load().then(function () { render(params); }); } else { location.reload(); }
  });
  var initial = new URLSearchParams(location.search);
  if (initial.toString()) { restore(initial); load().then(function () { render(initial); }); }
})();
