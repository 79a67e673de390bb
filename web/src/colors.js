import { scaleLinear } from "d3";

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};
export const QUAD_COLORS = { 1: "#74b98d", 2: "#2e7d4f", 3: "#e6a23c", 4: "#c8413b" };

// Sixteen PLOVER types: cooperative ones in greens/blues, conflictual ones in warm colours.
export const PLOVER_COLORS = {
  AGREE: "#2e7d4f",
  CONSULT: "#74b98d",
  SUPPORT: "#a6d8b0",
  AID: "#1b9e77",
  COOPERATE: "#4e79a7",
  CONCEDE: "#76b7d9",
  RETREAT: "#a0cbe8",
  REQUEST: "#8c6bb1",
  ACCUSE: "#f1ce63",
  REJECT: "#e6a23c",
  THREATEN: "#f28e2b",
  PROTEST: "#d4a6c8",
  SANCTION: "#b07aa1",
  MOBILIZE: "#9c755f",
  COERCE: "#e15759",
  ASSAULT: "#a4262c",
};
export const NONE_COLOR = "#b8bec4";

export function seriesColor(groupBy, key) {
  if (groupBy === "quad_class") return QUAD_COLORS[key] || NONE_COLOR;
  return PLOVER_COLORS[key] || NONE_COLOR;
}

export function seriesLabel(groupBy, key) {
  if (key === null || key === "none") return groupBy === "quad_class" ? "no class" : "no PLOVER type";
  return groupBy === "quad_class" ? `${key} ${QUAD_NAMES[key] || ""}`.trim() : key;
}

// Cooperation share (0 = all conflict, 1 = all cooperation) → colour.
export const cooperationColor = scaleLinear()
  .domain([0, 0.5, 1])
  .range(["#c8413b", "#9aa0a6", "#2e8b57"])
  .clamp(true);
