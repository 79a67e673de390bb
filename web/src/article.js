// The article view: the stored text with actor mentions, event evidence and quotes
// highlighted (all spans index the stored text; a headline event's span indexes the title).
import { QUAD_NAMES } from "./colors.js";
import { el, safeHref, truncate } from "./dom.js";

// Split `text` at every annotation boundary; each piece is a text node, wrapped in a <span>
// carrying the kinds and ids of the annotations that cover it.
export function highlight(text, annotations) {
  const spans = annotations.filter(
    (a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start >= 0 && a.end <= text.length && a.start < a.end,
  );
  const cuts = new Set([0, text.length]);
  for (const a of spans) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const active = spans.filter((a) => a.start <= from && a.end >= to);
    if (!active.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    const span = el("span", {}, piece);
    const ids = { event: [], quote: [], actor: [], sentence: [] };
    for (const a of active) {
      span.classList.add(`hl-${a.kind}`);
      ids[a.kind].push(a.id);
    }
    if (ids.event.length) span.dataset.events = ids.event.join(" ");
    if (ids.quote.length) span.dataset.quotes = ids.quote.join(" ");
    if (ids.actor.length) span.dataset.actors = ids.actor.join(" ");
    span.title = active
      .map((a) => a.title)
      .filter(Boolean)
      .join("\n");
    fragment.append(span);
  }
  return fragment;
}

function actorLabel(code, text) {
  if (code && text) return `${code} (${truncate(text, 40)})`;
  return code || text || "?";
}

export function eventSummary(e) {
  const pieces = [actorLabel(e.source_code, e.source_text), "→", e.cameo];
  if (e.cameo_name) pieces.push(truncate(e.cameo_name, 50));
  pieces.push("→", actorLabel(e.target_code, e.target_text));
  return pieces.join(" ");
}

function eventTitle(e) {
  const lines = [`Event ${e.id}: ${eventSummary(e)}`];
  if (e.quad_class) lines.push(`quad class ${e.quad_class} (${QUAD_NAMES[e.quad_class]})`);
  if (e.date) lines.push(`date ${e.date}${e.date_expression ? ` (“${e.date_expression}”)` : ""}`);
  if (e.location_name) lines.push(`place ${e.location_name}${e.location_country ? `, ${e.location_country}` : ""}`);
  if (e.negated) lines.push("negated");
  if (e.confidence !== null && e.confidence !== undefined) lines.push(`confidence ${e.confidence.toFixed(2)}`);
  return lines.join("\n");
}

let current = null;

// The body text with its highlights; the focused event's sentence gets a light background.
function renderText(focusEventId) {
  const { parts, article, eventMarks } = current;
  const bodyEvents = article.events.filter((e) => e.sentence >= 0);
  const actors = article.mentions
    .filter((m) => (m.label || "").startsWith("ACTOR:"))
    .map((m) => ({
      start: m.start_char,
      end: m.end_char,
      kind: "actor",
      id: m.id,
      title: `Actor ${m.actor_code || "(unresolved)"}${m.actor_name ? `: ${m.actor_name}` : ""} — ${m.label.slice(6)}`,
    }));
  const quoteMarks = article.quotes.flatMap((q) =>
    (q.content.length ? q.content : [[q.start_char, q.end_char]]).map(([start, end]) => ({
      start,
      end,
      kind: "quote",
      id: q.id,
      title: `Quote ${q.id} (${q.kind}) by ${q.speaker_code || q.speaker_text || "unknown speaker"}`,
    })),
  );
  const focused = article.events.find((e) => e.id === focusEventId);
  const sentence = focused && focused.sentence >= 0 ? article.sentences[focused.sentence] : null;
  const context = sentence ? [{ start: sentence[0], end: sentence[1], kind: "sentence", id: focused.id, title: "" }] : [];
  parts.text.replaceChildren(highlight(article.text, [...context, ...actors, ...eventMarks(bodyEvents), ...quoteMarks]));
}

export function renderArticle(parts, article, focusEventId, onFocusEvent) {
  const { title, meta, events, quotes, eventCount, quoteCount } = parts;
  const headlineEvents = article.events.filter((e) => e.sentence < 0);
  const eventMarks = (list) =>
    list.map((e) => ({ start: e.start_char, end: e.end_char, kind: "event", id: e.id, title: eventTitle(e) }));

  title.replaceChildren(highlight(article.title || "(untitled)", article.title ? eventMarks(headlineEvents) : []));
  meta.replaceChildren(
    ...[
      article.published ? el("span", {}, `published ${article.published}`) : null,
      article.source ? el("span", {}, article.source) : null,
      safeHref(article.url)
        ? el("a", { href: safeHref(article.url), rel: "noopener noreferrer nofollow", target: "_blank" }, "original")
        : null,
      el("span", { class: "code" }, `id ${article.id}`),
    ].filter(Boolean),
  );

  current = { parts, article, eventMarks };
  renderText(focusEventId);

  eventCount.textContent = `(${article.events.length})`;
  events.replaceChildren(
    ...article.events.map((e) =>
      el(
        "li",
        { dataset: { eventId: e.id } },
        el(
          "button",
          { type: "button", class: "link", onclick: () => onFocusEvent(e.id) },
          `${e.date || "undated"} · ${eventSummary(e)}${e.negated ? " (negated)" : ""}`,
        ),
        el("span", { class: "evidence" }, truncate(e.evidence || "", 220)),
      ),
    ),
  );
  if (!article.events.length) events.append(el("li", { class: "hint" }, "no events coded"));

  quoteCount.textContent = `(${article.quotes.length})`;
  quotes.replaceChildren(
    ...article.quotes.map((q) =>
      el(
        "li",
        { dataset: { quoteId: q.id } },
        el(
          "button",
          { type: "button", class: "link", onclick: () => focusQuote(parts.text, q.id) },
          `${q.speaker_code || q.speaker_text || "unknown speaker"}${q.cue ? ` ${q.cue}` : ""}:`,
        ),
        el("span", { class: "evidence" }, `“${truncate(q.text, 220)}”`),
      ),
    ),
  );
  if (!article.quotes.length) quotes.append(el("li", { class: "hint" }, "no quotes found"));

  if (focusEventId !== null && focusEventId !== undefined) focusEvent(parts, focusEventId);
}

function clearFocus(root) {
  for (const node of root.querySelectorAll(".hl-focus")) node.classList.remove("hl-focus");
}

// Mark an event's evidence span and scroll it into view; true when the span was found.
export function focusEvent(parts, eventId) {
  const { title, text, events } = parts;
  if (current && current.parts === parts) renderText(eventId);
  clearFocus(text);
  clearFocus(title);
  for (const li of events.querySelectorAll("li.focused")) li.classList.remove("focused");
  const selector = `[data-events~="${CSS.escape(String(eventId))}"]`;
  const pieces = [...title.querySelectorAll(selector), ...text.querySelectorAll(selector)];
  for (const piece of pieces) piece.classList.add("hl-focus");
  const item = events.querySelector(`li[data-event-id="${CSS.escape(String(eventId))}"]`);
  if (item) item.classList.add("focused");
  if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
  return pieces.length > 0;
}

function focusQuote(text, quoteId) {
  clearFocus(text);
  const pieces = [...text.querySelectorAll(`[data-quotes~="${CSS.escape(String(quoteId))}"]`)];
  for (const piece of pieces) piece.classList.add("hl-focus");
  if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
}
