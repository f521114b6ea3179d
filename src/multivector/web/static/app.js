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
  // Every page of a list endpoint (500 at a time), as one page object.
  function apiAll(path, query) {
    return api(path, Object.assign({}, query, { limit: 500, offset: 0 })).then(function (first) {
      var pages = [];
      for (var o = 500; o < Math.min(first.total, 20000); o += 500) {
        pages.push(api(path, Object.assign({}, query, { limit: 500, offset: o })));
      }
      return Promise.all(pages).then(function (rest) {
        rest.forEach(function (p) { first.items = first.items.concat(p.items); });
        return first;
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
    var link = id ? h("a", { href: actorHref(id), class: "actor-link" }, name) : h("span", {}, name);
    if (ref.method !== "implied") return link;
    // an event participant no word of the text names: say so (docs/events.md)
    return [link, h("span", { class: "muted implied",
      title: "not named in the text: inferred from the sentence" }, " (implied)")];
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
    // default: countries and organisations (rolled up), the strongest ties
    var state = {
      from: params.get("from") || "", to: params.get("to") || "",
      types: params.get("types") !== null ? params.get("types") : "states",
      min_volume: params.get("min_volume") || "1", top: params.get("top") || "40"
    };
    var box = h("div", { id: "network", class: "network", role: "img",
                         "aria-label": "actor network" });
    var fromSel = h("select", { name: "from", id: "period-from" });
    var toSel = h("select", { name: "to", id: "period-to" });
    var typeSel = h("select", { name: "types", id: "types" },
      h("option", { value: "states" }, "countries and organisations"),
      h("option", { value: "" }, "all actors"));
    typeSel.value = state.types;
    var minVol = h("input", { type: "number", min: 1, value: state.min_volume, name: "min_volume",
                              id: "min-volume", class: "narrow" });
    var top = h("input", { type: "range", min: 5, max: 300, step: 5, value: state.top,
                           name: "top", id: "top-n" });
    var topOut = h("output", { for: "top-n", id: "top-n-value" }, state.top);
    top.addEventListener("input", function () { topOut.textContent = top.value; });
    top.addEventListener("change", function () { apply(); });
    var status = h("span", { class: "muted", id: "network-status" });
    var side = h("div", { class: "side-list", id: "top-relations" });
    var form = h("form", { class: "controls", id: "network-controls",
      on: { submit: function (ev) { ev.preventDefault(); apply(); } } },
      h("label", {}, "From ", fromSel), h("label", {}, "to ", toSel),
      h("label", {}, "Show ", typeSel), h("label", {}, "strongest ", top, " ", topOut),
      h("label", {}, "min. volume ", minVol),
      h("button", { type: "submit" }, "Apply"), status);
    var legend = h("p", { class: "legend" },
      h("span", { class: "swatch tone-cooperative" }), "cooperative ",
      h("span", { class: "swatch tone-hostile" }), "hostile ",
      h("span", { class: "swatch tone-mixed" }), "mixed ",
      h("span", { class: "swatch tone-neutral" }), "neutral · width = volume · ",
      h("span", { class: "dot type-state" }), "state ",
      h("span", { class: "dot type-igo" }), "organisation ",
      h("span", { class: "dot type-person" }), "person ",
      h("span", { class: "dot type-unknown" }), "other · hover a node for a hidden label");
    clear(app);
    add(app, h("div", { class: "network-layout" },
      h("div", { class: "network-main" }, h("h1", {}, "Actor network"), form, legend,
        h("div", { class: "graph-wrap" }, box)),
      h("aside", { class: "network-side" }, h("h2", {}, "Strongest relations"), side)));

    function apply() {
      state.from = fromSel.value; state.to = toSel.value; state.types = typeSel.value;
      state.min_volume = minVol.value || "1"; state.top = top.value;
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
      box.removeAttribute("data-ready");
      var rollup = state.types === "states";
      api("relations", { from: state.from, to: state.to, types: state.types,
                         min_volume: state.min_volume, rollup: rollup ? 1 : "",
                         limit: state.top, isolated: 0 }).then(function (g) {
        fillPeriods(g.periods);
        MVGraph.draw(box, g.nodes, g.edges, {
          nodeHref: function (d) { return actorHref(d.id); },
          edgeHref: function (e) { return dyadHref(e.source, e.target, rollup); }
        });
        status.textContent = " " + g.nodes.length + " actors, " + g.edges.length + " relations" +
          (g.truncated ? " (the strongest " + g.edges.length + ": move the slider for more)" : "");
        var names = {};
        g.nodes.forEach(function (d) { names[d.id] = d.name; });
        clear(side);
        if (!g.edges.length) add(side, empty("No events or stances link two actors in this period."));
        var rows = g.edges.map(function (e) {
          return h("li", {}, h("a", { href: dyadHref(e.source, e.target, rollup) },
            names[e.source] + " – " + names[e.target]), " ", tag(e.tone, "tone-" + e.tone),
            h("span", { class: "muted" }, " " + e.volume));
        });
        add(side, pagedList(h("ol", { class: "relations" }), rows, 25));
        box.setAttribute("data-ready", "1");
      }).catch(function (err) { status.textContent = " " + err.message; });
    }
    load();
  }

  // A list showing `step` items, with "show more" / "show all" for the rest (in page flow).
  function pagedList(list, items, step) {
    var shown = 0, wrap = h("div", { class: "paged" }, list), more = null;
    function next(n) {
      add(list, items.slice(shown, shown + n));
      shown = Math.min(items.length, shown + n);
      if (more) more.remove();
      more = null;
      if (shown < items.length) {
        more = h("div", { class: "more-row" },
          h("button", { type: "button", class: "more", on: { click: function () { next(step); } } },
            "show " + Math.min(step, items.length - shown) + " more"),
          " ", h("button", { type: "button", class: "more", on: { click: function () {
            next(items.length); } } }, "show all " + items.length));
        add(wrap, more);
      }
    }
    next(step);
    return wrap;
  }

  // "show more" for a list whose first `shown` items came with the page: loads the next pages
  // of `path` (offset paging, 100 at a time), appending what `render` returns. `fromStart`:
  // page from offset 0 (the first items came in another order; `render` skips repeats).
  function moreButton(list, shown, total, render, path, query, fromStart) {
    if (total <= shown) return null;
    var offset = fromStart ? 0 : shown, count = shown;
    var label = function () { return "show more (" + count + " of " + total + ")"; };
    var button = h("button", { type: "button", class: "more", "data-total": total, on: { click: function () {
      button.disabled = true;
      api(path, Object.assign({ limit: 100, offset: offset }, query)).then(function (page) {
        page.items.forEach(function (x) {
          var li = render(x);
          if (li) { add(list, li); count += 1; }
        });
        offset += page.items.length;
        if (offset >= page.total || !page.items.length) button.remove();
        else { button.disabled = false; button.textContent = label(); }
      }).catch(fail);
    } } }, label());
    return button;
  }

  // ------------------------------------------------------------------ charts (uPlot)
  // Counts per month on a continuous time axis (months without records are 0, not skipped);
  // records without a month (undated, or dated to the year only) are counted apart in the caption.
  function monthlyChart(id, series, caption) {
    // series: [{label, colour, rows: [{period, n}]}]
    var months = {}, apart = 0;
    series.forEach(function (s) {
      s.rows.forEach(function (r) {
        if (/^\d{4}-\d{2}$/.test(r.period)) months[r.period] = true; else apart += r.n;
      });
    });
    var keys = Object.keys(months).sort();
    var wrap = h("div", { class: "chart", id: id });
    var note = h("p", { class: "muted chart-note" }, caption(apart));
    if (!keys.length) { add(wrap, note); return wrap; }
    var xs = [], first = keys[0].split("-"), last = keys[keys.length - 1].split("-");
    var y = +first[0], m = +first[1];
    while (y < +last[0] || (y === +last[0] && m <= +last[1])) {
      xs.push(Date.UTC(y, m - 1, 1) / 1000);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    var data = [xs];
    series.forEach(function (s) {
      var by = {};
      s.rows.forEach(function (r) { by[r.period] = (by[r.period] || 0) + r.n; });
      data.push(xs.map(function (t) {
        var d = new Date(t * 1000);
        var k = d.getUTCFullYear() + "-" + String(d.getUTCMonth() + 1).padStart(2, "0");
        return by[k] || 0;
      }));
    });
    var plotBox = h("div", { class: "chart-plot" });
    add(wrap, plotBox, note);
    requestAnimationFrame(function () {
      var width = Math.max(260, plotBox.clientWidth || wrap.clientWidth || 320);
      var opts = {
        width: width, height: 170, tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); },
        legend: { show: series.length > 1 }, cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: function (u, lo, hi) { return [lo - 16 * 86400, hi + 16 * 86400]; } }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
        axes: [{ stroke: "#6b7785", grid: { stroke: "#eef1f4" }, space: 60 },
               { stroke: "#6b7785", grid: { stroke: "#eef1f4" }, size: 40,
                 values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? v : ""; }); } }],
        series: [{}].concat(series.map(function (s) {
          return { label: s.label, stroke: s.colour, fill: s.colour + "55", width: 1,
                   points: { show: false },
                   paths: uPlot.paths.bars({ size: [0.8, 24], align: 0 }) };
        }))
      };
      plotBox.mvChart = new uPlot(opts, data, plotBox);
      wrap.setAttribute("data-ready", "1");
    });
    return wrap;
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
        d.mentions_by_period.length ? monthlyChart("mentions-chart",
          [{ label: "mentions", colour: "#1d5c8c", rows: d.mentions_by_period }],
          function (apart) { return "per month" + (apart ? " · " + apart +
            " mentions in undated documents (or dated to the year only), not drawn" : ""); })
          : empty("Never mentioned.")));
      // A card listing the first records of a paginated list; "show all" loads the rest.
      function recordsCard(title, page, id, render, path, query, none) {
        var list = h("ul", { class: "plain", id: id }, page.items.map(render));
        return section(title, page.total, page.items.length ?
          [list, moreButton(list, page.items.length, page.total, render, path, query)] : empty(none));
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
      function docItem(doc) {
        return h("li", {}, h("a", { href: "/documents/" + enc(doc.id) }, doc.title || doc.id),
          h("span", { class: "muted" }, " " + (doc.date || "undated") +
            (doc.n_mentions ? " · " + doc.n_mentions + " mentions" : "")));
      }
      var docList = h("ul", { class: "plain", id: "actor-documents" }, d.documents.map(docItem));
      // the first ones are those that mention the actor most; the rest come newest first
      var seen = {};
      d.documents.forEach(function (doc) { seen[doc.id] = true; });
      add(grid, section("Documents", d.n_documents, d.documents.length ? [docList,
        moreButton(docList, d.documents.length, d.n_documents, function (doc) {
          return seen[doc.id] ? null : docItem(doc);
        }, "documents", { actor: a.id }, true)] : empty("No documents.")));
    }).catch(function (err) { clear(app); fail(err); });
  }

  // ------------------------------------------------------------------ dyad panel
  function dyadPage() {
    var a = params.get("a"), b = params.get("b"), rollup = params.get("rollup") ? 1 : "";
    clear(app);
    if (!a || !b) { add(app, empty("Choose a relation in the network (a and b).")); return; }
    var order = params.get("order") === "asc" ? "asc" : "desc";
    Promise.all([
      apiAll("events", { a: a, b: b, order: "asc", rollup: rollup }),
      apiAll("stances", { a: a, b: b, order: "asc", rollup: rollup })
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
      // by date, newest or oldest first as chosen; undated always last
      items.sort(function (x, y) {
        if (!x.date !== !y.date) return x.date ? -1 : 1;
        var c = x.date < y.date ? -1 : x.date > y.date ? 1 : 0;
        return order === "asc" ? c : -c;
      });
      var coop = items.filter(function (i) { return i.tone === "cooperative"; }).length;
      var host = items.filter(function (i) { return i.tone === "hostile"; }).length;
      add(app, h("header", { class: "actor-head" },
        h("h1", {}, h("a", { href: actorHref(a) }, na), " – ", h("a", { href: actorHref(b) }, nb)),
        h("p", { class: "muted" }, ev.total + " events, " + st.total + " stances · " + coop +
          " cooperative, " + host + " hostile")));
      var list = h("ol", { class: "timeline", id: "dyad-timeline" });
      var orderSel = h("select", { id: "dyad-order", name: "order", on: { change: function () {
        var p = new URLSearchParams(location.search);
        p.set("order", orderSel.value);
        location.search = p.toString();
      } } }, h("option", { value: "desc" }, "newest first"), h("option", { value: "asc" }, "oldest first"));
      orderSel.value = order;
      var byMonth = function (kind) {
        var rows = [];
        items.forEach(function (i) { if (i.tone === kind) rows.push({ period: (i.date || "").slice(0, 7) || "undated", n: 1 }); });
        return rows;
      };
      add(app, section("Over time", null, monthlyChart("dyad-chart", [
        { label: "cooperative", colour: "#1e8c4e", rows: byMonth("cooperative") },
        { label: "hostile", colour: "#c0392b", rows: byMonth("hostile") }],
        function (apart) { return "events and stances per month" + (apart ? " · " + apart +
          " undated, not drawn" : ""); })));
      var rendered = items.map(function (it) {
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
        return h("li", { class: "timeline-item kind-" + it.kind },
          h("div", { class: "when" }, it.date || "undated"),
          h("div", { class: "what" }, h("div", {}, head),
            h("p", { class: "evidence" }, evidenceText(sentence, sStart, ranges)),
            h("a", { href: docHref(r.doc_id, ranges), class: "evidence-link" },
              "→ " + (r.doc_title || r.doc_id))));
      });
      add(app, section("Timeline", items.length, items.length ?
        [h("div", { class: "controls" }, h("label", {}, "Order ", orderSel)), pagedList(list, rendered, 50)]
        : empty("Nothing links these two actors.")));
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
    var headerBox = document.querySelector("header .search-box input");
    if (headerBox) headerBox.value = q;  // the header box keeps the query too
    api("search", { q: q, limit: 20 }).then(function (r) {
      var grid = h("div", { class: "grid", id: "search-results" });
      add(app, grid);
      function actorItem(a) {
        return h("li", {}, actorLink(a), " ", tag(a.type || "actor"),
          h("span", { class: "muted" }, " " + a.n_mentions + " mentions"));
      }
      function docItem(d) {
        return h("li", {}, h("a", { href: "/documents/" + enc(d.id) }, d.title || d.id),
          h("span", { class: "muted" }, " " + (d.date || "")),
          d.snippet ? h("p", { class: "snippet" }, "…", marked(d.snippet, q), "…") : null);
      }
      var actorsList = h("ul", { class: "plain" }, r.actors.items.map(actorItem));
      add(grid, section("Actors", r.actors.total, r.actors.items.length ? [actorsList,
        moreButton(actorsList, r.actors.items.length, r.actors.total, actorItem, "actors", { q: q })]
        : empty("No actor matches.")));
      var docsList = h("ul", { class: "plain" }, r.documents.items.map(docItem));
      add(grid, section("Documents", r.documents.total, r.documents.items.length ? [docsList,
        moreButton(docsList, r.documents.items.length, r.documents.total, docItem, "documents", { q: q })]
        : empty("No document matches.")));
      var quoteList = h("ul", { class: "plain" },
        r.quotes.items.map(function (x) { return quoteItem(x, true); }));
      add(grid, section("Quotes", r.quotes.total, r.quotes.items.length ? [quoteList,
        moreButton(quoteList, r.quotes.items.length, r.quotes.total,
          function (x) { return quoteItem(x, true); }, "quotes", { q: q })]
        : empty("No quote matches.")));
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
