// The event table: one page of filtered events, each linking to its evidence.
import { format } from "d3";
import { QUAD_NAMES } from "./colors.js";
import { articleHash, el, truncate } from "./dom.js";

const count = format(",");

function actorCell(code, text, name) {
  if (!code && !text) return el("td", { class: "muted" }, "–");
  return el(
    "td",
    { title: [name, text].filter(Boolean).join(" · ") },
    el("span", { class: "code" }, code || "?"),
    text ? el("span", { class: "sub" }, truncate(text, 40)) : null,
  );
}

function plural(n, word) {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}

function reportsCell(e, onGroup) {
  const mentions = e.num_mentions ?? 1;
  const detail = `${plural(e.num_sources ?? 1, "outlet")} · ${plural(e.num_articles ?? 1, "article")}`;
  const title = `${plural(mentions, "report")} of this event: ${detail}`;
  if (e.group_id === null || e.group_id === undefined || !onGroup) {
    return el("td", { class: "num reports", title }, count(mentions), el("span", { class: "sub" }, detail));
  }
  return el(
    "td",
    { class: "num reports", title },
    el(
      "button",
      { type: "button", class: "link group-link", dataset: { groupId: e.group_id }, onclick: () => onGroup(e) },
      count(mentions),
    ),
    el("span", { class: "sub" }, detail),
  );
}

// The coder's confidence; "–" when it gives none (such events pass every min. confidence).
function confidenceCell(value) {
  if (value === null || value === undefined) {
    return el("td", { class: "num muted confidence", title: "no confidence given by the coder" }, "–");
  }
  return el("td", { class: "num confidence", title: `confidence ${value}` }, value.toFixed(2));
}

export function eventRow(e, onGroup) {
  const place = e.location_name
    ? `${e.location_name}${e.location_country ? ` (${e.location_country})` : ""}`
    : "";
  return el(
    "tr",
    { dataset: { eventId: e.id } },
    el(
      "td",
      { class: "date", title: e.date_expression ? `from “${e.date_expression}”` : e.date_precision || "" },
      e.date || "–",
    ),
    actorCell(e.source_code, e.source_text, e.source_name),
    el(
      "td",
      { title: [e.cameo_name, e.plover_type].filter(Boolean).join(" · ") },
      el("span", { class: "code" }, e.cameo),
      " ",
      truncate(e.cameo_name || "", 38),
      e.negated ? el("span", { class: "neg" }, " NOT") : null,
      e.modality && e.modality !== "asserted" ? el("span", { class: "sub" }, e.modality) : null,
      e.plover_type ? el("span", { class: "sub" }, e.plover_type) : null,
    ),
    actorCell(e.target_code, e.target_text, e.target_name),
    el(
      "td",
      {},
      e.quad_class
        ? el("span", { class: `quad q${e.quad_class}`, title: QUAD_NAMES[e.quad_class] }, e.quad_class)
        : "–",
    ),
    el("td", { class: "num" }, e.goldstein === null ? "–" : e.goldstein.toFixed(1)),
    confidenceCell(e.confidence),
    el("td", {}, place),
    el("td", {}, truncate(e.article_source || "", 30)),
    reportsCell(e, onGroup),
    el(
      "td",
      { class: "evidence" },
      el(
        "a",
        { href: articleHash(e.article_id, e.id), class: "evidence-link", title: "open the article at this evidence" },
        truncate(e.evidence || "(no evidence sentence)", 180),
      ),
    ),
  );
}

export function drawTable(tbody, page, onGroup) {
  tbody.replaceChildren();
  if (!page.items.length) {
    tbody.append(el("tr", {}, el("td", { colspan: 11, class: "empty" }, "No events match these filters.")));
    return;
  }
  for (const e of page.items) tbody.append(eventRow(e, onGroup));
}

export function pageInfo(page) {
  if (!page.total) return "0 events";
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  return `${count(first)}–${count(last)} of ${count(page.total)}`;
}
