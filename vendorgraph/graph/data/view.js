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
  data.nodes.forEach(function (n) { typeOf[n.id] = n.vgType; n.title = tip(n.tip); delete n.tip; });
  data.edges.forEach(function (e) { e.title = tip(e.tip); delete e.tip; });

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

  function edgeVisible(e, on, min) {
    if (!on[typeOf[e.from]] || !on[typeOf[e.to]]) { return false; }
    return min <= 0 || (e.vgCost !== null && e.vgCost >= min);
  }

  // Hide (not remove) through the DataSet, so the layout and the tooltips stay in place.
  function applyFilters() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var min = parseFloat(slider.value);
    shown.textContent = min.toFixed(2);
    var linked = {};
    var edgeUpdates = data.edges.map(function (e) {
      var visible = edgeVisible(e, on, min);
      if (visible) { linked[e.from] = true; linked[e.to] = true; }
      return { id: e.id, hidden: !visible };
    });
    var nodeCount = 0;
    var nodeUpdates = data.nodes.map(function (n) {
      var visible = on[n.vgType] && (min <= 0 || linked[n.id] === true || n.id === data.focus);
      if (visible) { nodeCount += 1; }
      return { id: n.id, hidden: !visible };
    });
    var edgeCount = edgeUpdates.filter(function (u) { return !u.hidden; }).length;
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    status.textContent = nodeCount + " entities, " + edgeCount + " links shown";
  }

  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  slider.addEventListener("input", applyFilters);
  window.vgApplyFilters = applyFilters;
  applyFilters();
}());
