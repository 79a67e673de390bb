// Timeline: stacked bars of events per day, week or month, with a brush that selects dates.
import {
  axisBottom,
  axisLeft,
  brushX,
  format,
  max,
  scaleLinear,
  scaleUtc,
  select,
  stack,
  utcDay,
  utcFormat,
  utcMonday,
  utcMonth,
} from "d3";
import { seriesColor, seriesLabel } from "./colors.js";
import { el } from "./dom.js";

const STEPS = { day: utcDay, week: utcMonday, month: utcMonth };
const iso = utcFormat("%Y-%m-%d");
const parse = (text) => new Date(`${text}T00:00:00Z`);
const count = format(",");

// Series keys in a stable order: quad classes 1-4, or PLOVER types by total (none last).
function seriesKeys(buckets, groupBy) {
  const totals = new Map();
  for (const b of buckets) {
    const key = b.group === null ? "none" : b.group;
    totals.set(key, (totals.get(key) || 0) + b.count);
  }
  const keys = [...totals.keys()];
  if (groupBy === "quad_class") return keys.sort();
  return keys.sort((a, b) => (a === "none") - (b === "none") || totals.get(b) - totals.get(a));
}

export function drawTimeline(container, legend, data, options) {
  const { since, until, onBrush } = options;
  const groupBy = data.group_by;
  const step = STEPS[data.interval];
  container.replaceChildren();
  legend.replaceChildren();
  if (!data.buckets.length) {
    container.append(el("p", { class: "empty", text: "No dated events match these filters." }));
    return;
  }
  const keys = seriesKeys(data.buckets, groupBy);
  const byPeriod = new Map();
  for (const b of data.buckets) {
    const row = byPeriod.get(b.period) || { period: parse(b.period), total: 0 };
    const key = b.group === null ? "none" : b.group;
    row[key] = (row[key] || 0) + b.count;
    row.total += b.count;
    byPeriod.set(b.period, row);
  }
  const rows = [...byPeriod.values()].sort((a, b) => a.period - b.period);

  const width = Math.max(320, container.clientWidth);
  const height = container.clientHeight || 210;
  const margin = { top: 10, right: 14, bottom: 24, left: 44 };
  const first = rows[0].period;
  const last = step.offset(rows[rows.length - 1].period, 1);
  const x = scaleUtc().domain([first, last]).range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, max(rows, (r) => r.total) || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);

  const svg = select(container)
    .append("svg")
    .attr("width", width)
    .attr("height", height)
    .attr("role", "img")
    .attr("aria-label", "Events over time");

  const series = stack()
    .keys(keys)
    .value((row, key) => row[key] || 0)(rows);
  svg
    .append("g")
    .selectAll("g")
    .data(series)
    .join("g")
    .attr("fill", (s) => seriesColor(groupBy, s.key))
    .attr("data-series", (s) => s.key)
    .selectAll("rect")
    .data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key })))
    .join("rect")
    .attr("class", "bar")
    .attr("x", (d) => x(d.data.period))
    .attr("width", (d) => Math.max(1, x(step.offset(d.data.period, 1)) - x(d.data.period) - 1))
    .attr("y", (d) => y(d[1]))
    .attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title")
    .text((d) => `${iso(d.data.period)} · ${seriesLabel(groupBy, d.key)}: ${count(d[1] - d[0])}`);

  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat(format("~s")))
    .call((g) => g.select(".domain").remove());

  // The brush: select a date range (snapped to whole periods); a click clears it.
  const brush = brushX()
    .extent([
      [margin.left, margin.top],
      [width - margin.right, height - margin.bottom],
    ])
    .on("end", (event) => {
      if (!event.sourceEvent) return; // moved by code, not by the user
      if (!event.selection) {
        onBrush(null, null);
        return;
      }
      const [x0, x1] = event.selection.map((px) => x.invert(px));
      const start = step.round(x0);
      let end = step.round(x1);
      if (end <= start) end = step.offset(start, 1);
      brushLayer.call(brush.move, [x(start), x(end)]);
      onBrush(iso(start), iso(utcDay.offset(end, -1)));
    });
  const brushLayer = svg.append("g").attr("class", "brush").call(brush);
  if (since || until) {
    const a = since ? Math.max(x(parse(since)), margin.left) : margin.left;
    const b = until ? Math.min(x(utcDay.offset(parse(until), 1)), width - margin.right) : width - margin.right;
    if (b > a) brushLayer.call(brush.move, [a, b]);
  }

  for (const key of keys) {
    legend.append(
      el(
        "span",
        {},
        el("i", { class: "swatch", style: `background:${seriesColor(groupBy, key)}` }),
        seriesLabel(groupBy, key),
      ),
    );
  }
}

// A sensible interval for a span of dates: days up to four months, weeks up to three years.
export function autoInterval(first, last) {
  if (!first || !last) return "week";
  const days = (parse(last) - parse(first)) / 864e5;
  return days <= 120 ? "day" : days <= 3 * 366 ? "week" : "month";
}
