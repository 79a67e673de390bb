"""One-off load times of the packaged knowledge, each in a fresh process: the actor knowledge
base, the verb dictionary and the gazetteer. Prints JSON.

    .venv/bin/python benchmarks/load_times.py
"""

from __future__ import annotations

import json
import subprocess
import sys

LOADERS = {
    "actor_kb": "from eventwire.actors.kb import fresh_kb as load; load()",
    "verb_dictionary": "from eventwire.events.verbs import load_verbs as load; load()",
    "gazetteer": "from eventwire.place import load_gazetteer as load; load()",
}


def main() -> int:
    report: dict[str, float] = {}
    for name, code in LOADERS.items():
        setup, call = code.split("; ")
        script = (
            f"import time\n{setup}\nt = time.perf_counter()\n{call}\nprint(time.perf_counter() - t)"
        )
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        report[f"{name}_seconds"] = round(float(out.stdout.strip() or "nan"), 3)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
