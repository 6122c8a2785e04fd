#!/bin/sh
# The keys a man page lists for a record are the keys the tool prints, in
# the order it prints them.  gov-report(1) listed task-status as "task,
# title, section, ..." (it is task, kind, section, title) and left out
# lead, units_owing, units_reported, units_missing, kind, and half of the
# summary: an auditor mapping columns by the page found them elsewhere.
. "$(dirname "$0")/lib.sh"

P=$T_TOP/samples/plan
gov-report plan load "$P/digital-tongliao-plan.json" >/dev/null
gov-report add "$P"/progress/*.jsonl >/dev/null
gov-report quarter 2025Q3 --today "$T_TODAY" >q.jsonl
gov-report status --quarter 2024Q3 --today "$T_TODAY" >>q.jsonl

# page_keys KIND: the keys gov-report(1) lists for KIND after "quarter
# prints", as "type plan quarter k1 k2 ..." (the parenthesised values of
# trend left out).
page_keys() {
	awk '/^\.Cm quarter$/ { getline; if ($0 == "prints") on = 1 } on' \
		"$T_TOP/man/gov-report.1" |
		awk -v k="$1" 'prev == ".Ql " k && /^\.Pq Ql / { print; exit } { prev = $0 }' |
		sed 's/^\.Pq Ql //; s/ ( [^)]*)//g; s/ ,*$//; s/ , / /g; s/^/type plan quarter /'
}
for kind in task-status unit-compliance missing summary; do
	want=$(page_keys "$kind")
	like "gov-report(1) lists the keys of $kind (sanity)" "$want" '^type plan quarter [a-z]'
	got=$(py -c 'import json, sys
seen = set()
for line in open("q.jsonl"):
    r = json.loads(line)
    if r["type"] == sys.argv[1]:
        seen.add(" ".join(r.keys()))
print("\n".join(sorted(seen)))' "$kind")
	is "gov-report $kind: the keys of gov-report(1), in its order" "$got" "$want"
done

done_testing
