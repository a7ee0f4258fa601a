/* policykg view: a small interface over vis-network's DataSet. Report text is untrusted: every
   string reaches the page through textContent or vis-network's text-only tooltips, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pkg-data").textContent);
  var style = data.style;
  var lang = data.lang === "en" ? "en" : "zh";
  var hiddenClasses = {};
  var sectorFilter = "";
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function labelOf(n) { return lang === "en" && n.label_en ? n.label_en : n.label; }
  function short(s) { return s.length > 20 ? s.slice(0, 19) + "…" : s; }
  function className(cls) { var s = style[cls] || {}; return lang === "en" ? cls : (s.zh || cls) + " " + cls; }
  function tooltip(n) {
    var lines = [className(n.cls), labelOf(n)];
    (n.details || []).forEach(function (d) { lines.push(d[0] + ": " + d[1]); });
    if (n.sentence) { lines.push("", n.sentence.length > 160 ? n.sentence.slice(0, 159) + "…" : n.sentence); }
    return lines.join("\n");
  }
  function visNode(n) {
    var s = style[n.cls] || style._default;
    var v = { id: n.id, label: short(labelOf(n)), title: tooltip(n), shape: s.shape, size: n.size,
              color: { background: s.color, border: "#444" }, font: { size: 14 } };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; v.fixed = false; }
    return v;
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.source, to: e.target, arrows: "to", title: e.relation + (e.evidence ? "\n" + e.evidence : ""),
             label: data.physics ? e.relation : undefined, dashes: e.relation === "hasOutcome" ? false : undefined,
             width: e.relation === "hasOutcome" ? 2.5 : 1, color: { color: e.relation === "hasOutcome" ? "#d62728" : "#9aa" },
             font: { size: 10, color: "#777", strokeWidth: 0 } };
  }));

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
  }
  function visible(id) {
    var n = byId[id];
    return n && !hiddenClasses[n.cls] && (!inSector || inSector[id] === true);
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible(e.from) && visible(e.to); } });

  var large = !data.physics;
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

  function markReady() {
    if (document.body.dataset.ready) { return; }
    document.body.dataset.ready = "1";
    document.getElementById("status").textContent =
      nodeView.length + " 节点 nodes · " + edgeView.length + " 边 edges";
  }
  if (large) { network.once("afterDrawing", markReady); }
  else {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); markReady(); });
  }
  setTimeout(markReady, 8000);

  function showDetails(id) {
    var n = byId[id];
    var panel = document.getElementById("panel");
    panel.replaceChildren();
    if (!n) { return; }
    panel.appendChild(el("h2", labelOf(n)));
    panel.appendChild(el("div", className(n.cls), "type"));
    var dl = el("dl");
    var rows = [];
    if (lang === "zh" && n.label_en) { rows.push(["English", n.label_en]); }
    if (lang === "en" && n.label_en) { rows.push(["中文", n.label]); }
    rows = rows.concat(n.details || []);
    if (n.sectors && n.sectors.length) { rows.push(["领域 sector", n.sectors.join("、")]); }
    rows.push(["IRI", n.id]);
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    panel.appendChild(dl);
    if (n.sentence) {
      panel.appendChild(el("h3", "出处 Source sentence"));
      var p = el("p", null, "sentence");
      var h = n.highlight;
      if (h && h[0] >= 0 && h[1] <= n.sentence.length && h[0] < h[1]) {
        p.appendChild(document.createTextNode(n.sentence.slice(0, h[0])));
        p.appendChild(el("mark", n.sentence.slice(h[0], h[1])));
        p.appendChild(document.createTextNode(n.sentence.slice(h[1])));
      } else { p.textContent = n.sentence; }
      panel.appendChild(p);
    }
    var links = data.edges.filter(function (e) { return e.source === id || e.target === id; });
    if (links.length) {
      panel.appendChild(el("h3", "关系 Links (" + links.length + ")"));
      var ul = el("ul");
      links.slice(0, 60).forEach(function (e) {
        var other = byId[e.source === id ? e.target : e.source];
        var li = el("li", (e.source === id ? "→ " : "← ") + e.relation + " " + labelOf(other) +
                    (e.evidence ? " [" + e.evidence + "]" : ""));
        li.addEventListener("click", function () { select(other.id); });
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
  }
  function select(id) {
    if (!visible(id)) { hiddenClasses[byId[id].cls] = false; sectorFilter = ""; refresh(); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(id);
  }
  network.on("click", function (params) { if (params.nodes.length) { showDetails(params.nodes[0]); } });

  function buildLegend() {
    var counts = {};
    data.nodes.forEach(function (n) { counts[n.cls] = (counts[n.cls] || 0) + 1; });
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
  function refresh() { computeSector(); nodeView.refresh(); edgeView.refresh(); }
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
  document.getElementById("search").addEventListener("input", search);
  document.getElementById("search").addEventListener("keydown", function (ev) {
    var first = document.querySelector("#results button");
    if (ev.key === "Enter" && first) { select(first.dataset.id); }
  });
  var langSelect = document.getElementById("lang");
  langSelect.value = lang;
  langSelect.addEventListener("change", function () {
    lang = langSelect.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, label: short(labelOf(n)), title: tooltip(n) }; }));
    buildLegend(); search();
  });
  buildLegend(); buildSectors();
  window.pkgView = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                     data: data, select: select };
})();
