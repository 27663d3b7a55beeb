// Static search: query the sharded index in /search/ (written by agora build) as you type.
// Terms follow the index's rule: NFKC, lower case, runs of letters and digits, two or more.
// Every word must match; the last one also matches as a prefix. The address keeps ?q= and
// ?kind= so a search can be shared and the back button works.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var output = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !output || !status || !window.fetch || !window.URLSearchParams) { return; }
  form.hidden = false;
  var text = JSON.parse(form.getAttribute("data-text"));
  var language = document.documentElement.lang;
  var base = document.documentElement.getAttribute("data-base") || ""; // "/as-of/<day>" in the past
  var prefix = base + (language === form.getAttribute("data-default-language") ? "" : "/" + language);
  var STOP = ("a an and are as at be but by for from has have in is it its of on or that " +
    "the this to was were which will with").split(" ");
  var PAGE = 20;
  var cache = {};
  var meta = null;
  var shown = 0;
  var ranked = [];
  var words = [];
  var timer = null;
  var generation = 0;

  function json(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + "/search/" + path).then(function (r) {
        if (!r.ok) { throw new Error(r.status + " " + path); }
        return r.json();
      });
    }
    return cache[path];
  }

  function terms(value) {
    var found = value.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) || [];
    return found.filter(function (t) { return t.length > 1 && t.length <= 40 && STOP.indexOf(t) === -1; });
  }

  function shardKey(term) {
    return Array.from(term).slice(0, meta.key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function postings(term, asPrefix) {
    var key = shardKey(term);
    if (meta.shards.indexOf(key) === -1) { return Promise.resolve({}); }
    return json("terms/" + key + ".json").then(function (shard) {
      var found = {};
      Object.keys(shard).forEach(function (candidate) {
        if (candidate === term || (asPrefix && candidate.indexOf(term) === 0)) {
          var flat = shard[candidate], doc = 0;
          var idf = Math.log(1 + meta.documents / (flat.length / 2));
          var exact = candidate === term ? 1 : 0.7;
          for (var i = 0; i < flat.length; i += 2) {
            doc += flat[i];
            var score = idf * exact * flat[i + 1] / (flat[i + 1] + 2);
            found[doc] = Math.max(found[doc] || 0, score);
          }
        }
      });
      return found;
    });
  }

  function rank(lists) {
    var scores = null;
    lists.forEach(function (list) {
      if (scores === null) { scores = list; return; }
      var next = {};
      Object.keys(scores).forEach(function (doc) { if (doc in list) { next[doc] = scores[doc] + list[doc]; } });
      scores = next;
    });
    return Object.keys(scores || {}).map(Number).sort(function (a, b) {
      return (scores[b] - scores[a]) || (a - b);
    });
  }

  function highlight(node, value) {
    var lower = value.toLowerCase();
    var at = 0;
    while (at < value.length) {
      var best = -1, length = 0;
      words.forEach(function (w) {
        var i = lower.indexOf(w, at);
        if (i !== -1 && (best === -1 || i < best)) { best = i; length = w.length; }
      });
      if (best === -1) { break; }
      node.append(value.slice(at, best));
      var mark = document.createElement("mark");
      mark.textContent = value.slice(best, best + length);
      node.append(mark);
      at = best + length;
    }
    node.append(value.slice(at));
  }

  function row(doc) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = prefix + doc[0];
    highlight(link, doc[2]);
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = text.kinds[doc[1]] || doc[1];
    item.append(link, " ", kind);
    if (doc[3]) {
      var time = document.createElement("time");
      time.dateTime = doc[3];
      time.textContent = doc[3];
      item.append(" ", time);
    }
    var snippet = document.createElement("p");
    snippet.className = "snippet";
    highlight(snippet, doc[4]);
    item.append(snippet);
    return item;
  }

  function showMore(list, mine) {
    var next = ranked.slice(shown, shown + PAGE);
    shown += next.length;
    return Promise.all(next.map(function (n) {
      return json("docs/" + Math.floor(n / meta.chunk) + ".json").then(function (docs) { return docs[n % meta.chunk]; });
    })).then(function (docs) {
      if (mine !== generation) { return; }
      docs.forEach(function (doc) { list.append(row(doc)); });
      var more = output.querySelector(".search-more");
      if (more) { more.remove(); }
      if (shown < ranked.length) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "search-more";
        button.textContent = text.more;
        button.addEventListener("click", function () { showMore(list, mine); });
        output.append(button);
      }
    });
  }

  function run(push) {
    var query = form.elements.q.value;
    var kind = form.elements.kind.value;
    var params = new URLSearchParams();
    if (query) { params.set("q", query); }
    if (kind) { params.set("kind", kind); }
    var address = params.toString() ? "?" + params.toString() : location.pathname;
    if (push) { history.replaceState(null, "", address); }
    var mine = ++generation;
    words = terms(query);
    output.replaceChildren();
    if (!words.length) {
      status.textContent = query ? text.short : "";
      return Promise.resolve();
    }
    return json("meta.json").then(function (data) {
      meta = data;
      if (meta.format !== 2) { throw new Error("search index format " + meta.format); }
      return Promise.all(words.map(function (w, i) { return postings(w, i === words.length - 1); }));
    }).then(function (lists) {
      if (mine !== generation) { return; }
      var order = rank(lists);
      if (kind) {
        return filterKind(order, kind).then(function (kept) { return finish(kept, mine); });
      }
      return finish(order, mine);
    }).catch(function () {
      if (mine === generation) { status.textContent = text.failed; }
    });
  }

  function filterKind(order, kind) {
    var chunks = {};
    order.forEach(function (n) { chunks[Math.floor(n / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return json("docs/" + c + ".json").then(function (docs) { return [Number(c), docs]; });
    })).then(function (loaded) {
      var byChunk = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      return order.filter(function (n) { return byChunk[Math.floor(n / meta.chunk)][n % meta.chunk][1] === kind; });
    });
  }

  function finish(order, mine) {
    if (mine !== generation) { return; }
    ranked = order;
    shown = 0;
    status.textContent = order.length === 1 ? text.one : text.many.replace("{n}", order.length.toLocaleString(language));
    if (!order.length) { status.textContent = text.none; return; }
    var list = document.createElement("ol");
    list.className = "search-results";
    output.append(list);
    return showMore(list, mine);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 150);
  });
  form.addEventListener("change", function () { run(true); });
  var initial = new URLSearchParams(location.search);
  form.elements.q.value = initial.get("q") || "";
  form.elements.kind.value = initial.get("kind") || "";
  if (form.elements.q.value) { run(false); }
})();
