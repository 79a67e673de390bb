// Map: event places on an offline world basemap (Natural Earth country shapes from the
// world-atlas package, served from /static), circles sized by event count, coloured by the
// share of cooperation. Scroll or drag to zoom and pan.
import { extent, format, geoGraticule10, geoNaturalEarth1, geoPath, max, scaleSqrt, select, zoom } from "d3";
import { feature } from "topojson-client";
import { getJSON } from "./api.js";
import { cooperationColor } from "./colors.js";
import { el } from "./dom.js";

const count = format(",");
const percent = format(".0%");
let countries = null;

async function basemap() {
  if (!countries) {
    const topology = await getJSON("/static/countries-110m.json");
    countries = feature(topology, topology.objects.countries);
  }
  return countries;
}

export function describePoint(p) {
  const g = p.goldstein_mean === null ? "n/a" : p.goldstein_mean.toFixed(1);
  const where = p.country ? `${p.name} (${p.country})` : p.name;
  return `${where}: ${count(p.count)} event(s), ${percent(p.cooperation_share)} cooperation, mean Goldstein ${g}`;
}

// What the map first shows: the places' region with a margin, or the whole world when they
// are spread over most of it.
function focusArea(points) {
  if (!points.length) return { type: "Sphere" };
  const [w, e] = extent(points, (p) => p.lon);
  const [s, n] = extent(points, (p) => p.lat);
  if (e - w > 200 || n - s > 110) return { type: "Sphere" };
  const pad = Math.max(10, 0.2 * Math.max(e - w, n - s));
  const box = [Math.max(-180, w - pad), Math.max(-80, s - pad), Math.min(180, e + pad), Math.min(84, n + pad)];
  const coordinates = [];
  for (const lon of [box[0], (box[0] + box[2]) / 2, box[2]]) {
    for (const lat of [box[1], (box[1] + box[3]) / 2, box[3]]) coordinates.push([lon, lat]);
  }
  return { type: "MultiPoint", coordinates };
}

export async function drawMap(container, info, data, { onPlace }) {
  const shapes = await basemap();
  container.replaceChildren();
  info.textContent = "";
  const width = Math.max(300, container.clientWidth);
  const height = container.clientHeight || 380;
  const projection = geoNaturalEarth1().fitExtent(
    [
      [6, 6],
      [width - 6, height - 6],
    ],
    focusArea(data.points),
  );
  const path = geoPath(projection);
  const svg = select(container)
    .append("svg")
    .attr("width", width)
    .attr("height", height)
    .attr("role", "img")
    .attr("aria-label", "Map of event places");
  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("path").attr("class", "graticule").attr("d", path(geoGraticule10()));
  layer
    .append("g")
    .selectAll("path")
    .data(shapes.features)
    .join("path")
    .attr("class", "country")
    .attr("d", path)
    .append("title")
    .text((f) => f.properties.name);

  const points = data.points.filter((p) => projection([p.lon, p.lat]));
  const radius = scaleSqrt()
    .domain([0, max(points, (p) => p.count) || 1])
    .range([0, 20]);
  const circles = layer
    .append("g")
    .selectAll("circle")
    .data([...points].sort((a, b) => b.count - a.count))
    .join("circle")
    .attr("class", "point")
    .attr("cx", (p) => projection([p.lon, p.lat])[0])
    .attr("cy", (p) => projection([p.lon, p.lat])[1])
    .attr("r", (p) => Math.max(2.5, radius(p.count)))
    .attr("fill", (p) => cooperationColor(p.cooperation_share))
    .on("mouseover", (_event, p) => {
      info.textContent = describePoint(p);
    })
    .on("mouseout", () => {
      info.textContent = "";
    })
    .on("click", (_event, p) => onPlace(p));
  circles.append("title").text(describePoint);

  svg.call(
    zoom()
      .scaleExtent([1, 12])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .on("zoom", (event) => {
        layer.attr("transform", event.transform);
        circles.attr("r", (p) => Math.max(2.5, radius(p.count)) / Math.sqrt(event.transform.k));
        layer.selectAll(".country").attr("stroke-width", 0.5 / event.transform.k);
      }),
  );

  if (!points.length) {
    container.append(el("p", { class: "empty overlay", text: "No placed events match these filters." }));
  } else if (data.total_points > points.length) {
    info.textContent = `showing the ${count(points.length)} places with most events of ${count(data.total_points)}`;
  }
}
