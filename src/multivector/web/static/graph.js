// A small force-directed layout (Fruchterman–Reingold) and its SVG drawing, in plain JS.
// Deterministic: nodes start on a circle in id order, so the same data gives the same picture
// (and the browser tests can find a node where they saw it).
(function (global) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  // Linked nodes get a force layout; unlinked ones (shown for context) are lined up in rows
  // along the bottom, most mentioned first, so they neither crowd nor push the graph around.
  function layout(nodes, edges, width, height, iterations) {
    var linked = {};
    edges.forEach(function (e) { linked[e.source] = true; linked[e.target] = true; });
    var alone = nodes.filter(function (d) { return !linked[d.id]; })
      .sort(function (a, b) { return b.mentions - a.mentions || (a.name < b.name ? -1 : 1); });
    var connected = nodes.filter(function (d) { return linked[d.id]; });
    var perRow = Math.max(1, Math.floor((width - 40) / 120));
    var rows = Math.ceil(alone.length / perRow);
    var rowH = 42, bottom = connected.length ? rows * rowH : 0;
    alone.forEach(function (d, i) {
      var r = Math.floor(i / perRow), c = i % perRow;
      d.x = 60 + c * ((width - 120) / Math.max(perRow - 1, 1));
      d.y = (connected.length ? height - bottom + 18 : 40) + r * rowH;
    });
    force(connected, edges, width, Math.max(height - bottom - 10, 200), iterations);
  }

  function force(nodes, edges, width, height, iterations) {
    var n = nodes.length;
    if (!n) return;
    var index = {};
    nodes.forEach(function (d, i) {
      index[d.id] = i;
      var a = (2 * Math.PI * i) / n;
      d.x = width / 2 + (width / 3) * Math.cos(a);
      d.y = height / 2 + (height / 3) * Math.sin(a);
    });
    var links = edges
      .filter(function (e) { return e.source in index && e.target in index; })
      .map(function (e) { return [index[e.source], index[e.target], Math.log2(1 + e.volume)]; });
    var degree = new Float64Array(n);
    links.forEach(function (l) { degree[l[0]] += 1; degree[l[1]] += 1; });
    var k = Math.sqrt((width * height) / n) * 0.7;
    var t = width / 8;
    iterations = iterations || 300;
    for (var it = 0; it < iterations; it++) {
      var dx = new Float64Array(n), dy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          var d2 = x * x + y * y || 0.01;
          var f = (k * k) / d2;
          dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
        }
      }
      links.forEach(function (l) {
        var a = nodes[l[0]], b = nodes[l[1]];
        var x = a.x - b.x, y = a.y - b.y;
        var d = Math.sqrt(x * x + y * y) || 0.01;
        var f = (d / k) * (0.5 + 0.5 * l[2]);
        dx[l[0]] -= x * f; dy[l[0]] -= y * f; dx[l[1]] += x * f; dy[l[1]] += y * f;
      });
      for (i = 0; i < n; i++) {
        // gravity keeps nodes (twice as much the unconnected ones) off the borders
        var g = (degree[i] ? 0.06 : 0.12) * k / 10;
        dx[i] += (width / 2 - nodes[i].x) * g;
        dy[i] += (height / 2 - nodes[i].y) * g * 1.4;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        var step = Math.min(len, t);
        nodes[i].x = Math.min(width - 70, Math.max(70, nodes[i].x + (dx[i] / len) * step));
        nodes[i].y = Math.min(height - 20, Math.max(35, nodes[i].y + (dy[i] / len) * step));
      }
      t *= 0.985;
    }
  }

  function el(name, attrs) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // Draw into `svg`. opts: onNode(node), onEdge(edge), nodeHref(node), edgeHref(edge).
  function draw(svg, nodes, edges, opts) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var byId = {};
    nodes.forEach(function (d) { byId[d.id] = d; });
    var gEdges = el("g", { class: "edges" }), gNodes = el("g", { class: "nodes" });
    svg.appendChild(gEdges); svg.appendChild(gNodes);
    edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target];
      if (!a || !b) return;
      var link = el("a", { href: opts.edgeHref(e), class: "edge-link" });
      var line = el("line", {
        x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        class: "edge tone-" + e.tone,
        "stroke-width": (1 + 1.6 * Math.log2(1 + e.volume)).toFixed(2),
        "data-source": e.source, "data-target": e.target
      });
      var title = el("title");
      title.textContent = (a.name + " – " + b.name + ": " + e.volume + " (" + e.events +
        " events, " + e.stances + " stances; " + e.cooperative + " cooperative, " + e.hostile +
        " hostile)");
      line.appendChild(title);
      link.appendChild(line);
      gEdges.appendChild(link);
    });
    nodes.forEach(function (d) {
      var r = 5 + 2.2 * Math.sqrt(d.mentions + d.volume);
      var link = el("a", { href: opts.nodeHref(d), class: "node", "data-id": d.id });
      link.setAttribute("aria-label", d.name);
      var circle = el("circle", { cx: d.x, cy: d.y, r: Math.min(r, 28).toFixed(1),
                                  class: "node-dot type-" + (d.type || "unknown") });
      var title = el("title");
      title.textContent = d.name + " (" + (d.type || "actor") + "): " + d.mentions +
        " mentions, " + d.volume + " interactions";
      circle.appendChild(title);
      var label = el("text", { x: d.x, y: d.y - Math.min(r, 28) - 4, class: "node-label",
                               "text-anchor": "middle" });
      label.textContent = d.name.length > 24 ? d.name.slice(0, 22) + "…" : d.name;
      link.appendChild(circle); link.appendChild(label);
      gNodes.appendChild(link);
    });
  }

  global.MVGraph = { layout: layout, draw: draw };
})(window);
