// The eventwire explorer: filters → timeline (brush selects dates), actor network, map and
// event table; #/article/ID?event=N opens an article at an event's evidence.
import { format } from "d3";
import { getJSON, queryString } from "./api.js";
import { focusEvent, renderArticle } from "./article.js";
import { $, articleHash, debounce, el, truncate } from "./dom.js";
import { currentGraph, describeEdge, drawNetwork } from "./network.js";
import { drawMap } from "./map.js";
import { drawTable, eventRow, pageInfo } from "./table.js";
import { autoInterval, drawTimeline } from "./timeline.js";
import { startWatch, utcTime } from "./watch.js";

const count = format(",");
const FILTER_KEYS = [
  "actor",
  "country",
  "cameo",
  "plover_type",
  "quad_class",
  "min_confidence",
  "since",
  "until",
  "outlet",
  "location_country",
  "q",
  "ingested_since", // set by the header's "show them" (new since your last look)
];
const PAGE_SIZE = 50;

const state = {
  filters: {},
  pair: null, // {level, source, target}: every view limited to one network edge
  interval: "week",
  groupBy: "quad_class",
  level: "actor",
  sort: "date",
  merged: true, // count merged events (one per real-world event), or every report
  offset: 0,
  dashboardHash: "#/",
  cache: {},
};
const sequence = {}; // the latest request per view: older answers are dropped

// ------------------------------------------------------------------ filters
function apiFilters({ dates = true } = {}) {
  const f = { ...state.filters, merged: state.merged };
  if (!dates) {
    delete f.since;
    delete f.until;
  }
  if (state.pair) {
    if (state.pair.level === "country") {
      f.source_country = state.pair.source;
      f.target_country = state.pair.target;
    } else {
      f.source = state.pair.source;
      f.target = state.pair.target;
      f.exact = true;
    }
  }
  return f;
}

