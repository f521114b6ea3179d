// multivector explorer: network, actor, dyad, search and list pages, routed by URL path.
// Every piece of data is put into the page with textContent or setAttribute (never innerHTML),
// so text from documents can never become markup.
(function () {
  "use strict";

  var app = document.getElementById("app");
  var params = new URLSearchParams(location.search);

  // ------------------------------------------------------------------ helpers
  function h(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "on") Object.keys(v).forEach(function (ev) { e.addEventListener(ev, v[ev]); });
      else e.setAttribute(k, v === true ? "" : String(v));
    });
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent) {  // add(parent, child, child, ...): nodes, strings, arrays, or nothing
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); continue; }
      parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
  }
  // `text` with the first case-insensitive occurrence of `q` marked (as text nodes).
  function marked(text, q) {
    var i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
    if (i < 0) return text;
    return [text.slice(0, i), h("mark", { class: "ev" }, text.slice(i, i + q.length)),
            text.slice(i + q.length)];
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function enc(s) { return encodeURIComponent(s); }
  function qs(obj) {
    var p = new URLSearchParams();
    Object.keys(obj).forEach(function (k) {
      if (obj[k] !== null && obj[k] !== undefined && obj[k] !== "") p.set(k, obj[k]);
    });
    var s = p.toString();
    return s ? "?" + s : "";
  }
  function api(path, query) {
    return fetch("/api/" + path + qs(query || {}), { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error((body && body.detail ? JSON.stringify(body.detail) : r.status));
          return body;
        });
      });
  }
  function fail(err) {
    add(app, h("p", { class: "notice error" }, "Could not load: " + err.message));
  }
  function actorHref(id) { return "/actors/" + enc(id); }
  function dyadHref(a, b, rollup) { return "/dyad" + qs({ a: a, b: b, rollup: rollup ? 1 : "" }); }
  // A link to a document that marks the given [start, end] ranges and scrolls to them.
  function docHref(docId, ranges) {
    var hl = (ranges || []).filter(function (r) { return r && r[0] !== null && r[0] !== undefined && r[1]; })
      .map(function (r) { return r[0] + "-" + r[1]; }).join(",");
    return "/documents/" + enc(docId) + (hl ? qs({ hl: hl }) + "#evidence" : "");
  }
  function evRanges(evidence) {
    return (evidence || []).map(function (e) { return [e.start, e.end]; });
  }
  function actorLink(ref) {
    if (!ref) return h("span", { class: "muted" }, "unknown");
    var id = ref.id || ref.actor_id;
    var name = ref.name || id || "unknown";
    return id ? h("a", { href: actorHref(id), class: "actor-link" }, name) : h("span", {}, name);
  }
  function tag(text, cls) { return h("span", { class: "tag " + (cls || "") }, text); }
  function section(title, count, body) {
    return h("section", { class: "card" },
      h("h2", {}, title, count !== null && count !== undefined ? h("span", { class: "count" }, " " + count) : null),
      body);
  }
  function empty(text) { return h("p", { class: "muted" }, text); }
  function setTitle(t) { document.title = t + " · multivector"; }
  // The evidence sentence with the evidence span emphasised (all as text nodes).
  // The evidence sentence with the evidence ranges (absolute offsets) marked, as text nodes.
  function evidenceText(sentence, sStart, ranges) {
    if (!sentence) return null;
    var out = h("span", { class: "evidence-text" });
    if (sStart === null || sStart === undefined) { add(out, sentence); return out; }
    var rel = (ranges || []).map(function (r) { return [r[0] - sStart, r[1] - sStart]; })
      .filter(function (r) { return r[0] >= 0 && r[1] <= sentence.length && r[0] < r[1]; })
      .sort(function (x, y) { return x[0] - y[0]; });
    var pos = 0;
    rel.forEach(function (r) {
      if (r[0] < pos) return;  // overlapping ranges: keep the first
      add(out, sentence.slice(pos, r[0]), h("mark", { class: "ev" }, sentence.slice(r[0], r[1])));
      pos = r[1];
    });
    add(out, sentence.slice(pos));
    return out;
  }
  function pager(page, onPage) {
    var from = page.total ? page.offset + 1 : 0, to = page.offset + page.items.length;
    return h("div", { class: "pager" },
      h("button", { type: "button", disabled: page.offset === 0,
        on: { click: function () { onPage(Math.max(0, page.offset - page.limit)); } } }, "‹ previous"),
      h("span", { class: "muted" }, " " + from + "–" + to + " of " + page.total + " "),
      h("button", { type: "button", disabled: to >= page.total,
        on: { click: function () { onPage(page.offset + page.limit); } } }, "next ›"));
  }

  // ------------------------------------------------------------------ network
  function networkPage() {
    setTitle("Network");
    var state = {
      from: params.get("from") || "", to: params.get("to") || "",
      types: params.get("types") || "", min_volume: params.get("min_volume") || "1"
    };
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("id", "network");
    svg.setAttribute("class", "network");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "actor network");
    var fromSel = h("select", { name: "from", id: "period-from" });
    var toSel = h("select", { name: "to", id: "period-to" });
    var typeSel = h("select", { name: "types", id: "types" },
      h("option", { value: "" }, "all actors"),
      h("option", { value: "states" }, "countries and organisations"));
    typeSel.value = state.types;
    var minVol = h("input", { type: "number", min: 1, value: state.min_volume, name: "min_volume",
                              id: "min-volume", class: "narrow" });
    var status = h("span", { class: "muted", id: "network-status" });
    var side = h("div", { class: "side-list", id: "top-relations" });
    var form = h("form", { class: "controls", id: "network-controls",
      on: { submit: function (ev) { ev.preventDefault(); apply(); } } },
      h("label", {}, "From ", fromSel), h("label", {}, "to ", toSel),
      h("label", {}, "Show ", typeSel), h("label", {}, "min. volume ", minVol),
      h("button", { type: "submit" }, "Apply"), status);
    var legend = h("p", { class: "legend" },
      h("span", { class: "swatch tone-cooperative" }), "cooperative ",
      h("span", { class: "swatch tone-hostile" }), "hostile ",
      h("span", { class: "swatch tone-mixed" }), "mixed ",
      h("span", { class: "swatch tone-neutral" }), "neutral · width = volume of events and stances · ",
      h("span", { class: "dot type-state" }), "state ",
      h("span", { class: "dot type-igo" }), "organisation ",
      h("span", { class: "dot type-person" }), "person ",
      h("span", { class: "dot type-unknown" }), "other");
    clear(app);
    add(app, h("div", { class: "network-layout" },
      h("div", { class: "network-main" }, h("h1", {}, "Actor network"), form, legend,
        h("div", { class: "svg-wrap" }, svg)),
      h("aside", { class: "network-side" }, h("h2", {}, "Strongest relations"), side)));

    function apply() {
      state.from = fromSel.value; state.to = toSel.value; state.types = typeSel.value;
      state.min_volume = minVol.value || "1";
      history.replaceState(null, "", "/" + qs(state));
      load();
    }
    function fillPeriods(periods) {
      if (fromSel.options.length) return;
      add(fromSel, h("option", { value: "" }, "first"));
      add(toSel, h("option", { value: "" }, "last"));
      periods.forEach(function (p) {
        add(fromSel, h("option", { value: p }, p));
        add(toSel, h("option", { value: p }, p));
      });
      fromSel.value = state.from; toSel.value = state.to;
    }
    function load() {
      status.textContent = " loading…";
      var rollup = state.types === "states";
      api("relations", { from: state.from, to: state.to, types: state.types,
                         min_volume: state.min_volume, rollup: rollup ? 1 : "" }).then(function (g) {
        fillPeriods(g.periods);
        var width = Math.max(svg.clientWidth || 900, 600), height = 620;
        svg.setAttribute("viewBox", "0 0 " + width + " " + height);
        MVGraph.layout(g.nodes, g.edges, width, height, 300);
        MVGraph.draw(svg, g.nodes, g.edges, {
          nodeHref: function (d) { return actorHref(d.id); },
          edgeHref: function (e) { return dyadHref(e.source, e.target, rollup); }
        });
        status.textContent = " " + g.nodes.length + " actors, " + g.edges.length + " relations" +
          (g.truncated ? " (strongest shown)" : "");
        var names = {};
        g.nodes.forEach(function (d) { names[d.id] = d.name; });
        clear(side);
        if (!g.edges.length) add(side, empty("No events or stances link two actors in this period."));
        add(side, h("ol", { class: "relations" }, g.edges.slice(0, 25).map(function (e) {
          return h("li", {}, h("a", { href: dyadHref(e.source, e.target, rollup) },
            names[e.source] + " – " + names[e.target]), " ", tag(e.tone, "tone-" + e.tone),
            h("span", { class: "muted" }, " " + e.volume));
        })));
        svg.setAttribute("data-ready", "1");
      }).catch(function (err) { status.textContent = " " + err.message; });
    }
    load();
  }

  // ------------------------------------------------------------------ actor page
  function barChart(rows) {
    var SVGNS = "http://www.w3.org/2000/svg";
    var w = Math.max(320, rows.length * 28), hgt = 140, max = 1;
    rows.forEach(function (r) { max = Math.max(max, r.n); });
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + hgt);
    svg.setAttribute("class", "bars");
    var bw = (w - 10) / Math.max(rows.length, 1);
    rows.forEach(function (r, i) {
      var bh = ((hgt - 34) * r.n) / max;
      var rect = document.createElementNS(SVGNS, "rect");
      rect.setAttribute("x", 5 + i * bw + 2); rect.setAttribute("width", Math.max(bw - 4, 2));
      rect.setAttribute("y", hgt - 20 - bh); rect.setAttribute("height", bh);
      var t = document.createElementNS(SVGNS, "title");
      t.textContent = r.period + ": " + r.n + " mentions";
      rect.appendChild(t);
      svg.appendChild(rect);
      var lab = document.createElementNS(SVGNS, "text");
      lab.setAttribute("x", 5 + i * bw + bw / 2); lab.setAttribute("y", hgt - 6);
      lab.setAttribute("text-anchor", "middle");
      lab.textContent = rows.length > 14 && i % 3 ? "" : r.period;
      svg.appendChild(lab);
      var num = document.createElementNS(SVGNS, "text");
      num.setAttribute("x", 5 + i * bw + bw / 2); num.setAttribute("y", hgt - 24 - bh);
      num.setAttribute("text-anchor", "middle");
      num.textContent = r.n;
      svg.appendChild(num);
    });
    return svg;
  }

  function quoteItem(q, showSpeaker) {
    return h("li", { class: "quote-item", "data-doc-id": q.doc_id },
      h("blockquote", {}, q.text),
      h("div", { class: "meta" },
        showSpeaker ? [actorLink(q.speaker_id ? { id: q.speaker_id, name: q.speaker_name }
                                              : (q.speaker || null)), " · "] : null,
        tag(q.kind), " ",
        h("a", { href: docHref(q.doc_id, [[q.start, q.end]]), class: "evidence-link" },
          q.doc_title || q.doc_id), " ", h("span", { class: "muted" }, q.doc_date || "")));
  }
  function stanceItem(s, who) {
    var ev = (s.evidence || [])[0] || {};
    return h("li", { class: "stance-item", "data-doc-id": s.doc_id },
      h("div", {}, actorLink(who === "holder" ? s.holder : s.target), " ",
        tag(s.label, "tone-" + s.label), s.aspect ? [" ", tag(s.aspect)] : null,
        h("span", { class: "muted" }, " polarity " + (s.polarity > 0 ? "+" : "") + s.polarity)),
      h("p", { class: "evidence" }, evidenceText(s.sentence_text || ev.text, s.sentence_text ?
        s.sentence_start : ev.start, evRanges(s.evidence))),
      h("div", { class: "meta" }, h("a", { href: docHref(s.doc_id, evRanges(s.evidence)),
        class: "evidence-link" }, s.doc_title || s.doc_id), " ",
        h("span", { class: "muted" }, s.doc_date || "")));
  }

  function actorPage(id) {
    api("actors/" + id.split("/").map(enc).join("/")).then(function (d) {
      var a = d.actor, name = a.name || a.id;
      setTitle(name);
      clear(app);
      var roles = (a.roles || []).map(function (r) {
        return h("li", {}, [r.role, r.org, r.country].filter(Boolean).join(", "),
          (r.start || r.end) ? h("span", { class: "muted" }, " (" + (r.start || "…") + " – " + (r.end || "…") + ")") : null);
      });
      add(app, h("header", { class: "actor-head" },
        h("h1", { id: "actor-name" }, name), " ", tag(a.type || "actor", "type-" + (a.type || "unknown")),
        a.country ? [" ", tag(a.country)] : null,
        h("p", { class: "muted" }, "id " + a.id + " · " + d.n_mentions + " mentions in " +
          d.n_documents + " documents" + (d.names.length ? " · named " +
          d.names.map(function (n) { return "“" + n.text + "” ×" + n.n; }).join(", ") : ""))));
      var grid = h("div", { class: "grid" });
      add(app, grid);
      add(grid, section("Roles", roles.length, roles.length ? h("ul", {}, roles) : empty("No roles recorded.")));
      add(grid, section("Mentions over time", null,
        d.mentions_by_period.length ? barChart(d.mentions_by_period) : empty("Never mentioned.")));
      // A card listing the first records of a paginated list; "show all" loads the rest.
      function recordsCard(title, page, id, render, path, query, none) {
        var list = h("ul", { class: "plain", id: id }, page.items.map(render));
        var more = page.total > page.items.length ? h("button", { type: "button", class: "more",
          on: { click: function () {
            more.disabled = true;
            api(path, Object.assign({ limit: 500 }, query)).then(function (all) {
              clear(list); add(list, all.items.map(render)); more.remove();
            }).catch(fail);
          } } }, "show all " + page.total) : null;
        return section(title, page.total, page.items.length ? [list, more] : empty(none));
      }
      add(grid, recordsCard("What " + name + " said", d.said, "said",
        function (q) { return quoteItem(q, false); }, "quotes", { speaker: a.id },
        "No quotes with " + name + " as the speaker."));
      add(grid, recordsCard("What others say about " + name, d.said_about, "said-about",
        function (s) { return stanceItem(s, "holder"); }, "stances", { target: a.id },
        "No stances towards " + name + "."));
      add(grid, recordsCard("Quotes that mention " + name, d.quotes_mentioning, "quotes-about",
        function (q) { return quoteItem(q, true); }, "quotes", { about: a.id },
        "No quotes mention " + name + "."));
      add(grid, recordsCard(name + "'s stances towards others", d.stances_held, "stances-held",
        function (s) { return stanceItem(s, "target"); }, "stances", { holder: a.id },
        "None recorded."));
      add(grid, section("Relations", d.partners.length,
        d.partners.length ? h("ul", { class: "plain" }, d.partners.map(function (e) {
          var other = e.source === a.id ? e.target : e.source;
          var otherName = e.source === a.id ? e.target_name : e.source_name;
          return h("li", {}, h("a", { href: dyadHref(a.id, other) }, name + " – " + otherName),
            " ", tag(e.tone, "tone-" + e.tone), h("span", { class: "muted" },
              " " + e.events + " events, " + e.stances + " stances"));
        })) : empty("No events or stances with other actors.")));
      add(grid, section("Documents", d.n_documents,
        d.documents.length ? h("ul", { class: "plain", id: "actor-documents" }, d.documents.map(function (doc) {
          return h("li", {}, h("a", { href: "/documents/" + enc(doc.id) }, doc.title || doc.id),
            h("span", { class: "muted" }, " " + (doc.date || "undated") + " · " + doc.n_mentions + " mentions"));
        })) : empty("No documents.")));
    }).catch(function (err) { clear(app); fail(err); });
  }

  // ------------------------------------------------------------------ dyad panel
  function dyadPage() {
    var a = params.get("a"), b = params.get("b"), rollup = params.get("rollup") ? 1 : "";
    clear(app);
    if (!a || !b) { add(app, empty("Choose a relation in the network (a and b).")); return; }
    Promise.all([
      api("events", { a: a, b: b, order: "asc", limit: 500, rollup: rollup }),
      api("stances", { a: a, b: b, order: "asc", limit: 500, rollup: rollup })
    ]).then(function (res) {
      var ev = res[0], st = res[1], names = {};
      ev.items.forEach(function (e) {
        (e.source || []).concat(e.target || []).forEach(function (r) { if (r && r.name) names[r.id] = r.name; });
      });
      st.items.forEach(function (s) {
        [s.holder, s.target].forEach(function (r) { if (r && r.name) names[r.id] = r.name; });
      });
      var na = names[a] || a, nb = names[b] || b;
      setTitle(na + " – " + nb);
      var items = [];
      ev.items.forEach(function (e) {
        var tone = e.quad_class === 1 || e.quad_class === 2 ? "cooperative" :
          e.quad_class === 3 || e.quad_class === 4 ? "hostile" :
          (e.goldstein > 0 ? "cooperative" : e.goldstein < 0 ? "hostile" : "neutral");
        items.push({ date: e.when_date || "", kind: "event", tone: tone, rec: e });
      });
      st.items.forEach(function (s) {
        items.push({ date: s.doc_date || "", kind: "stance", tone: s.label, rec: s });
      });
      items.sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : 0; });
      var coop = items.filter(function (i) { return i.tone === "cooperative"; }).length;
      var host = items.filter(function (i) { return i.tone === "hostile"; }).length;
      add(app, h("header", { class: "actor-head" },
        h("h1", {}, h("a", { href: actorHref(a) }, na), " – ", h("a", { href: actorHref(b) }, nb)),
        h("p", { class: "muted" }, ev.total + " events, " + st.total + " stances · " + coop +
          " cooperative, " + host + " hostile")));
      var list = h("ol", { class: "timeline", id: "dyad-timeline" });
      items.forEach(function (it) {
        var r = it.rec, head, sentence, sStart, ranges;
        if (it.kind === "event") {
          head = [tag(r.plover || "EVENT", "tone-" + it.tone),
            " ", (r.source || []).map(function (x, i) { return [i ? ", " : "", actorLink(x)]; }),
            " → ", (r.target || []).map(function (x, i) { return [i ? ", " : "", actorLink(x)]; }),
            h("span", { class: "muted" }, " " + (r.trigger || "") +
              (r.modality && r.modality !== "asserted" ? " · " + r.modality : "") +
              (r.cameo ? " · CAMEO " + r.cameo : ""))];
          sentence = r.sentence_text || r.text; sStart = r.sentence_text ? r.sentence_start : null;
          ranges = [[r.start, r.end]];
        } else {
          var e0 = (r.evidence || [])[0] || {};
          head = [tag(r.label, "tone-" + r.label), " ", actorLink(r.holder), " on ",
            actorLink(r.target), r.aspect ? h("span", { class: "muted" }, " · " + r.aspect) : null];
          sentence = r.sentence_text || e0.text;
          sStart = r.sentence_text ? r.sentence_start : e0.start;
          ranges = evRanges(r.evidence);
        }
        add(list, h("li", { class: "timeline-item kind-" + it.kind },
          h("div", { class: "when" }, it.date || "undated"),
          h("div", { class: "what" }, h("div", {}, head),
            h("p", { class: "evidence" }, evidenceText(sentence, sStart, ranges)),
            h("a", { href: docHref(r.doc_id, ranges), class: "evidence-link" },
              "→ " + (r.doc_title || r.doc_id)))));
      });
      add(app, section("Timeline", items.length, items.length ? list : empty("Nothing links these two actors.")));
    }).catch(fail);
  }

  // ------------------------------------------------------------------ search
  function searchPage() {
    var q = params.get("q") || "";
    setTitle(q ? "Search: " + q : "Search");
    clear(app);
    var input = h("input", { type: "search", name: "q", value: q, id: "search-q", class: "wide",
                             placeholder: "Russia, CSTO, pipeline, Tokayev…" });
    add(app, h("h1", {}, "Search"), h("form", { class: "controls", action: "/search", method: "get" },
      input, h("button", { type: "submit" }, "Search")));
    if (q.length < 2) { add(app, empty("Type at least two characters.")); return; }
    api("search", { q: q, limit: 20 }).then(function (r) {
      var grid = h("div", { class: "grid", id: "search-results" });
      add(app, grid);
      add(grid, section("Actors", r.actors.total, r.actors.items.length ? h("ul", { class: "plain" },
        r.actors.items.map(function (a) {
          return h("li", {}, actorLink(a), " ", tag(a.type || "actor"),
            h("span", { class: "muted" }, " " + a.n_mentions + " mentions"));
        })) : empty("No actor matches.")));
      add(grid, section("Documents", r.documents.total, r.documents.items.length ? h("ul", { class: "plain" },
        r.documents.items.map(function (d) {
          return h("li", {}, h("a", { href: "/documents/" + enc(d.id) }, d.title || d.id),
            h("span", { class: "muted" }, " " + (d.date || "")), h("p", { class: "snippet" }, "…", marked(d.snippet || "", q), "…"));
        })) : empty("No document matches.")));
      add(grid, section("Quotes", r.quotes.total, r.quotes.items.length ? h("ul", { class: "plain" },
        r.quotes.items.map(function (x) { return quoteItem(x, true); })) : empty("No quote matches.")));
    }).catch(fail);
  }

  // ------------------------------------------------------------------ lists
  function documentsPage() {
    setTitle("Documents");
    clear(app);
    var f = { q: params.get("q") || "", actor: params.get("actor") || "", from: params.get("from") || "",
              to: params.get("to") || "", language: params.get("language") || "" };
    var inputs = {};
    function field(name, label, size) {
      inputs[name] = h("input", { name: name, value: f[name], size: size || 12, placeholder: label });
      return h("label", {}, inputs[name]);
    }
    var out = h("div", { id: "documents" });
    add(app, h("h1", {}, "Documents"),
      h("form", { class: "controls", on: { submit: function (ev) {
        ev.preventDefault();
        Object.keys(inputs).forEach(function (k) { f[k] = inputs[k].value; });
        history.replaceState(null, "", "/documents" + qs(f));
        load(0);
      } } }, field("q", "text", 20), field("actor", "actor id"), field("from", "from YYYY-MM"),
        field("to", "to YYYY-MM"), field("language", "lang", 4), h("button", { type: "submit" }, "Filter")),
      out);
    function load(offset) {
      var query = Object.assign({}, f, { limit: 25, offset: offset });
      api("documents", query).then(function (page) {
        clear(out);
        add(out, h("table", { class: "list" }, h("thead", {}, h("tr", {}, h("th", {}, "date"),
          h("th", {}, "title"), h("th", {}, "outlet"), h("th", {}, "genre"), h("th", {}, "lang"), h("th", {}, "words"))),
          h("tbody", {}, page.items.map(function (d) {
            return h("tr", {}, h("td", {}, d.date || ""), h("td", {}, h("a", { href: "/documents/" + enc(d.id) }, d.title || d.source)),
              h("td", {}, d.outlet || ""), h("td", {}, d.genre || ""), h("td", {}, (d.languages || []).join(", ")),
              h("td", { class: "num" }, d.n_words));
          }))), pager(page, load));
      }).catch(fail);
    }
    load(0);
    api("info").then(function (info) { if (info.allow_write) add(app, analyzeForm(info)); });
  }

  function analyzeForm(info) {
    var text = h("textarea", { name: "text", rows: 8, placeholder: "Paste an article…", id: "analyze-text" });
    var title = h("input", { name: "title", placeholder: "title (optional)", size: 40 });
    var date = h("input", { name: "date", placeholder: "date YYYY-MM-DD", size: 14 });
    var token = info.token_required ? h("input", { name: "token", type: "password", placeholder: "token" }) : null;
    var result = h("p", { id: "analyze-result" });
    return section("Analyse a text", null, h("form", { class: "analyze", on: { submit: function (ev) {
      ev.preventDefault();
      result.textContent = "Analysing…";
      var headers = { "Content-Type": "application/json" };
      if (token && token.value) headers.Authorization = "Bearer " + token.value;
      fetch("/api/analyze", { method: "POST", headers: headers, body: JSON.stringify({
        text: text.value, title: title.value || null, date: date.value || null }) })
        .then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
        .then(function (rb) {
          clear(result);
          if (!rb[0].ok) { result.textContent = "Refused: " + JSON.stringify(rb[1].detail); return; }
          var c = rb[1].counts;
          add(result, "Stored: ", h("a", { href: rb[1].url }, rb[1].title || rb[1].id),
            " · " + c.mentions + " mentions, " + c.quotes + " quotes, " + c.events + " events, " + c.stances + " stances");
        }).catch(function (err) { result.textContent = err.message; });
    } } }, text, h("div", {}, title, " ", date, " ", token, " ", h("button", { type: "submit" }, "Analyse")), result));
  }

  function actorsPage() {
    setTitle("Actors");
    clear(app);
    var f = { q: params.get("q") || "", type: params.get("type") || "" };
    var q = h("input", { name: "q", value: f.q, placeholder: "name" });
    var type = h("select", { name: "type" }, ["", "state", "igo", "government", "military", "person",
      "think-tank", "media", "company", "ngo", "group", "region"].map(function (t) {
      return h("option", { value: t }, t || "any type");
    }));
    type.value = f.type;
    var out = h("div", { id: "actors" });
    add(app, h("h1", {}, "Actors"), h("form", { class: "controls", on: { submit: function (ev) {
      ev.preventDefault(); f.q = q.value; f.type = type.value;
      history.replaceState(null, "", "/actors" + qs(f)); load(0);
    } } }, q, " ", type, " ", h("button", { type: "submit" }, "Filter")), out);
    function load(offset) {
      api("actors", Object.assign({}, f, { limit: 50, offset: offset })).then(function (page) {
        clear(out);
        add(out, h("table", { class: "list" }, h("thead", {}, h("tr", {}, h("th", {}, "actor"),
          h("th", {}, "type"), h("th", {}, "country"), h("th", {}, "mentions"), h("th", {}, "documents"))),
          h("tbody", {}, page.items.map(function (a) {
            return h("tr", {}, h("td", {}, actorLink(a)), h("td", {}, a.type || ""),
              h("td", {}, a.country || ""), h("td", { class: "num" }, a.n_mentions),
              h("td", { class: "num" }, a.n_documents));
          }))), pager(page, load));
      }).catch(fail);
    }
    load(0);
  }

  // Fallback for /docs when Swagger UI's package is missing: the endpoints from /openapi.json.
  function apiDocsPage() {
    setTitle("API");
    clear(app);
    fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
      add(app, h("h1", {}, spec.info.title + " API"), h("p", {}, h("a", { href: "/openapi.json" }, "openapi.json")));
      var list = h("dl", { class: "endpoints" });
      Object.keys(spec.paths).forEach(function (p) {
        Object.keys(spec.paths[p]).forEach(function (m) {
          var op = spec.paths[p][m];
          add(list, h("dt", {}, h("code", {}, m.toUpperCase() + " " + p)),
            h("dd", {}, op.description || op.summary || "",
              (op.parameters || []).length ? h("div", { class: "muted" }, "parameters: " +
                op.parameters.map(function (x) { return x.name; }).join(", ")) : null));
        });
      });
      add(app, list);
    }).catch(fail);
  }

  // ------------------------------------------------------------------ router
  var path = location.pathname.replace(/\/+$/, "") || "/";
  if (path === "/") networkPage();
  else if (path === "/actors") actorsPage();
  else if (path.indexOf("/actors/") === 0) actorPage(decodeURIComponent(path.slice(8)));
  else if (path === "/documents") documentsPage();
  else if (path === "/dyad") dyadPage();
  else if (path === "/search") searchPage();
  else if (path === "/docs") apiDocsPage();
  else { clear(app); add(app, empty("Nothing here.")); }
})();
