#!/bin/sh
# gov-bid --from ocds reproduces Cardinal's flags on its own fixtures
# (../shared/conformance/cardinal), with the two settings its harness
# uses (NPC, EXC): OCID flags from tender-risk records, tenderer, buyer
# and procuring-entity flags from party-risk records.
. "$(dirname "$0")/lib.sh"

fixtures=${GOVKIT_CONFORMANCE:-$T_TOP/../shared/conformance}/cardinal
# ../shared is the engineers' and CI's checkout, not a clone's
[ -f "$fixtures/R024.jsonl" ] ||
	skip_all "no Cardinal fixtures at $fixtures (GOVKIT_CONFORMANCE names them)"
conf=$(expected bid-cardinal.conf)

# Cardinal's shape for one indicator, values rounded to 4 decimals
shape() {
	py -c 'import json, sys
code = sys.argv[1]
roles = {"tenderer": "Tenderer", "buyer": "Buyer",
         "procuring-entity": "ProcuringEntity"}
out = {}
for r in map(json.loads, sys.stdin):
    for s in r.get("signals", []):
        if s["signal"] != code:
            continue
        v = {code: round(float(s["value"]), 4)}
        if r["type"] == "tender-risk":
            out.setdefault("OCID", {})[r["tender"]] = v
        elif r["type"] == "party-risk":
            out.setdefault(roles[r["role"]], {})[r["id"]] = v
print(json.dumps(out, sort_keys=True))' "$1"
}
want() {
	py -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(json.dumps({g: {k: {c: round(v, 4) for c, v in x.items()}
                      for k, x in m.items()} for g, m in d.items()},
                 sort_keys=True))' "$1"
}

for code in R018 R024 R025 R028 R035 R036 R038 R038-tenderer R058; do
	f=$fixtures/$code.jsonl
	run gov-bid score --from ocds -c "$conf" --format ndjson "$f"
	ok "$code: ran (exit $RC)" test "$RC" -le 1
	got=$(printf '%s\n' "$OUT" | shape "${code%%-*}")
	is "$code: Cardinal's flags" "$got" "$(want "$fixtures/$code.expected")"
done

# without the NPC/EXC settings R024's fence moves, as the README says
run gov-bid score --from ocds --format ndjson "$fixtures/R024.jsonl"
is "R024 with plain defaults: no flag" "$(printf '%s\n' "$OUT" | shape R024)" "{}"

# other currencies are reported, never mixed in
run gov-bid score --from ocds -c "$conf" --format ndjson "$fixtures/R028.jsonl"
like "currency reported" "$ERR" "R028.jsonl:6: tender 'different currencies': bid of 'D' in CAD, tender in USD: left out of the price screens"
like "bids without tenderers reported" "$ERR" "R028.jsonl:2: tender 'missing tenderers': 2 bids without tenderers left out"

done_testing
