// The graph page: a small force layout drawn in SVG. The same links are listed as text.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!svg || !source) { return; }
  var data = JSON.parse(source.textContent);
  var W = 800, H = 560, NS = "http://www.w3.org/2000/svg";
  var nodes = data.nodes.map(function (n, i) {
    return { kind: n.kind, label: n.label, path: n.path, order: i, degree: 0, x: 0, y: 0, dx: 0, dy: 0 };
  });
  var byId = {}; data.nodes.forEach(function (n, i) { byId[n.id] = nodes[i]; });
  var links = data.links.map(function (l) { return { s: byId[l.source], t: byId[l.target] }; })
    .filter(function (l) { return l.s && l.t && l.s !== l.t; });
  links.forEach(function (l) { l.s.degree++; l.t.degree++; });
  var count = nodes.length;

  // The layout works in units of one link's length and is fitted to the canvas when drawn,
  // so ten nodes and six hundred feel the same forces and both fill the frame. Nodes start
  // on a sunflower spiral, the most linked in the middle, in a fixed order: no randomness,
  // so the same data always gives the same picture.
  nodes.slice().sort(function (a, b) { return b.degree - a.degree || a.order - b.order; })
    .forEach(function (n, i) {
      var angle = i * 2.399963, radius = 0.6 * Math.sqrt(i + 0.5);
      n.x = radius * Math.cos(angle); n.y = radius * Math.sin(angle);
    });
  // Each round compares every pair of nodes, so a large graph gets fewer rounds.
  var rounds = Math.max(40, Math.min(300, Math.floor(6e6 / Math.max(1, count * count))));
  var heat = 0.1 * Math.sqrt(count) + 0.5, round = 0;

  function settle(until) {
    var i, j, a, b, dx, dy, f, step;
    for (; round < until; round++) {
      // Every node is pushed from every other (1/distance), pulled toward the centre (nodes
      // without links harder, or they drift out and stretch the frame), and pulled along its
      // links (by their length).
      for (i = 0; i < count; i++) {
        a = nodes[i]; f = a.degree ? 1.5 : 6; a.dx = -f * a.x; a.dy = -f * a.y;
        for (j = 0; j < i; j++) {
          b = nodes[j]; dx = a.x - b.x; dy = a.y - b.y;
          f = 1 / (dx * dx + dy * dy || 1e-4);
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      for (i = 0; i < links.length; i++) {
        a = links[i].s; b = links[i].t; dx = b.x - a.x; dy = b.y - a.y;
        a.dx += dx; a.dy += dy; b.dx -= dx; b.dy -= dy;
      }
      // A node moves at most `step`, which cools to nothing over the rounds.
      step = heat * (1 - round / rounds) + 0.01;
      for (i = 0; i < count; i++) {
        a = nodes[i]; f = Math.sqrt(a.dx * a.dx + a.dy * a.dy) || 1;
        f = Math.min(f, step) / f; a.x += a.dx * f; a.y += a.dy * f;
      }
    }
  }

  var lineLayer = document.createElementNS(NS, "g"), nodeLayer = document.createElementNS(NS, "g");
  // Hundreds of links would paint the canvas solid: the more there are, the fainter each.
  lineLayer.setAttribute("stroke-opacity", Math.min(1, 12 / Math.sqrt(links.length || 1)).toFixed(2));
  svg.append(lineLayer, nodeLayer);
  var lines = links.map(function () {
    var e = document.createElementNS(NS, "line"); lineLayer.appendChild(e); return e;
  });
  // Nodes grow with their links, threads and controversies start larger, so they stand out
  // from the events and actors around them; all shrink a little as the canvas fills.
  // On a narrow screen the canvas is drawn smaller than its 800 units: nodes grow (up to
  // 1.4 times) so that their shapes stay recognisable.
  var shown = svg.getBoundingClientRect().width || W;
  var unit = Math.max(0.6, Math.min(1, Math.sqrt(W * H / Math.max(count, 1)) / 40)), biggest = 0;
  unit *= Math.sqrt(Math.min(2, Math.max(1, W / shown)));
  // The drawing is one labelled image (role="img"); its nodes open records on a click, and
  // the list below the figure carries the same links for keyboards and screen readers.
  // Each node is its kind's shape (defined once in the page, for the key too), scaled to
  // its size: a shape of radius 1 moved to the node's place by draw().
  var circles = nodes.map(function (n) {
    var c = document.createElementNS(NS, "use");
    var hub = n.kind === "thread" || n.kind === "controversy";
    n.r = unit * Math.min(14, (hub ? 5.5 : 3.5) + 1.3 * Math.sqrt(n.degree)); biggest = Math.max(biggest, n.r);
    n.scale = ") scale(" + n.r.toFixed(1) + ")";
    var shape = document.getElementById("graph-shape-" + n.kind) ? n.kind : "event";
    c.setAttribute("href", "#graph-shape-" + shape); c.setAttribute("class", "node kind-" + n.kind);
    c.setAttribute("data-path", n.path);
    var t = document.createElementNS(NS, "title"); t.textContent = n.label;
    c.appendChild(t); nodeLayer.appendChild(c); return c;
  });
  svg.addEventListener("click", function (event) {
    var path = event.target.getAttribute && event.target.getAttribute("data-path");
    if (path) { location.href = (document.documentElement.getAttribute("data-base") || "") + path; }
  });

  // The layout is scaled to fill the canvas (stretched at most 1.5 times one way, as the
  // canvas is wider than tall) rather than clamped, which would pile nodes on the border.
  // The margin leaves room for the shape that reaches furthest from its centre: the
  // triangle, 1.555 times its size.
  function draw() {
    var margin = 1.56 * biggest + 4, left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    nodes.forEach(function (n) {
      left = Math.min(left, n.x); right = Math.max(right, n.x);
      top = Math.min(top, n.y); bottom = Math.max(bottom, n.y);
    });
    var sx = (W - 2 * margin) / Math.max(right - left, 1e-6);
    var sy = (H - 2 * margin) / Math.max(bottom - top, 1e-6);
    var s = Math.min(sx, sy, 240);
    sx = Math.min(sx, 1.5 * s); sy = Math.min(sy, 1.5 * s);
    var ox = W / 2 - sx * (left + right) / 2, oy = H / 2 - sy * (top + bottom) / 2;
    nodes.forEach(function (n, i) {
      n.cx = (ox + sx * n.x).toFixed(1); n.cy = (oy + sy * n.y).toFixed(1);
      circles[i].setAttribute("transform", "translate(" + n.cx + " " + n.cy + n.scale);
    });
    links.forEach(function (l, i) {
      lines[i].setAttribute("x1", l.s.cx); lines[i].setAttribute("y1", l.s.cy);
      lines[i].setAttribute("x2", l.t.cx); lines[i].setAttribute("y2", l.t.cy);
    });
  }

  // With reduced motion the finished layout is drawn at once; otherwise it settles in view
  // over about a second. Both end on the same picture, marked data-settled.
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var perFrame = Math.ceil(rounds / 60);
  function tick() {
    settle(Math.min(rounds, round + perFrame)); draw();
    if (round < rounds) { requestAnimationFrame(tick); } else { svg.setAttribute("data-settled", ""); }
  }
  if (reduced) { settle(rounds); } else { settle(Math.floor(rounds / 4)); }
  tick();
})();
