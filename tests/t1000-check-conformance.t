#!/bin/sh
# gov-check on the Frictionless fixtures of ../shared/conformance: every
# case gives exactly the findings listed (plus those also allowed), and
# the exit status says so.
. "$(dirname "$0")/lib.sh"

CONF=${GOVKIT_CONFORMANCE:-$T_TOP/../shared/conformance}/frictionless
CMP=$T_DIR/expected/check-compare.py
# ../shared is the engineers' and CI's checkout, not a clone's
[ -f "$CONF/expected.json" ] ||
	skip_all "no Frictionless fixtures at $CONF (GOVKIT_CONFORMANCE names them)"

cases=$(py -c '
import json, sys
for c in json.load(open(sys.argv[1]))["cases"]:
    print(c["file"], c["schema"] or "-", c.get("exit", ""))
' "$CONF/expected.json")

ok "the fixtures are there" test -n "$cases"
while read -r file schema want_exit; do
	if [ "$schema" = - ]; then
		run gov-check --format ndjson "$CONF/$file"
	else
		run gov-check --format ndjson -s "$CONF/$schema" "$CONF/$file"
	fi
	printf '%s\n' "$OUT" >"$SCRATCH/got.jsonl"
	if [ -n "$want_exit" ]; then
		is "$file: exit $want_exit" "$RC" "$want_exit"
		like "$file: the message names the file" "$ERR" "$file"
		continue
	fi
	diffs=$(py "$CMP" "$CONF/expected.json" "$file" "$SCRATCH/got.jsonl")
	is "$file: exactly the expected findings" "$diffs" ""
	is "$file: exit 1 (error findings)" "$RC" 1
	is "$file: nothing on stderr" "$ERR" ""
	like "$file: a summary ends the file" "$(printf '%s\n' "$OUT" | tail -1)" \
		'^\{"type":"summary","file":"[^"]*'"$file"'","sha256":"[0-9a-f]{64}"'
done <<EOF
$cases
EOF

done_testing
