// The actor network, drawn by cytoscape.js (vendored, static/vendor/cytoscape): a force-directed
// layout (cose) that keeps nodes apart, then two passes of our own so the graph stays readable
// at any size: nodes that still overlap are pushed apart (every node can be clicked), and labels
// are shown greedily from the most important node down, skipping any label that would overlap
// one already shown (the hidden ones appear on hover). Deterministic for the same data: the
// layout starts from a circle in id order and cose runs without randomisation.
(function () {
  "use strict";

  var TYPE_COLOUR = { state: "#2f6db5", government: "#2f6db5", military: "#2f6db5",
                      legislature: "#2f6db5", igo: "#7b4fb0", person: "#168a87" };
  var TONE_COLOUR = { cooperative: "#1e8c4e", hostile: "#c0392b", mixed: "#d98a1c",
                      neutral: "#9aa5b1" };

  function weight(d) { return (d.volume || 0) * 4 + (d.mentions || 0); }

  function elements(nodes, edges) {
    var maxV = 1, maxW = 1;
    edges.forEach(function (e) { maxV = Math.max(maxV, e.volume); });
    nodes.forEach(function (d) { maxW = Math.max(maxW, weight(d)); });
    // area grows with the weight, relative to the heaviest node: sizes stay readable whether
    // the database holds ten documents or ten thousand
    function size(d) { return 12 + 28 * Math.sqrt(weight(d) / maxW); }
    var ids = nodes.map(function (d) { return d.id; }).sort();
    var r = 40 * Math.sqrt(ids.length + 1);
    var pos = {};
    ids.forEach(function (id, i) {
      var a = (2 * Math.PI * i) / Math.max(ids.length, 1);
      pos[id] = { x: r * Math.cos(a), y: r * Math.sin(a) };
    });
    var els = nodes.map(function (d) {
      return { group: "nodes", position: pos[d.id],
               data: { id: d.id, name: d.name || d.id, type: d.type || "other", size: size(d),
                       weight: weight(d),
                       colour: TYPE_COLOUR[d.type] || "#8a949f" } };
    });
    edges.forEach(function (e, i) {
      els.push({ group: "edges",
                 data: { id: "e" + i, source: e.source, target: e.target, tone: e.tone,
                         volume: e.volume, width: 1.5 + 7 * Math.sqrt(e.volume / maxV),
                         colour: TONE_COLOUR[e.tone] || TONE_COLOUR.neutral } });
    });
    return els;
  }

  function overlap(a, b, pad) {
    return a.x1 < b.x2 + pad && b.x1 < a.x2 + pad && a.y1 < b.y2 + pad && b.y1 < a.y2 + pad;
  }

  // Push apart nodes whose discs overlap (cose usually leaves none; this makes it certain).
  function separate(cy) {
    var nodes = cy.nodes().toArray();
    for (var round = 0; round < 60; round++) {
      var moved = false;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var p = nodes[i].position(), q = nodes[j].position();
          var need = (nodes[i].data("size") + nodes[j].data("size")) / 2 + 6;
          var dx = q.x - p.x, dy = q.y - p.y, dist = Math.sqrt(dx * dx + dy * dy);
          if (dist >= need) continue;
          if (dist < 0.01) { dx = 1; dy = (i % 2 ? 1 : -1) * 0.5; dist = 1.1; }
          var push = (need - dist) / 2 + 0.5, ux = dx / dist, uy = dy / dist;
          nodes[i].position({ x: p.x - ux * push, y: p.y - uy * push });
          nodes[j].position({ x: q.x + ux * push, y: q.y + uy * push });
          moved = true;
        }
      }
      if (!moved) return;
    }
  }

  // Show labels from the heaviest node down, skipping any that would overlap a shown label
  // or another node's disc.
  function placeLabels(cy) {
    var shown = [];
    var discs = cy.nodes().map(function (n) { return n.boundingBox({ includeLabels: false, includeOverlays: false }); });
    cy.nodes().sort(function (a, b) { return b.data("weight") - a.data("weight") ||
                                             (a.id() < b.id() ? -1 : 1); })
      .forEach(function (n) {
        var box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
        var own = n.boundingBox({ includeLabels: false, includeOverlays: false });
        var free = shown.every(function (s) { return !overlap(box, s, 2); }) &&
          discs.every(function (d) {
            return (d.x1 === own.x1 && d.y1 === own.y1) || !overlap(box, d, 0);
          });
        if (free) { shown.push(box); n.removeClass("nolabel"); }
        else n.addClass("nolabel");
      });
  }

  function draw(container, nodes, edges, opts) {
    if (window.mvNetwork) window.mvNetwork.destroy();
    var cy = cytoscape({
      container: container,
      elements: elements(nodes, edges),
      layout: { name: "preset" },
      minZoom: 0.2, maxZoom: 4, boxSelectionEnabled: false,
      autoungrabify: false,
      style: [
        { selector: "node", style: {
          "width": "data(size)", "height": "data(size)", "background-color": "data(colour)",
          "border-width": 2, "border-color": "#fff", "label": "data(name)",
          "font-size": 12, "color": "#1f2933", "text-valign": "bottom", "text-margin-y": 3,
          "text-outline-width": 3, "text-outline-color": "#fff", "text-wrap": "ellipsis",
          "text-max-width": 140 } },
        { selector: "node.nolabel", style: { "text-opacity": 0 } },
        { selector: "node.hover", style: { "text-opacity": 1, "z-index": 20,
                                           "border-color": "#18324a", "border-width": 3 } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "data(colour)", "opacity": 0.75,
          "curve-style": "bezier" } },
        { selector: "edge.hover", style: { "opacity": 1, "z-index": 10 } }
      ]
    });
    cy.layout({ name: "cose", randomize: false, animate: false, fit: false, padding: 30,
                nodeRepulsion: function () { return 9000; },
                idealEdgeLength: function () { return 90; }, nodeOverlap: 20,
                numIter: 1500, componentSpacing: 60, gravity: 0.6 }).run();
    separate(cy);
    cy.fit(undefined, 24);
    // on a small screen the fitted graph is zoomed out: grow the labels so they are still
    // about 11 px on screen (fewer of them fit, the placement below hides the rest)
    var font = Math.max(12, 11 / cy.zoom());
    cy.style().selector("node").style("font-size", font).update();
    placeLabels(cy);
    cy.fit(undefined, 24);  // shown labels are inside the frame, not cut at the edges
    cy.on("mouseover", "node, edge", function (ev) { ev.target.addClass("hover"); container.style.cursor = "pointer"; });
    cy.on("mouseout", "node, edge", function (ev) { ev.target.removeClass("hover"); container.style.cursor = ""; });
    cy.on("tap", "node", function (ev) { location.href = opts.nodeHref(ev.target.data()); });
    cy.on("tap", "edge", function (ev) { location.href = opts.edgeHref(ev.target.data()); });
    window.mvNetwork = cy;
    return cy;
  }

  window.MVGraph = { draw: draw };
})();
