#!/bin/sh
# Rules of shapes that cost more than their size: a rule nested 100,000
# deep (it overflowed the stack: a crash) and a rule of 40,000 terms (its
# columns were counted from the start for every token: about a minute).
# The limit is far below the time before and generous for a slow machine
# and the sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

# row, column, field, check, message of each finding
findings() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r["type"] == "finding":
        print(r["row"], r["column"], r["field"], r["check"], "|", r["message"])'
}

py - <<'PY'
import json
def schema(name, rule):
    json.dump({"fields": [{"name": "a", "type": "integer"}],
               "rules": [{"name": "r", "assert": rule}]}, open(name, "w"))
schema("parens.json", "(" * 100000 + "a = 1" + ")" * 100000)
schema("nots.json", "not " * 100000 + "a = 1")
schema("deep-ok.json", "(" * 50 + "not " * 50 + "a = 1" + ")" * 50)
# a = 0 or a = 1 or ... or a = 39999, and the same with and/!=
schema("or.json", " or ".join("a = %d" % i for i in range(40000)))
schema("and.json", " and ".join("a != %d" % i for i in range(40000)))
with open("a.csv", "w") as f:
    f.write("a\n7\n-1\n29999\n\n")
PY

run gov-check -s parens.json a.csv
is "a rule nested 100,000 deep: exit 2, no crash" "$RC" 2
is "... the place named" "$ERR" \
	"gov-check: parens.json: rules[0]: rule 'r': column 101: nested deeper than 100 levels"
run gov-check -s nots.json a.csv
is "100,000 nots: exit 2, no crash" "$RC" 2
is "... the place named" "$ERR" \
	"gov-check: nots.json: rules[0]: rule 'r': column 401: nested deeper than 100 levels"
run gov-check -s deep-ok.json a.csv
is "a rule nested 100 deep (50 parentheses, 50 nots): checked" "$(findings | cut -d'|' -f1)" \
"2 None None rule 
3 None None rule 
4 None None rule 
5 None None blank-row "

run timeout $LIMIT gov-check -s or.json a.csv
is "40,000 terms of or: exit 1 within ${LIMIT}s" "$RC" 1
is "... only -1 fails it, a blank row is unknown" "$(findings | cut -d'|' -f1)" \
"3 None None rule 
5 None None blank-row "
run timeout $LIMIT gov-check -s and.json a.csv
is "40,000 terms of and: exit 1 within ${LIMIT}s" "$RC" 1
is "... 7 and 29999 fail it" "$(findings | cut -d'|' -f1)" \
"2 None None rule 
4 None None rule 
5 None None blank-row "

done_testing
