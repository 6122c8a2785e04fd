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

# R036 names whose lowest bid was disqualified (the record's bidders and
# its evidence); before, neither did, and the auditor had to look for it
r036() { printf '%s\n' "$OUT" | grep -o '{"signal":"R036"[^}]*}'; }
printf '%s\n' '{"type":"tender","tender":"T1","category":"goods","ceiling_price":100,"winner":"B","bids":[{"bidder":"A","price":80,"status":"disqualified"},{"bidder":"B","price":90,"status":"valid"},{"bidder":"C","price":95,"status":"valid"}]}' >r036.jsonl
run gov-bid score --format ndjson r036.jsonl
is "R036: the disqualified lowest bidder named" "$(r036)" \
	'{"signal":"R036","family":"cardinal","bidders":["A"],"weight":0.2,"value":1,"evidence":"the lowest bid, by A, was disqualified (Cardinal R036)"}'
run gov-bid explain --lang zh T1 r036.jsonl
like "R036 in Chinese" "$OUT" 'A的最低报价被否决（Cardinal R036）'
printf '%s\n' '{"ocid":"K","bids":{"details":[{"status":"disqualified","tenderers":[{"id":"X"},{"id":"Y"}],"value":{"amount":1,"currency":"USD"}},{"status":"valid","tenderers":[{"id":"Z"}],"value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active"}]}' >r036.ocds
run gov-bid score --from ocds --format ndjson r036.ocds
like "R036: a consortium's members named" "$(r036)" '"bidders":\["X","Y"\].*"the lowest bid, by X and Y, was disqualified'
run gov-bid score --from ocds --format ndjson "$fixtures/R036.jsonl"
like "R036 without tenderers: said as before" "$(r036 | head -1)" \
	'"bidders":\[\],.*"evidence":"the lowest bid was disqualified \(Cardinal R036\)"'

# without the NPC/EXC settings R024's fence moves, as the README says
run gov-bid score --from ocds --format ndjson "$fixtures/R024.jsonl"
is "R024 with plain defaults: no flag" "$(printf '%s\n' "$OUT" | shape R024)" "{}"

# other currencies are reported, never mixed in
run gov-bid score --from ocds -c "$conf" --format ndjson "$fixtures/R028.jsonl"
like "currency reported" "$ERR" "R028.jsonl:6: tender 'different currencies': bid of 'D' in CAD, tender in USD: left out of the price screens"
like "bids without tenderers reported" "$ERR" "R028.jsonl:2: tender 'missing tenderers': 2 bids without tenderers left out"

done_testing
