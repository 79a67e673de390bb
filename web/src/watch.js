// The header's watch line: the last poll of `eventwire watch`, and what was stored since the
// user's last look (a time kept in localStorage, per database). Hidden on a store that is not
// watched, so older stores look as they always did.
import { format } from "d3";
import { getJSON } from "./api.js";
import { $, el } from "./dom.js";

const count = format(",");
const REFRESH_MS = 60_000;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/; // what nowStamp() writes

// Now, in the form /api/watch's `since` and the ingested_since filter take (UTC, seconds).
export function nowStamp() {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

// "03:15 UTC", with the day in front when it is not today (UTC).
export function utcTime(stamp) {
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return stamp;
  const iso = date.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === new Date().toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

function plural(n, word) {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}

// localStorage may be unavailable (private windows, policies): then the last look lasts as
// long as the page.
function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // kept in memory only
  }
}

function describePoll(poll) {
  const lines = [
    `Poll started ${poll.started_at}, finished ${poll.finished_at}: ${plural(poll.new_items, "new item")}, ` +
      `${count(poll.coded)} coded, ${count(poll.failed)} failed, ${plural(poll.events, "event")}, ` +
      `${plural(poll.alerts, "alert")}`,
  ];
  if (poll.errors.length) lines.push("Could not read:", ...poll.errors);
  return lines.join("\n");
}

function drawStatus(status, lastLook) {
  const box = $("#watch-status");
  box.hidden = !status.watching || !status.last_poll;
  if (box.hidden) return;
  const poll = status.last_poll;
  const line = $("#watch-poll");
  line.replaceChildren(
    `Last poll ${utcTime(poll.started_at)} · ${plural(poll.coded, "new article")} · ` +
      `${plural(poll.sources, "source")}`,
    poll.errors.length ? el("span", { class: "warn" }, ` · ${plural(poll.errors.length, "error")}`) : null,
  );
  line.title = describePoll(poll);
  const fresh = status.since;
  const news = $("#watch-new");
  news.hidden = !fresh || fresh.articles === 0;
  if (news.hidden) return;
  $("#watch-new-count").textContent =
    `New since your last look: ${plural(fresh.events, "event")} in ${plural(fresh.articles, "article")}`;
  news.title = `stored since ${utcTime(lastLook)}`;
}

// Shows the watch line and refreshes it every minute; onShow(since) shows the new events.
// Its "new articles" are the last poll's items coded and stored (the tooltip has the rest).
export function startWatch(database, onShow) {
  const key = `eventwire:last-look:${database}`;
  let lastLook = readStored(key);
  if (!lastLook || !STAMP.test(lastLook)) {
    lastLook = nowStamp(); // first visit: nothing is new yet
    writeStored(key, lastLook);
  }
  let latest = 0; // an older answer (before "mark as seen") must not overwrite a newer one
  const refresh = async () => {
    const id = ++latest;
    try {
      const status = await getJSON("/api/watch", { since: lastLook });
      if (id === latest) drawStatus(status, lastLook);
    } catch {
      // the status line is secondary: the views report the server's errors
    }
  };
  $("#watch-show").addEventListener("click", () => onShow(lastLook));
  $("#watch-seen").addEventListener("click", () => {
    lastLook = nowStamp();
    writeStored(key, lastLook);
    refresh();
  });
  refresh();
  setInterval(refresh, REFRESH_MS);
}
