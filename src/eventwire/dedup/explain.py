"""Plain-text rendering of ``Store.explain_group``: a merged event and why each mention is in it."""

from __future__ import annotations

import textwrap
from typing import Any


def _place(name: Any, method: Any) -> str:
    if not name:
        return "no place"
    return f"{name} ({method})" if method else str(name)


def _date(date: Any, precision: Any) -> str:
    return f"{date} ({precision})" if date else "no date"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(explained: dict[str, Any]) -> str:
    g = explained["group"]
    mode = ("negated " if g["negated"] else "") + g["modality"]
    lines = [
        f"Merged event {g['id']}: {g['source_code'] or '-'} {g['cameo']} "
        f"{g['target_code'] or '-'}, {_date(g['date'], g['date_precision'])}, "
        f"{_place(g['location_name'], None)}, {mode}",
        f"  {_plural(g['num_mentions'], 'mention')}, {_plural(g['num_sources'], 'source')}, "
        f"{_plural(g['num_articles'], 'article')}, {_plural(g['num_stories'], 'story')}; "
        f"reported {g['first_reported']} .. {g['last_reported']}",
        "",
    ]
    for m in explained["mentions"]:
        lines.append(
            f"- event {m['event_id']}: {m['outlet'] or 'unknown outlet'}, {m['reported']}, "
            f"article {m['article_id']} (story {m['story_id']}), sentence {m['sentence']} "
            f"[{m['start_char']}:{m['end_char']}]"
        )
        lines.append(
            f"  {m['source_code'] or '-'} {m['cameo']} {m['target_code'] or '-'}, "
            f"{_date(m['date'], m['date_precision'])}, "
            f"{_place(m['location_name'], m['location_method'])}"
        )
        evidence = " ".join((m["evidence"] or "").split())
        lines.append("  " + textwrap.shorten(f'"{evidence}"', width=108, placeholder=' …"'))
        note = m["merge_note"] or {}
        if "founded" in note:
            lines.append("  founded the group")
            for gid, failed in (note.get("rejected") or {}).items():
                why = "; ".join(f"{k}: {v}" for k, v in failed.items())
                lines.append(f"    not group {gid}: {why}")
        elif "joined" in note:
            how = " (source and target swapped)" if note.get("reversed") else ""
            lines.append(f"  joined{how}, matching the group's record at the time on:")
            for name, text in note.get("checks", {}).items():
                lines.append(f"    {name}: {text}")
            if note.get("other_matching_groups"):
                lines.append(
                    f"    (also matched {note['other_matching_groups']} other group(s); "
                    "chose the closest in date)"
                )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