function readForm() {
  const form = $("#filters");
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

function writeForm() {
  const form = $("#filters");
  for (const key of FILTER_KEYS) form.elements[key].value = state.filters[key] || "";
  const chip = $("#edge-filter");
  chip.hidden = !state.pair;
  if (state.pair) {
    chip.replaceChildren(
      el("span", {}, `only ${state.pair.source} → ${state.pair.target}`),
      el("button", { type: "button", title: "remove", onclick: () => setPair(null) }, "✕"),
    );
  }
  const stored = $("#stored-filter");
  stored.hidden = !state.filters.ingested_since;
  if (state.filters.ingested_since) {
    stored.replaceChildren(
      el("span", {}, `only articles stored since ${utcTime(state.filters.ingested_since)}`),
      el("button", { type: "button", title: "remove", onclick: clearStoredSince }, "✕"),
    );
  }
  $("#clear-dates").hidden = !(state.filters.since || state.filters.until);
}

function syncHash() {
  const params = { ...state.filters };
  if (state.pair) Object.assign(params, { pair: `${state.pair.level}:${state.pair.source}:${state.pair.target}` });
  if (!state.merged) params.reports = "all"; // merged events are the default
  state.dashboardHash = `#/${queryString(params)}`;
  if (!window.location.hash.startsWith("#/article/")) history.replaceState(null, "", state.dashboardHash);
  $("#back-link").setAttribute("href", state.dashboardHash);
}

function filtersFromHash(hash) {
  const query = hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "";
  const params = new URLSearchParams(query);
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  let pair = null;
  const [level, source, target] = (params.get("pair") || "").split(":");
  if (source && target && (level === "actor" || level === "country")) pair = { level, source, target };
  return { filters, pair, merged: params.get("reports") !== "all" };
}

function applyFilters(filters, { timeline = true } = {}) {
  state.filters = filters;
  state.offset = 0;
  $("#group-mentions").hidden = true;
  writeForm();
  syncHash();
  if (timeline) loadTimeline();
  loadNetwork();
  loadMap();
  loadTable();
}

function setDates(since, until) {
  const filters = { ...state.filters };
  for (const [key, value] of [
    ["since", since],
    ["until", until],
  ]) {
    if (value) filters[key] = value;
    else delete filters[key];
  }
  applyFilters(filters, { timeline: false });
}

function clearStoredSince() {
  const filters = { ...state.filters };
  delete filters.ingested_since;
  applyFilters(filters);
}

// The header's "show them": the dashboard limited to the events of the articles stored since
// the user's last look (a new history entry, so Back returns to the view before).
function showStoredSince(since) {
  history.pushState(null, "", `#/${queryString({ ingested_since: since, reports: state.merged ? undefined : "all" })}`);
  route();
  $("#table-view").scrollIntoView({ block: "start" });
}

function setPair(pair) {
  state.pair = pair;
  if (pair) {
    const filters = { ...state.filters };
    delete filters.actor; // an exact pair and an actor prefix would fight
    state.filters = filters;
  }
  $("#edge-events").hidden = true;
  applyFilters(state.filters);
}

// ------------------------------------------------------------------ views
function showError(message) {
  const banner = $("#error-banner");
  banner.textContent = message;
  banner.hidden = !message;
}

async function load(view, container, fetcher, draw) {
  const id = (sequence[view] = (sequence[view] || 0) + 1);
  container.dataset.state = "loading";
  try {
    const data = await fetcher();
    if (id !== sequence[view]) return;
    state.cache[view] = data;
    await draw(data);
    if (id !== sequence[view]) return;
    container.dataset.state = "ready";
    showError("");
  } catch (err) {
    if (id !== sequence[view]) return;
    container.dataset.state = "error";
    showError(err.message);
  }
}

function loadTimeline() {
  const container = $("#timeline");
  return load(
    "timeline",
    container,
    () =>
      getJSON("/api/aggregates/timeline", {
        ...apiFilters({ dates: false }),
        interval: state.interval,
        group_by: state.groupBy,
      }),
    (data) => drawTimelineNow(data),
  );
}

function drawTimelineNow(data) {
  drawTimeline($("#timeline"), $("#timeline-legend"), data, {
    since: state.filters.since,
    until: state.filters.until,
    onBrush: setDates,
  });
}

function loadNetwork() {
  const container = $("#network");
  $("#edge-events").hidden = true;
  return load(
    "network",
    container,
    () => getJSON("/api/aggregates/network", { ...apiFilters(), level: state.level, limit: 120 }),
    (data) => drawNetwork(container, $("#network-info"), data, { onEdge: showEdgeEvents }),
  );
}

function loadMap() {
  const container = $("#map");
  return load(
    "map",
    container,
    () => getJSON("/api/aggregates/map", { ...apiFilters(), limit: 1500 }),
    (data) => drawMapNow(data),
  );
}

function drawMapNow(data) {
  return drawMap($("#map"), $("#map-info"), data, {
    onPlace: (place) => {
      if (!place.country) return;
      applyFilters({ ...state.filters, location_country: place.country });
    },
  });
}

function loadTable() {
  const table = $("#events-table");
  $("#csv-link").setAttribute("href", `/api/events.csv${queryString({ ...apiFilters(), sort: state.sort })}`);
  $("#sort-date").textContent = state.sort === "date" ? "Date ▲" : "Date ▼";
  return load(
    "table",
    table,
    () => getJSON("/api/events", { ...apiFilters(), sort: state.sort, limit: PAGE_SIZE, offset: state.offset }),
    (page) => {
      drawTable(table.tBodies[0], page, showGroup);
      $("#table-count").textContent = `${count(page.total)} ${state.merged ? "merged event(s)" : "report(s)"} match`;
      $("#page-info").textContent = pageInfo(page);
      $("#prev-page").disabled = page.offset === 0;
      $("#next-page").disabled = !page.next;
    },
  );
}

async function showEdgeEvents(edge) {
  const panel = $("#edge-events");
  const level = state.level;
  const pairFilters =
    level === "country"
      ? { source_country: edge.source, target_country: edge.target }
      : { source: edge.source, target: edge.target, exact: true };
  const filters = { ...apiFilters(), ...pairFilters };
  if (level === "actor") delete filters.actor;
  panel.hidden = false;
  panel.dataset.state = "loading";
  panel.replaceChildren(el("p", { class: "hint" }, `loading ${edge.source} → ${edge.target}…`));
  try {
    const page = await getJSON("/api/events", { ...filters, limit: 100, sort: "-date" });
    const list = el(
      "ol",
      {},
      page.items.map((e) =>
        el(
          "li",
          {},
          el("span", { class: "code" }, `${e.date || "undated"} ${e.cameo}`),
          " ",
          e.cameo_name || "",
          " — ",
          el("a", { href: articleHash(e.article_id, e.id), class: "evidence-link" }, truncate(e.evidence || "", 160)),
        ),
      ),
    );
    const parts = [
      el(
        "header",
        {},
        el("h3", {}, `${edge.source} → ${edge.target}`),
        el("span", { class: "hint" }, describeEdge(edge)),
        el(
          "div",
          { class: "controls" },
          el(
            "button",
            {
              type: "button",
              class: "secondary small",
              onclick: () => setPair({ level, source: edge.source, target: edge.target }),
            },
            "filter all views to this pair",
          ),
          el("button", { type: "button", class: "secondary small", onclick: () => (panel.hidden = true) }, "close"),
        ),
      ),
      page.total > page.items.length
        ? el("p", { class: "hint" }, `the ${page.items.length} latest of ${count(page.total)} events`)
        : null,
      list,
    ];
    panel.replaceChildren(...parts.filter(Boolean));
    panel.dataset.state = "ready";
  } catch (err) {
    panel.dataset.state = "error";
    panel.replaceChildren(el("p", { class: "error-message" }, err.message));
  }
}

function describeNote(note) {
  if (!note) return "";
  if ("founded" in note) return "founded the merged event";
  if ("joined" in note) {
    const checks = Object.keys(note.checks || {}).join(", ");
    return `joined${note.reversed ? " (source and target swapped)" : ""}${checks ? `, matching ${checks}` : ""}`;
  }
  return "";
}

async function showGroup(row) {
  const panel = $("#group-mentions");
  panel.hidden = false;
  panel.dataset.state = "loading";
  panel.replaceChildren(el("p", { class: "hint" }, "loading the reports…"));
  try {
    const { group: g, mentions } = await getJSON(`/api/events/groups/${encodeURIComponent(row.group_id)}`);
    const list = el(
      "ol",
      {},
      mentions.map((m) =>
        el(
          "li",
          { title: JSON.stringify(m.merge_note || {}) },
          el("span", { class: "code" }, `${m.reported || "undated"} ${m.outlet || "unknown outlet"}`),
          " ",
          truncate(m.title || m.article_id, 80),
          " — ",
          el("a", { href: articleHash(m.article_id, m.event_id), class: "evidence-link" }, truncate(m.evidence || "", 160)),
          el("span", { class: "sub" }, ` ${m.source_code || "–"} ${m.cameo} ${m.target_code || "–"} · ${describeNote(m.merge_note)}`),
        ),
      ),
    );
    panel.replaceChildren(
      el(
        "header",
        {},
        el("h3", {}, `${g.date || "undated"}: ${g.source_code || "–"} ${g.cameo} ${g.target_code || "–"}`),
        el(
          "span",
          { class: "hint" },
          `${g.cameo_name || ""} · ${g.num_mentions} report(s), ${g.num_sources} outlet(s), ` +
            `${g.num_articles} article(s), reported ${g.first_reported || "?"} – ${g.last_reported || "?"}`,
        ),
        el(
          "div",
          { class: "controls" },
          el("button", { type: "button", class: "secondary small", onclick: () => (panel.hidden = true) }, "close"),
        ),
      ),
      list,
    );
    panel.dataset.state = "ready";
  } catch (err) {
    panel.dataset.state = "error";
    panel.replaceChildren(el("p", { class: "error-message" }, err.message));
  }
}

// ------------------------------------------------------------------ article view
const articleParts = () => ({
  title: $("#article-title"),
  meta: $("#article-meta"),
  text: $("#article-text"),
  events: $("#article-events"),
  quotes: $("#article-quotes"),
  eventCount: $("#article-event-count"),
  quoteCount: $("#article-quote-count"),
});

async function showArticle(articleId, eventId) {
  const view = $("#article-view");
  $("#dashboard").hidden = true;
  view.hidden = false;
  view.dataset.state = "loading";
  const parts = articleParts();
  if (state.cache.article && state.cache.article.id === articleId) {
    focusEvent(parts, eventId);
    view.dataset.state = "ready";
    return;
  }
  parts.title.textContent = "loading…";
  for (const key of ["meta", "text", "events", "quotes"]) parts[key].replaceChildren();
  try {
    const article = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
    state.cache.article = article;
    document.title = `${article.title || article.id} · eventwire explorer`;
    renderArticle(parts, article, eventId, (id) => {
      history.replaceState(null, "", articleHash(articleId, id));
      focusEvent(parts, id);
    });
    if (eventId === null) window.scrollTo(0, 0);
    view.dataset.state = "ready";
    showError("");
  } catch (err) {
    parts.title.textContent = "Article not available";
    view.dataset.state = "error";
    showError(err.message);
  }
}

function route() {
  const hash = window.location.hash || "#/";
  const match = hash.match(/^#\/article\/([^?]+)(?:\?event=(\d+))?/);
  if (match) {
    showArticle(decodeURIComponent(match[1]), match[2] ? Number(match[2]) : null);
    return;
  }
  $("#article-view").hidden = true;
  $("#dashboard").hidden = false;
  document.title = "eventwire explorer";
  const wanted = filtersFromHash(hash);
  const current = `#/${queryString({
    ...wanted.filters,
    pair: wanted.pair && `${wanted.pair.level}:${wanted.pair.source}:${wanted.pair.target}`,
    reports: wanted.merged ? undefined : "all",
  })}`;
  if (current !== state.dashboardHash || !state.started) {
    state.started = true;
    state.pair = wanted.pair;
    state.merged = wanted.merged;
    for (const radio of document.querySelectorAll("input[name=count-mode]")) {
      radio.checked = (radio.value === "merged") === wanted.merged;
    }
    if (wanted.pair) state.level = wanted.pair.level;
    $("#network-level").value = state.level;
    applyFilters(wanted.filters);
  } else {
    redraw();
  }
}

// ------------------------------------------------------------------ start
function redraw() {
  if (state.cache.timeline) drawTimelineNow(state.cache.timeline);
  if (state.cache.map) drawMapNow(state.cache.map);
  const graph = currentGraph();
  if (graph) {
    graph.resize();
    graph.fit(undefined, 24);
  }
}

async function start() {
  let summary;
  try {
    summary = await getJSON("/api/summary");
  } catch (err) {
    showError(err.message);
    return;
  }
  $("#summary").textContent =
    `${count(summary.articles)} articles · ${count(summary.events)} events · ` +
    `${count(summary.quotes)} quotes · events ${summary.event_dates[0] || "?"} – ` +
    `${summary.event_dates[1] || "?"} · ${summary.database}`;
  startWatch(summary.database, showStoredSince);
  state.interval = autoInterval(summary.event_dates[0], summary.event_dates[1]);
  $("#timeline-interval").value = state.interval;
  const plover = $("#filters").elements.plover_type;
  for (const type of summary.plover_types) plover.append(el("option", { value: type }, type));
  try {
    const outlets = await getJSON("/api/outlets", { limit: 1000 });
    const select = $("#filters").elements.outlet;
    for (const o of outlets.items) {
      select.append(el("option", { value: o.name }, `${truncate(o.name, 28)} (${count(o.articles)})`));
    }
  } catch (err) {
    showError(err.message);
  }

  const form = $("#filters");
  const submit = (event) => {
    if (event) event.preventDefault();
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    const next = readForm();
    if (queryString(next) !== queryString(state.filters)) {
      const datesOnly = FILTER_KEYS.every(
        (k) => k === "since" || k === "until" || (next[k] || "") === (state.filters[k] || ""),
      );
      applyFilters(next, { timeline: true });
      if (datesOnly && state.cache.timeline) drawTimelineNow(state.cache.timeline);
    }
  };
  form.addEventListener("submit", submit);
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT" || ["date", "number"].includes(event.target.type)) submit();
  });
  $("#reset-filters").addEventListener("click", () => {
    state.pair = null;
    applyFilters({});
  });
  $("#clear-dates").addEventListener("click", () => {
    setDates(null, null);
    if (state.cache.timeline) drawTimelineNow(state.cache.timeline);
  });
  $("#timeline-interval").addEventListener("change", (event) => {
    state.interval = event.target.value;
    loadTimeline();
  });
  $("#timeline-group").addEventListener("change", (event) => {
    state.groupBy = event.target.value;
    loadTimeline();
  });
  $("#network-level").addEventListener("change", (event) => {
    state.level = event.target.value;
    if (state.pair) setPair(null);
    else loadNetwork();
  });
  for (const radio of document.querySelectorAll("input[name=count-mode]")) {
    radio.addEventListener("change", (event) => {
      state.merged = event.target.value === "merged";
      applyFilters(state.filters);
    });
  }
  $("#sort-date").addEventListener("click", () => {
    state.sort = state.sort === "date" ? "-date" : "date";
    state.offset = 0;
    loadTable();
  });
  $("#prev-page").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadTable();
  });
  $("#next-page").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadTable();
  });
  for (const [box, cls] of [
    ["#show-actors", "hide-actors"],
    ["#show-events", "hide-events"],
    ["#show-quotes", "hide-quotes"],
  ]) {
    $(box).addEventListener("change", (event) => $("#article-text").classList.toggle(cls, !event.target.checked));
  }
  window.addEventListener("hashchange", route);
  window.addEventListener("resize", debounce(() => !$("#dashboard").hidden && redraw(), 200));
  route();
}

// For tests and the curious: the graph (to find an edge on the canvas) and the state.
window.eventwireExplorer = { graph: currentGraph, state, eventRow };

start();
