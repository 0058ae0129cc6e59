// Progressive enhancement of the network page (network/network.html): draws the
// graph with Cytoscape.js from the JSON in #network-data. Without JavaScript the
// page shows the tables, which hold the same data. Each actor is drawn with its
// sector's colour, shape and letter, so colour is never the only cue.
document.addEventListener("DOMContentLoaded", function () {
  var section = document.getElementById("network-graph-section");
  var source = document.getElementById("network-data");
  if (!section || !source || typeof cytoscape !== "function") { return; }
  var data = JSON.parse(source.textContent);
  var elements = [];
  var byName = {};
  data.nodes.forEach(function (node) {
    byName[node.name.toLowerCase()] = node.id;
    elements.push({ data: {
      id: node.id, label: node.name + " (" + node.marker + ")", name: node.name,
      colour: node.colour, shape: node.shape, sector: node.sector, degree: node.degree
    } });
  });
  data.edges.forEach(function (edge, index) {
    elements.push({ data: { id: "e" + index, source: edge.source, target: edge.target } });
  });
  section.hidden = false;
  var cy = cytoscape({
    container: document.getElementById("network-graph"),
    elements: elements,
    layout: { name: data.nodes.length > 150 ? "concentric" : "cose", animate: false },
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)", "label": "data(label)",
        "font-size": 10, "color": "#1a1a1a", "text-valign": "bottom", "text-margin-y": 3,
        "width": "mapData(degree, 0, 20, 14, 40)", "height": "mapData(degree, 0, 20, 14, 40)"
      } },
      { selector: "edge", style: { "width": 1, "line-color": "#8a8a8a" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } }
    ]
  });
  // Follow the container's width (a turned phone, a resized window).
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { cy.resize(); }).observe(cy.container());
  }
  var output = document.getElementById("network-selection");
  function show(node) {
    cy.elements().addClass("faded");
    var neighbourhood = node.closedNeighborhood();
    neighbourhood.removeClass("faded");
    var names = node.neighborhood("node").map(function (n) { return n.data("name"); }).sort();
    output.textContent = node.data("name") + " (" + node.data("sector") + "): " +
      names.length + " – " + names.join(", ");
    cy.animate({ fit: { eles: neighbourhood, padding: 40 } }, { duration: 200 });
  }
  cy.on("tap", "node", function (event) { show(event.target); });
  cy.on("tap", function (event) {
    if (event.target === cy) { cy.elements().removeClass("faded"); output.textContent = ""; }
  });
  var search = document.getElementById("network-search");
  search.addEventListener("change", function () {
    var id = byName[search.value.trim().toLowerCase()];
    if (id) { var node = cy.getElementById(id); node.select(); show(node); }
  });
});
