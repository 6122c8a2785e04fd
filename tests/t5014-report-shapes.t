#!/bin/sh
# gov-report on a large plan: 3,000 tasks of 20 units each and their
# 60,000 reports.  Each task's unit looked for its report through every
# report of the plan (tasks x units x reports: 20 s here); now through
# its task's own.  The limit is far below the time before (20 s plain,
# some 130 s with the sanitizers) and generous for a slow machine: now
# 1.1 s plain, 7.5 s with the sanitizers, which missed 10 s on a loaded
# machine.
. "$(dirname "$0")/lib.sh"

LIMIT=10
if [ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ]; then
	LIMIT=60
fi

py - <<'PY'
import json
T, U, UT = 3000, 200, 20
units = [{"id": "u%d" % i, "name": "单位%d" % i} for i in range(U)]
tasks = []
for t in range(T):
    us = [(t * 7 + k) % U for k in range(UT)]
    tasks.append({"id": str(t + 1), "section": "s%d" % (t % 10), "title": "任务%d" % t,
                  "lead": ["u%d" % us[0]], "cooperating": ["u%d" % u for u in us[1:]],
                  "milestones": [{"due": "2026Q4", "target": "m"}]})
json.dump({"plan": {"id": "big", "title": "t", "issued": "2024-08-21", "start": "2025Q2",
                    "end": "2026Q4", "reporting": "quarterly"},
           "units": units, "tasks": tasks}, open("plan.json", "w"), ensure_ascii=False)
with open("progress.jsonl", "w") as f:
    for t in tasks:
        for k, u in enumerate([t["lead"][0]] + t["cooperating"]):
            if t["id"] == "3000" and k == 19:
                continue                       # one report missing
            f.write(json.dumps({"type": "progress", "task": t["id"], "unit": u,
                                "quarter": "2025Q3", "status": "on-track", "percent": 50,
                                "summary": "x", "reported": "2025-10-01"}) + "\n")
PY

R="gov-report --today $T_TODAY"
run $R plan load plan.json
is "a plan of 3,000 tasks: loaded" "$RC" 0
run $R add progress.jsonl
is "... 59,999 reports added" "$RC" 0
run timeout $LIMIT $R --format ndjson quarter 2025Q3
is "... compiled within ${LIMIT}s" "$RC" 0
is "... every task on track, one report missing" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin]
ts = [r for r in rs if r["type"] == "task-status"]
ms = [r for r in rs if r["type"] == "missing"]
print(len(ts), set(t["status"] for t in ts), [(m["unit"], m["tasks"][0]["task"]) for m in ms])')" \
	"3000 {'on-track'} [('u12', '3000')]"
run timeout $LIMIT $R --format ndjson missing 2025Q3
is "... missing within ${LIMIT}s" "$RC:$(printf '%s\n' "$OUT" | wc -l)" "0:1"
done_testing
