(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vg-data").textContent);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Tooltips are DOM elements filled with textContent: article text is never parsed as HTML.
  function tip(t) {
    var root = el("div", "vg-tip");
    root.appendChild(el("div", "vg-tip-head", t.head));
    t.rows.forEach(function (row) {
      var line = el("div");
      line.appendChild(el("span", "vg-k", row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      root.appendChild(line);
    });
    t.evidence.forEach(function (ev) {
      root.appendChild(el("blockquote", "", ev.text));
      root.appendChild(el("div", "vg-meta", ev.meta));
    });
    return root;
  }

  var typeOf = {};
  var loneOf = {};
  var tips = {};
  var labels = {};
  data.nodes.forEach(function (n) {
    typeOf[n.id] = n.vgType; loneOf[n.id] = n.vgLone; tips[n.id] = n.tip; labels[n.id] = n.label;
    n.title = tip(n.tip); delete n.tip;
  });
  data.edges.forEach(function (e) { tips[e.id] = e.tip; e.title = tip(e.tip); delete e.tip; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("vg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.vgNetwork = network;
  window.vgNodes = nodes;
  window.vgEdges = edges;
  network.once("afterDrawing", function () {
    window.vgReadyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.vg-type"));
  var slider = document.getElementById("vg-min-cost");
  var shown = document.getElementById("vg-min-cost-value");
  var status = document.getElementById("vg-status");

  var loneBox = document.getElementById("vg-lone");

  function edgeVisible(e, ticked, min) {
    if (!ticked[e.from] || !ticked[e.to]) { return false; }
    return min <= 0 || (e.vgCost !== null && e.vgCost >= min);
  }

  // Hide (not remove) through the DataSet, so the layout and the tooltips stay in place.
  function applyFilters() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var lone = loneBox === null || loneBox.checked;
    var ticked = {};
    var unticked = 0;
    data.nodes.forEach(function (n) {
      ticked[n.id] = on[n.vgType] && (lone || !n.vgLone || n.id === data.focus);
      if (!ticked[n.id]) { unticked += 1; }
    });
    var min = parseFloat(slider.value);
    shown.textContent = min.toFixed(2);
    var linked = {};
    var edgeUpdates = data.edges.map(function (e) {
      var visible = edgeVisible(e, ticked, min);
      if (visible) { linked[e.from] = true; linked[e.to] = true; }
      return { id: e.id, hidden: !visible };
    });
    var nodeCount = 0;
    var nodeUpdates = data.nodes.map(function (n) {
      var visible = ticked[n.id] && (min <= 0 || linked[n.id] === true || n.id === data.focus);
      if (visible) { nodeCount += 1; }
      return { id: n.id, hidden: !visible };
    });
    var edgeCount = edgeUpdates.filter(function (u) { return !u.hidden; }).length;
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    status.textContent = nodeCount + " entities, " + edgeCount + " links shown" +
      (unticked ? "; " + unticked + " more under the unticked boxes" : "");
  }

  boxes.forEach(function (b) { b.addEventListener("change", refilter); });
  if (loneBox !== null) { loneBox.addEventListener("change", refilter); }
  slider.addEventListener("input", refilter);
  window.vgApplyFilters = applyFilters;
  refilter();

  // The view re-fits after filtering, so what is left fills the screen.
  function refilter() { applyFilters(); network.fit({ animation: false }); }

  // Inspector: the clicked node's or link's scores and evidence, as text.
  var inspector = document.getElementById("vg-inspector");
  function inspect(id) {
    inspector.textContent = "";
    if (id !== null && tips[id]) { inspector.appendChild(tip(tips[id])); }
  }

  // Neighbour highlighting: the selected node, its links and neighbours stay; the rest fades.
  var faded = false;
  function highlight(id) {
    var keep = {};
    if (id !== null) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    }
    var on = id !== null;
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: !on || keep[n.id] ? 1 : 0.15 };
    }));
    edges.update(data.edges.map(function (e) {
      var near = !on || e.from === id || e.to === id;
      return { id: e.id, color: { opacity: near ? 1 : 0.1 } };
    }));
    faded = on;
  }
  window.vgHighlight = highlight;

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); inspect(params.nodes[0]); }
    else if (params.edges.length) { highlight(null); inspect(params.edges[0]); }
    else { if (faded) { highlight(null); } inspect(null); }
  });

  // Search: the names in a datalist (set as values, never parsed as HTML); Enter or a pick
  // selects the first entity whose name starts with (else contains) the text, and zooms to it.
  var search = document.getElementById("vg-search");
  var list = document.getElementById("vg-names");
  Object.keys(labels).sort().forEach(function (id) {
    var option = document.createElement("option");
    option.value = labels[id];
    list.appendChild(option);
  });
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var ids = Object.keys(labels).sort();
    var hit = ids.filter(function (id) { return labels[id].toLowerCase() === q; })[0];
    hit = hit || ids.filter(function (id) { return labels[id].toLowerCase().indexOf(q) === 0; })[0];
    return hit || ids.filter(function (id) { return labels[id].toLowerCase().indexOf(q) >= 0; })[0] || null;
  }
  // A name found behind an unticked box ticks that box, so the search always shows what it finds.
  function reveal(id) {
    var changed = false;
    boxes.forEach(function (b) {
      if (b.value === typeOf[id] && !b.checked) { b.checked = true; changed = true; }
    });
    if (loneOf[id] && loneBox !== null && !loneBox.checked) { loneBox.checked = true; changed = true; }
    if (changed) { applyFilters(); }
  }
  function go() {
    var id = find(search.value);
    if (id === null) { status.textContent = "no entity matches " + JSON.stringify(search.value); return; }
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    highlight(id);
    inspect(id);
  }
  window.vgFind = function (text) { search.value = text; go(); };
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });

  document.getElementById("vg-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });
  var initialMin = slider.value;
  document.getElementById("vg-reset").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = b.defaultChecked; });
    if (loneBox !== null) { loneBox.checked = loneBox.defaultChecked; }
    slider.value = initialMin;
    search.value = "";
    network.unselectAll();
    highlight(null);
    inspect(null);
    refilter();
  });
}());
