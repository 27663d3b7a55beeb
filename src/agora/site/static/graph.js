// The graph page: a small force layout drawn in SVG. The same links are listed as text.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!svg || !source) { return; }
  var data = JSON.parse(source.textContent);
  var W = 800, H = 560, NS = "http://www.w3.org/2000/svg";
  var colours = { thread: "#1c1b18", controversy: "#b3261e", event: "#1a4a96", actor: "#0b6b4f", group: "#6d28d9" };
  var nodes = data.nodes.map(function (n, i) {
    var angle = i * 2.399963, radius = 30 + 6 * Math.sqrt(i);
    return { id: n.id, kind: n.kind, label: n.label, path: n.path,
             x: W / 2 + radius * Math.cos(angle), y: H / 2 + radius * Math.sin(angle), vx: 0, vy: 0 };
  });
  var byId = {}; nodes.forEach(function (n) { byId[n.id] = n; });
  var links = data.links.map(function (l) { return { s: byId[l.source], t: byId[l.target] }; })
    .filter(function (l) { return l.s && l.t; });
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var steps = reduced ? 0 : 160;

  function settle(rounds) {
    for (var r = 0; r < rounds; r++) {
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          if (d2 > 40000) { continue; }
          var f = 60 / d2; a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, f = 0.004;
        l.s.vx += dx * f; l.s.vy += dy * f; l.t.vx -= dx * f; l.t.vy -= dy * f;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.002; n.vy += (H / 2 - n.y) * 0.002;
        n.x = Math.max(8, Math.min(W - 8, n.x + n.vx)); n.y = Math.max(8, Math.min(H - 8, n.y + n.vy));
        n.vx *= 0.6; n.vy *= 0.6;
      });
    }
  }
  settle(reduced ? 80 : 40);

  var lineLayer = document.createElementNS(NS, "g"), nodeLayer = document.createElementNS(NS, "g");
  svg.append(lineLayer, nodeLayer);
  var lines = links.map(function (l) { var e = document.createElementNS(NS, "line"); lineLayer.appendChild(e); return e; });
  // The drawing is one labelled image (role="img"); its nodes open records on a click, and
  // the list below the figure carries the same links for keyboards and screen readers.
  var circles = nodes.map(function (n) {
    var c = document.createElementNS(NS, "circle");
    c.setAttribute("r", n.kind === "event" ? 4 : 7); c.setAttribute("fill", colours[n.kind] || "#555");
    c.setAttribute("data-path", n.path);
    var t = document.createElementNS(NS, "title"); t.textContent = n.label;
    c.appendChild(t); nodeLayer.appendChild(c); return c;
  });
  svg.addEventListener("click", function (event) {
    var path = event.target.getAttribute && event.target.getAttribute("data-path");
    if (path) { location.href = (document.documentElement.getAttribute("data-base") || "") + path; }
  });
  function draw() {
    links.forEach(function (l, i) {
      lines[i].setAttribute("x1", l.s.x); lines[i].setAttribute("y1", l.s.y);
      lines[i].setAttribute("x2", l.t.x); lines[i].setAttribute("y2", l.t.y);
    });
    nodes.forEach(function (n, i) { circles[i].setAttribute("cx", n.x); circles[i].setAttribute("cy", n.y); });
  }
  function tick() { if (steps-- > 0) { settle(1); draw(); requestAnimationFrame(tick); } }
  draw(); tick();
})();
