/* policykg view: a small interface over vis-network's DataSet. Report text is untrusted: every
   string reaches the page through textContent or vis-network's text-only tooltips, never innerHTML.
   A large view opens aggregated: a node with a "parent" is folded into it and drawn only once its
   parent is expanded (double-click, or the panel's button); its parent's panel lists it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pkg-data").textContent);
  var style = data.style;
  var lang = data.lang === "en" ? "en" : "zh";
  var hiddenClasses = {};
  var sectorFilter = "";
  var expanded = {};
  var current = null;
  var PAGE = 100;
  var byId = {};
  var children = {};
  var linksOf = {};
  data.nodes.forEach(function (n) {
    if (n.id.charAt(0) === "~") { n.id = data.prefix + n.id.slice(1); }
    if (n.s !== undefined) { n.sentence = data.sentences[n.s]; }
    byId[n.id] = n;
  });
  data.nodes.forEach(function (n) { if (n.parent !== undefined) { n.parent = data.nodes[n.parent].id; } });
  data.edges = data.edges.map(function (e) {
    return { source: data.nodes[e[0]].id, target: data.nodes[e[1]].id, relation: e[2], evidence: e[3] || null };
  });
  data.nodes.forEach(function (n) {
    if (n.parent && byId[n.parent]) { (children[n.parent] = children[n.parent] || []).push(n.id); }
  });
  data.edges.forEach(function (e) {
    (linksOf[e.source] = linksOf[e.source] || []).push(e);
    if (e.target !== e.source) { (linksOf[e.target] = linksOf[e.target] || []).push(e); }
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function tr(zh, en) { return lang === "en" ? en : zh + " " + en; }
  function labelOf(n) { return lang === "en" && n.label_en ? n.label_en : n.label; }
  function short(s) { return s.length > 24 ? s.slice(0, 23) + "…" : s; }
  function className(cls) { var s = style[cls] || {}; return lang === "en" ? cls : (s.zh || cls) + " " + cls; }
  function tooltip(n) {
    var lines = [className(n.cls), labelOf(n)];
    (n.details || []).forEach(function (d) { lines.push(d[0] + ": " + d[1]); });
    if (n.folded) { lines.push(tr("包含", "folds") + ": " + n.folded); }
    if (n.sentence) { lines.push("", n.sentence.length > 160 ? n.sentence.slice(0, 159) + "…" : n.sentence); }
    return lines.join("\n");
  }
  function drawn(id) {
    var n = byId[id];
    while (n && n.parent && byId[n.parent]) {
      if (!expanded[n.parent]) { return false; }
      n = byId[n.parent];
    }
    return !!n;
  }
  function rep(id) {
    while (!drawn(id)) { id = byId[id].parent; }
    return id;
  }
  function visNode(n, at) {
    var s = style[n.cls] || style._default;
    var v = { id: n.id, label: short(labelOf(n)), title: tooltip(n), shape: s.shape, size: n.size,
              color: { background: s.color, border: n.folded ? "#000" : "#444" },
              borderWidth: n.folded ? 3 : 1, font: { size: large && !at ? Math.round(6 + 2 * n.size) : 14 } };
    if (at) { v.x = at.x; v.y = at.y; } else if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }
  function edgeItems() {
    var out = {}, list = [];
    data.edges.forEach(function (e) {
      var s = rep(e.source), t = rep(e.target);
      if (s === t) { return; }
      var key = s + "\u0000" + t + "\u0000" + e.relation;
      var item = out[key];
      if (item) { item.n += 1; return; }
      item = out[key] = { id: key, from: s, to: t, n: 1, relation: e.relation, evidence: e.evidence };
      list.push(item);
    });
    return list.map(function (x) {
      var outcome = x.relation === "hasOutcome";
      return { id: x.id, from: x.from, to: x.to, arrows: "to",
               title: x.relation + (x.n > 1 ? " ×" + x.n : "") + (x.evidence && x.n === 1 ? "\n" + x.evidence : ""),
               label: data.physics ? x.relation : undefined,
               width: Math.min(1 + 0.5 * Math.log(x.n) + (outcome ? 1 : 0), 4),
               color: { color: outcome ? "#d62728" : "#9aa", opacity: large ? 0.45 : 1 },
               font: { size: 10, color: "#777", strokeWidth: 0 } };
    });
  }
  var large = !data.physics;
  var nodes = new vis.DataSet(data.nodes.filter(function (n) { return drawn(n.id); })
                                        .map(function (n) { return visNode(n); }));
  var edges = new vis.DataSet(edgeItems());

  var inSector = null;
  function computeSector() {
    inSector = null;
    if (!sectorFilter) { return; }
    inSector = {};
    data.nodes.forEach(function (n) {
      if (n.cls === "Sector" && n.label === sectorFilter) { inSector[n.id] = true; }
      if ((n.sectors || []).indexOf(sectorFilter) >= 0) { inSector[n.id] = true; }
    });
    var core = Object.assign({}, inSector);
    data.edges.forEach(function (e) {
      if (core[e.source]) { inSector[e.target] = true; }
      if (core[e.target]) { inSector[e.source] = true; }
    });
    Object.keys(inSector).forEach(function (id) { inSector[rep(id)] = true; });
  }
  function visible(id) {
    var n = byId[id];
    return n && !hiddenClasses[n.cls] && (!inSector || inSector[id] === true);
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible(e.from) && visible(e.to); } });

  var options = {
    autoResize: true,
    layout: { improvedLayout: !large, randomSeed: 7 },
    physics: large ? false : { solver: "forceAtlas2Based", stabilization: { iterations: 250, updateInterval: 50 },
                               forceAtlas2Based: { gravitationalConstant: -60, springLength: 90 } },
    interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    nodes: { font: { face: "WenQuanYi Zen Hei, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif" } },
    edges: { smooth: large ? false : { type: "continuous" } }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  function status() {
    document.getElementById("status").textContent =
      nodeView.length + " 节点 nodes · " + edgeView.length + " 边 edges";
  }
  function markReady() {
    if (document.body.dataset.ready) { return; }
    document.body.dataset.ready = "1";
    status();
  }
  if (large) { network.once("afterDrawing", markReady); }
  else {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); markReady(); });
  }
  setTimeout(markReady, 8000);

  function setExpanded(id, open) {
    if (!children[id] || !!expanded[id] === open) { return; }
    if (open) {
      expanded[id] = true;
      var at = network.getPositions([id])[id] || { x: 0, y: 0 };
      var kids = children[id];
      nodes.add(kids.map(function (k, i) {
        var ring = 70 + 18 * Math.floor(i / 20), angle = 2 * Math.PI * (i % 20) / 20 + Math.floor(i / 20) * 0.15;
        return visNode(byId[k], { x: at.x + ring * Math.cos(angle), y: at.y + ring * Math.sin(angle) });
      }));
    } else {
      var gone = [];
      (function collect(p) {
        (children[p] || []).forEach(function (k) { gone.push(k); if (expanded[k]) { delete expanded[k]; collect(k); } });
      })(id);
      delete expanded[id];
      nodes.remove(gone);
    }
    edges.clear();
    edges.add(edgeItems());
    refresh();
    if (current) { showDetails(current); }
  }

  function pagedList(items, render) {
    var box = el("div", null, "paged"), ul = el("ul"), shown = 0;
    var more = el("button", null, "more");
    function page() {
      items.slice(shown, shown + PAGE).forEach(function (x) { ul.appendChild(render(x)); });
      shown = Math.min(items.length, shown + PAGE);
      more.textContent = tr("显示更多", "Show more") + " (" + shown + " / " + items.length + ")";
      more.hidden = shown >= items.length;
    }
    more.addEventListener("click", page);
    page();
    box.appendChild(ul); box.appendChild(more);
    return box;
  }
  function detail(n, key) {
    var found = (n.details || []).filter(function (d) { return d[0] === key; });
    return found.length ? found[0][1] : "";
  }
  function memberItem(k) {
    var m = byId[k];
    var li = el("li"), b = el("button", null, "member");
    b.appendChild(el("span", labelOf(m), "m-label"));
    var facts = [detail(m, "数值 value"), detail(m, "地区 place"), detail(m, "时期 period")].filter(Boolean);
    if (facts.length) { b.appendChild(el("span", facts.join(" · "), "m-facts")); }
    if (m.sentence) { b.appendChild(el("span", m.sentence.length > 90 ? m.sentence.slice(0, 89) + "…" : m.sentence, "m-sentence")); }
    b.dataset.id = k;
    b.addEventListener("click", function () { select(k); });
    li.appendChild(b);
    return li;
  }
  function sentenceBlock(n) {
    var p = el("p", null, "sentence");
    var h = n.highlight;
    if (h && h[0] >= 0 && h[1] <= n.sentence.length && h[0] < h[1]) {
      p.appendChild(document.createTextNode(n.sentence.slice(0, h[0])));
      p.appendChild(el("mark", n.sentence.slice(h[0], h[1])));
      p.appendChild(document.createTextNode(n.sentence.slice(h[1])));
    } else { p.textContent = n.sentence; }
    return p;
  }
  function showDetails(id) {
    var n = byId[id];
    var panel = document.getElementById("panel");
    panel.replaceChildren();
    current = n ? id : null;
    if (!n) { return; }
    panel.appendChild(el("h2", labelOf(n)));
    panel.appendChild(el("div", className(n.cls), "type"));
    var dl = el("dl");
    var rows = [];
    if (lang === "zh" && n.label_en) { rows.push(["English", n.label_en]); }
    if (lang === "en" && n.label_en) { rows.push(["中文", n.label]); }
    rows = rows.concat(n.details || []);
    if (n.sectors && n.sectors.length) { rows.push([tr("领域", "sector"), n.sectors.join("、")]); }
    if (n.parent && byId[n.parent]) { rows.push([tr("归入", "folded into"), labelOf(byId[n.parent])]); }
    if (!n.group) { rows.push(["IRI", n.id]); }
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    panel.appendChild(dl);
    if (n.sentence) {
      panel.appendChild(el("h3", tr("出处", "Source sentence")));
      panel.appendChild(sentenceBlock(n));
    }
    var kids = children[id] || [];
    if (kids.length) {
      var h = el("h3", tr("包含", "Folds") + " (" + kids.length + ")", "folds");
      var toggle = el("button", expanded[id] ? tr("收起", "Collapse") : tr("展开", "Expand"), "expand");
      toggle.addEventListener("click", function () { setExpanded(id, !expanded[id]); });
      h.appendChild(toggle);
      panel.appendChild(h);
      panel.appendChild(pagedList(kids, memberItem));
    }
    var links = (linksOf[id] || []);
    if (links.length) {
      panel.appendChild(el("h3", tr("关系", "Links") + " (" + links.length + ")"));
      panel.appendChild(pagedList(links, function (e) {
        var other = byId[e.source === id ? e.target : e.source];
        var li = el("li", (e.source === id ? "→ " : "← ") + e.relation + " " + labelOf(other) +
                    (e.evidence ? " [" + e.evidence + "]" : ""));
        li.addEventListener("click", function () { select(other.id); });
        return li;
      }));
    }
  }
  function select(id) {
    var n = byId[id], chain = [];
    while (n && n.parent && byId[n.parent]) { chain.unshift(n.parent); n = byId[n.parent]; }
    chain.forEach(function (p) { setExpanded(p, true); });
    if (!visible(id)) { hiddenClasses[byId[id].cls] = false; sectorFilter = ""; document.getElementById("sector").value = ""; refresh(); buildLegend(); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(id);
  }
  network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && children[params.nodes[0]]) { setExpanded(params.nodes[0], !expanded[params.nodes[0]]); }
  });

  function buildLegend() {
    var counts = {};
    data.nodes.forEach(function (n) { if (!n.group) { counts[n.cls] = (counts[n.cls] || 0) + 1; } });
    var legend = document.getElementById("legend");
    legend.replaceChildren();
    Object.keys(counts).sort().forEach(function (cls) {
      var s = style[cls] || style._default;
      var li = el("li"); li.dataset.cls = cls;
      var label = el("label");
      var box = el("input"); box.type = "checkbox"; box.checked = !hiddenClasses[cls];
      box.addEventListener("change", function () { hiddenClasses[cls] = !box.checked; refresh(); });
      var sw = el("span", null, "swatch " + s.shape); sw.style.background = s.color;
      label.appendChild(box); label.appendChild(sw);
      label.appendChild(el("span", className(cls) + " (" + counts[cls] + ")", "legend-name"));
      li.appendChild(label); legend.appendChild(li);
    });
    var notes = document.getElementById("notes");
    notes.replaceChildren();
    (data.notes || []).forEach(function (t) { notes.appendChild(el("li", t)); });
  }
  function buildSectors() {
    var select = document.getElementById("sector"), seen = {};
    data.nodes.forEach(function (n) { (n.sectors || []).forEach(function (s) { seen[s] = true; }); });
    Object.keys(seen).sort().forEach(function (s) { var o = el("option", s); o.value = s; select.appendChild(o); });
    select.addEventListener("change", function () { sectorFilter = select.value; refresh(); });
  }
  function refresh() { computeSector(); nodeView.refresh(); edgeView.refresh(); if (document.body.dataset.ready) { status(); } }
  function search() {
    var q = document.getElementById("search").value.trim().toLowerCase();
    var out = document.getElementById("results");
    out.replaceChildren();
    if (!q) { return; }
    data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 || (n.label_en || "").toLowerCase().indexOf(q) >= 0;
    }).slice(0, 30).forEach(function (n) {
      var li = el("li"), b = el("button", labelOf(n) + " · " + className(n.cls));
      b.dataset.id = n.id;
      b.addEventListener("click", function () { select(n.id); });
      li.appendChild(b); out.appendChild(li);
    });
  }
  function setTitle() {
    var t = "policykg · " + (lang === "en" ? data.title_en || data.title : data.title);
    document.getElementById("title").textContent = t;
    document.title = t;
    document.documentElement.lang = lang;
  }
  document.getElementById("search").addEventListener("input", search);
  document.getElementById("search").addEventListener("keydown", function (ev) {
    var first = document.querySelector("#results button");
    if (ev.key === "Enter" && first) { select(first.dataset.id); }
  });
  var langSelect = document.getElementById("lang");
  langSelect.value = lang;
  langSelect.addEventListener("change", function () {
    lang = langSelect.value;
    nodes.update(nodes.getIds().map(function (id) { var n = byId[id]; return { id: id, label: short(labelOf(n)), title: tooltip(n) }; }));
    buildLegend(); search(); setTitle();
    if (current) { showDetails(current); }
  });
  buildLegend(); buildSectors(); setTitle();
  window.pkgView = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                     data: data, select: select, expand: setExpanded, children: children };
})();
