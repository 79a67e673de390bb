"""Dev macro-F1 / no-event rate over a wider threshold range (fairness check for the baseline)."""

import json
import sys

import numpy as np

sys.path.insert(0, "/work/exp-ft")
import common as c

c.THRESHOLDS = (0.0, 0.06, 0.1, 0.15, 0.2, 0.3)
dev = c.load("dev_cands.jsonl")
for name in sys.argv[1:]:
    if "+" in name:
        a, b = name.split("+")
        p = 0.5 * np.load(a) + 0.5 * np.load(b)
    else:
        p = np.load(name)
    print(name, json.dumps(c.dev_scores(dev, p)))
