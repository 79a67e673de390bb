// Actor network: directed edges source → target, width by event count, colour by the share
// of cooperation (quad classes 1-2) against conflict (3-4). Cytoscape draws on a canvas, so
// names never become markup.
import cytoscape from "cytoscape";
import { format, max } from "d3";
import { cooperationColor } from "./colors.js";
import { el } from "./dom.js";

const count = format(",");
const percent = format(".0%");
let cy = null;

export function currentGraph() {
  return cy;
}

export function describeEdge(edge) {
  const g = edge.goldstein_mean === null ? "n/a" : edge.goldstein_mean.toFixed(1);
  return (
    `${edge.source} → ${edge.target}: ${count(edge.count)} event(s), ` +
    `${percent(edge.cooperation_share)} cooperation, mean Goldstein ${g}`
  );
}

export function drawNetwork(container, info, data, { onEdge }) {
  if (cy) {
    cy.destroy();
    cy = null;
  }
  container.replaceChildren();
  info.textContent = "";
  if (!data.edges.length) {
    container.append(el("p", { class: "empty", text: "No actor pairs match these filters." }));
    return;
  }
  const maxNode = max(data.nodes, (n) => n.events) || 1;
  const maxEdge = max(data.edges, (e) => e.count) || 1;
  const nodes = data.nodes.map((n) => ({
    data: {
      id: n.id,
      label: n.id,
      name: n.name,
      events: n.events,
      size: 8 + 26 * Math.sqrt(n.events / Math.max(maxNode, 10)),
    },
  }));
  const edges = data.edges.map((e, i) => ({
    data: {
      id: `e${i}`,
      source: e.source,
      target: e.target,
      count: e.count,
      width: 1 + 6 * Math.sqrt(e.count / Math.max(maxEdge, 10)),
      color: cooperationColor(e.cooperation_share),
      edge: e,
    },
  }));
  cy = cytoscape({
    container,
    elements: [...nodes, ...edges],
    minZoom: 0.2,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          "background-color": "#5b7083",
          label: "data(label)",
          "font-size": 12,
          color: "#1f2328",
          "text-valign": "center",
          "text-halign": "right",
          "text-margin-x": 3,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.7,
          "text-background-padding": 1,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.9,
          "curve-style": "bezier",
          opacity: 0.85,
        },
      },
      { selector: "edge:selected", style: { opacity: 1, "overlay-opacity": 0.15 } },
      { selector: "node:selected", style: { "background-color": "#1f5fa8" } },
    ],
    layout: {
      name: "cose",
      animate: false,
      fit: true,
      padding: 24,
      nodeRepulsion: () => 120000,
      idealEdgeLength: () => 80,
      edgeElasticity: () => 100,
      gravity: 0.4,
      nodeOverlap: 20,
      componentSpacing: 60,
      numIter: 1500,
      randomize: true,
    },
  });
  // Keep labels, nodes and edges a readable size on screen however far the fit zoomed out.
  if (cy.zoom() > 1.5) {
    cy.zoom(1.5);
    cy.center();
  }
  const k = 1 / Math.sqrt(cy.zoom());
  cy.batch(() => {
    cy.nodes().forEach((n) => n.data("size", n.data("size") * k));
    cy.edges().forEach((e) => e.data("width", e.data("width") * k));
  });
  cy.style()
    .selector("node")
    .style({ "font-size": 10 * k, "text-margin-x": 3 * k, "text-background-padding": k })
    .update();
  cy.fit(undefined, 24);
  cy.on("tap", "edge", (event) => onEdge(event.target.data("edge")));
  cy.on("mouseover", "edge", (event) => {
    info.textContent = describeEdge(event.target.data("edge"));
  });
  cy.on("mouseover", "node", (event) => {
    const d = event.target.data();
    info.textContent = `${d.id}${d.name ? ` (${d.name})` : ""}: ${count(d.events)} event(s)`;
  });
  cy.on("mouseout", () => {
    info.textContent = "";
  });
}
