// The kg network page. All document text arrives as JSON data and is shown with
// textContent / DOM nodes only: never innerHTML, never as markup.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const edgeById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const state = { hiddenTypes: new Set(), threshold: 0, from: "", to: "" };

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = String(text);
    return made;
  }

  function tipRow(box, key, value) {
    const row = element("div", "kg-tip-row");
    row.append(element("span", "kg-tip-key", key + ": "), document.createTextNode(String(value)));
    box.append(row);
  }

  function nodeTooltip(node) {
    const box = element("div", "kg-tip");
    box.append(element("div", "kg-tip-title", node.label));
    tipRow(box, "type", node.type);
    if (node.aliases.length) tipRow(box, "aliases", node.aliases.join(", "));
    tipRow(box, "mentions", node.mentions);
    tipRow(box, "documents", node.documents.join(", "));
    return box;
  }

  // "[doc · 2025-03-14] (stated: manufactures) sentence — when: last year = 2024 · amount: $2.8bn = 2,800,000,000 USD"
  function evidenceParts(evidence) {
    const where = evidence.reported ? evidence.document + " · " + evidence.reported : evidence.document;
    const parts = [element("span", "kg-doc", "[" + where + "] ")];
    if (evidence.stated) parts.push(element("span", "kg-stated", "(stated: " + evidence.stated + ") "));
    parts.push(document.createTextNode(evidence.sentence));
    const notes = [];
    if (evidence.times) {
      notes.push("when: " + evidence.times.map((time) => time.value ? time.text + " = " + time.value : time.text).join(", "));
    }
    if (evidence.amount) {
      const sum = Number(evidence.amount.value).toLocaleString("en-US");
      notes.push("amount: " + evidence.amount.text + " = " + sum + " " + evidence.amount.currency);
    }
    if (notes.length) parts.push(element("span", "kg-when", " — " + notes.join(" · ")));
    return parts;
  }

  // "2025-03-14" or "2025-03-14 – 2025-06-02": when the documents reported the fact
  function reportedText(edge) {
    if (!edge.firstReported) return "";
    return edge.firstReported === edge.lastReported ? edge.firstReported : edge.firstReported + " – " + edge.lastReported;
  }

  function evidenceLine(evidence) {
    const line = element("div", "kg-tip-sentence");
    line.append(...evidenceParts(evidence));
    return line;
  }

  function edgeTooltip(edge) {
    const box = element("div", "kg-tip");
    box.append(element("div", "kg-tip-title", edge.predicate));
    tipRow(box, "confidence", edge.confidence.toFixed(2));
    if (edge.firstReported) tipRow(box, "reported", reportedText(edge));
    edge.evidence.forEach((evidence) => box.append(evidenceLine(evidence)));
    return box;
  }

  // --- summary -------------------------------------------------------------------------
  const summary = data.summary;
  let summaryText = summary.documents + " documents · " + summary.entities + " entities · " + summary.facts + " facts";
  if (summary.hiddenEntities > 0) {
    summaryText += " — showing the " + summary.shownEntities + " most connected entities; " +
      summary.hiddenEntities + " left out (build with --max-nodes to change)";
  }
  document.getElementById("kg-summary").textContent = summaryText;

  // --- network -------------------------------------------------------------------------
  const nodes = new vis.DataSet(data.nodes.map((node) => {
    return { id: node.id, label: node.label, type: node.type, color: node.color, value: node.value,
             x: node.x, y: node.y, title: nodeTooltip(node) };
  }));
  const edges = new vis.DataSet(data.edges.map((edge) => ({
    id: edge.id, from: edge.from, to: edge.to, label: edge.predicate, confidence: edge.confidence,
    width: 1 + 2 * edge.confidence, title: edgeTooltip(edge),
  })));
  const typeOf = (id) => byId.get(id).type;
  const nodeView = new vis.DataView(nodes, { filter: (node) => !state.hiddenTypes.has(node.type) });
  // with a date range set, a fact shows if some document reported it within the range (undated facts hide)
  const reportedWithin = (id) => (!state.from && !state.to) || edgeById.get(id).evidence.some((evidence) =>
    evidence.day && (!state.from || evidence.day >= state.from) && (!state.to || evidence.day <= state.to));
  const edgeView = new vis.DataView(edges, {
    filter: (edge) => edge.confidence >= state.threshold && reportedWithin(edge.id) &&
      !state.hiddenTypes.has(typeOf(edge.from)) && !state.hiddenTypes.has(typeOf(edge.to)),
  });
  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  function markStable() {
    if (document.body.dataset.layout === "stable") return;
    document.body.dataset.layout = "stable";
    window.kgStableAt = performance.now();
  }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", markStable);
    network.once("stabilized", markStable);
  } else {
    network.once("afterDrawing", markStable);
  }

  // --- physics -------------------------------------------------------------------------
  const physics = document.getElementById("kg-physics");
  physics.checked = data.options.physics.enabled;
  physics.addEventListener("change", () => network.setOptions({ physics: { enabled: physics.checked } }));

  // --- confidence threshold ------------------------------------------------------------
  const slider = document.getElementById("kg-confidence");
  const sliderValue = document.getElementById("kg-confidence-value");
  slider.addEventListener("input", () => {
    state.threshold = Number(slider.value);
    sliderValue.textContent = state.threshold.toFixed(2);
    edgeView.refresh();
  });

  // --- date range (only when documents carry dates) -------------------------------------
  if (summary.reported) {
    const dates = document.getElementById("kg-dates");
    const bounds = [document.getElementById("kg-date-from"), document.getElementById("kg-date-to")];
    bounds.forEach((input) => {
      input.min = summary.reported.first;
      input.max = summary.reported.last;
      input.addEventListener("change", () => {
        state.from = bounds[0].value;
        state.to = bounds[1].value;
        edgeView.refresh();
      });
    });
    document.getElementById("kg-dates-span").textContent = summary.reported.first + " – " + summary.reported.last;
    dates.hidden = false;
  }

  // --- type filter and legend ----------------------------------------------------------
  const typeCounts = new Map();
  data.nodes.forEach((node) => typeCounts.set(node.type, (typeCounts.get(node.type) || 0) + 1));
  const typeColours = data.colorBy === "type" ? new Map(data.legend.map((entry) => [entry.name, entry.color])) : null;
  const typeBox = document.getElementById("kg-types");
  Array.from(typeCounts.keys()).sort().forEach((type) => {
    const label = element("label", "kg-check");
    const box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = type;
    box.addEventListener("change", () => {
      if (box.checked) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type);
      nodeView.refresh();
      edgeView.refresh();
    });
    label.append(box, document.createTextNode(" "));
    if (typeColours) {
      const swatch = element("span", "kg-swatch");
      swatch.style.background = typeColours.get(type);
      label.append(swatch);
    }
    label.append(document.createTextNode(type + " "), element("span", "kg-count", "(" + typeCounts.get(type) + ")"));
    typeBox.append(label);
  });
  if (data.colorBy === "community") {
    const legend = document.getElementById("kg-legend");
    data.legend.forEach((entry) => {
      const row = element("div");
      const swatch = element("span", "kg-swatch");
      swatch.style.background = entry.color;
      row.append(swatch, document.createTextNode(entry.name + " "), element("span", "kg-count", "(" + entry.count + ")"));
      legend.append(row);
    });
    legend.hidden = false;
  }

  // --- side panel: a node's facts with their evidence ----------------------------------
  const panel = document.getElementById("kg-panel");
  const panelBody = document.getElementById("kg-panel-body");

  function nodeLink(id) {
    const link = element("button", "kg-link", byId.get(id).label);
    link.type = "button";
    link.addEventListener("click", () => focusNode(id));
    return link;
  }

  function showPanel(id) {
    const node = byId.get(id);
    panelBody.replaceChildren();
    panelBody.append(element("h2", null, node.label));
    const facts = element("dl");
    const rows = [["type", node.type], ["aliases", node.aliases.join(", ") || "—"],
                  ["mentions", node.mentions], ["documents", node.documents.join(", ")]];
    rows.forEach(([key, value]) => facts.append(element("dt", null, key), element("dd", null, value)));
    panelBody.append(facts);
    const related = data.edges.filter((edge) => edge.from === id || edge.to === id);
    panelBody.append(element("h3", null, related.length + (related.length === 1 ? " fact" : " facts")));
    related.forEach((edge) => {
      const head = element("div", "kg-fact");
      const reported = edge.firstReported ? ", reported " + reportedText(edge) : "";
      head.append(nodeLink(edge.from), document.createTextNode(" —" + edge.predicate + "→ "), nodeLink(edge.to),
                  element("span", "kg-count", " (confidence " + edge.confidence.toFixed(2) + reported + ")"));
      const list = element("ul");
      edge.evidence.forEach((evidence) => {
        const item = element("li");
        item.append(...evidenceParts(evidence));
        list.append(item);
      });
      panelBody.append(head, list);
    });
    setPanelHidden(false);
  }

  function setPanelHidden(hidden) {
    panel.hidden = hidden;
    network.setSize("100%", "100%");  // the panel changes the canvas width: measure it now, not on the next poll
  }

  document.getElementById("kg-panel-close").addEventListener("click", () => setPanelHidden(true));
  network.on("click", (params) => {
    if (params.nodes.length) showPanel(params.nodes[0]);
  });

  // --- search --------------------------------------------------------------------------
  const names = document.getElementById("kg-names");
  const seen = new Set();
  data.nodes.forEach((node) => [node.label, ...node.aliases].forEach((name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const option = element("option");
    option.value = name;
    names.append(option);
  }));

  function findNode(query) {
    const wanted = query.trim().toLowerCase();
    if (!wanted) return null;
    const names = (node) => [node.label, ...node.aliases].map((name) => name.toLowerCase());
    const tests = [(name) => name === wanted, (name) => name.startsWith(wanted), (name) => name.includes(wanted)];
    for (const test of tests) {
      const hits = data.nodes.filter((node) => names(node).some(test));
      if (hits.length) return hits.reduce((best, node) => (node.value > best.value ? node : best));
    }
    return null;
  }

  function focusNode(id) {
    const type = typeOf(id);
    if (state.hiddenTypes.has(type)) {
      state.hiddenTypes.delete(type);
      typeBox.querySelectorAll("input").forEach((box) => { if (box.value === type) box.checked = true; });
      nodeView.refresh();
      edgeView.refresh();
    }
    showPanel(id);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  }

  const status = document.getElementById("kg-search-status");
  document.getElementById("kg-search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = document.getElementById("kg-search").value;
    const found = findNode(query);
    if (found) {
      status.textContent = "found " + found.label;
      focusNode(found.id);
    } else {
      const leftOut = summary.hiddenEntities > 0 ? " among the " + summary.shownEntities + " shown (" +
        summary.hiddenEntities + " left out)" : "";
      status.textContent = query.trim() ? "no entity matches “" + query.trim() + "”" + leftOut : "";
    }
  });

  window.kg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, focusNode: focusNode };
})();
