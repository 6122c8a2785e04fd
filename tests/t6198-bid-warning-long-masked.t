#!/bin/sh
# gov-bid: a warning about the input was cut at 512 bytes before its ids
# were masked, so a resident ID astride the cut (the last member of a
# long consortium's id) lost the digits that made it one and showed its
# first eleven.  Now the whole message is masked, then shown.
. "$(dirname "$0")/lib.sh"

ID=150502199001011234
py -c '
import json, sys
members = ["0-%020d" % i for i in range(21)] + ["0-zzzzzz", sys.argv[1]]
rel = {"ocid": "o1", "tender": {"value": {"amount": 1000000, "currency": "CNY"}},
       "bids": {"details": [
           {"status": "valid", "tenderers": [{"id": m} for m in members],
            "value": {"amount": 950000, "currency": "USD"}},
           {"status": "valid", "tenderers": [{"id": "B"}],
            "value": {"amount": 960000, "currency": "CNY"}}]}}
print(json.dumps(rel))' "$ID" >o.jsonl
run gov-bid score --from ocds --format ndjson --no-pairs --no-parties o.jsonl
is "exit 1, one warning" "$RC:$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" "1:1"
like "the consortium's last member masked whole" "$ERR" \
	"+150502\\*\\*\\*\\*\\*\\*\\*\\*1234' in USD, tender in CNY: left out of the price screens\$"
ok "no run of its digits shown" sh -c "! printf '%s' \"\$1\" | grep -q 15050219900" sh "$ERR"

done_testing
