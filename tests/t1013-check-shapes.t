#!/bin/sh
# Schemas of shapes that cost more than their size: a rule nested 100,000
# deep (it overflowed the stack: a crash), a rule of 40,000 terms (its
# columns were counted from the start for every token: about a minute),
# an enum of 100,000 values on 50,000 rows (each cell read through the
# list: over a minute), a pattern that backtracks exponentially on a near
# miss (PCRE2's default limit, about 0.1 s a cell, on every row), and a
# long value that matches (PCRE2's 32 KiB JIT stack ran out on it, and it
# was reported as not matching), and a field of 150,000 keys of its own
# (each compared with all before it for a repeat: over a minute).  The
# limit is far below the time before and generous for a slow machine and
# the sanitizer build.
. "$(dirname "$0")/lib.sh"

LIMIT=30

# row, column, field, check, message of each finding
findings() { finding_lines row column field check; }

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

n = 100000
codes = ["1505%08d" % i for i in range(n)]
json.dump({"fields": [{"name": "code", "constraints": {"enum": codes}},
                      {"name": "n", "type": "integer",
                       "constraints": {"enum": list(range(n))}}]},
          open("enum.json", "w"))
with open("enum.csv", "w") as f:
    f.write("code,n\n")
    for r in range(50000):
        f.write("%s,%d\n" % (codes[n - 1 - r % 1000], n - 1 - r))
    f.write("1505x,100000\n")              # row 50002: neither is one
# typed values, through the index (16 values and more): 1.5 is 01.50
json.dump({"fields": [{"name": "x", "type": "number",
                       "constraints": {"enum": [i / 2 for i in range(40)]}},
                      {"name": "d", "type": "date",
                       "constraints": {"enum": ["2024-01-%02d" % i for i in range(1, 29)]}}]},
          open("typed.json", "w"))
with open("typed.csv", "w") as f:
    f.write("x,d\n01.50,2024-01-28\n-0,2024-01-29\n19.75,2024-01-01\n")

# a field with 150,000 keys of its own, and the same with one repeated
f = {"name": "a", "type": "integer"}
f.update(("x%d" % i, i) for i in range(150000))
json.dump({"fields": [f]}, open("keys.json", "w"))
with open("keys2.json", "w") as out:
    out.write(json.dumps({"fields": [f]})[:-3] + ', "x149999": 0}]}')

json.dump({"fields": [{"name": "v", "constraints": {"pattern": "(a+)+b"}},
                      {"name": "w", "constraints": {"pattern": "(x|y)+"}}]},
          open("pattern.json", "w"))
with open("pattern.csv", "w") as f:
    f.write("v,w\n")
    for r in range(300):
        f.write("%s,xy\n" % ("a" * 30 + "cb"))
    f.write("aab,%s\n" % ("xy" * 20000))    # row 302: both match
    f.write("aac,xyz\n")                    # row 303: neither
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

run timeout $LIMIT gov-check -s enum.json enum.csv
is "enums of 100,000 values on 50,000 rows: exit 1 within ${LIMIT}s" "$RC" 1
is "... the one row with neither" "$(findings | grep -v duplicate-row)" \
"50002 1 code enum | not one of: 150500000000, 150500000001, 150500000002, 150500000003, 150500000004, 150500000005, ... (100000 values)
50002 2 n enum | not one of: 0, 1, 2, 3, 4, 5, ... (100000 values)"
run gov-check -s typed.json typed.csv
is "typed enums through the index: as typed values" "$(findings)" \
"3 2 d enum | not one of: 2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, ... (28 values)
4 1 x enum | not one of: 0, 0.5, 1, 1.5, 2, 2.5, ... (40 values)"

run timeout $LIMIT gov-check -s keys.json a.csv
is "a field of 150,000 keys: loaded within ${LIMIT}s" "$RC" 1
run timeout $LIMIT gov-check -s keys2.json a.csv
is "... one of them repeated at the end: named" "$RC:$ERR" \
	"2:gov-check: keys2.json: fields[0].x149999: given twice"

run timeout $LIMIT gov-check -s pattern.json pattern.csv
is "300 near misses of (a+)+b: exit 1 within ${LIMIT}s" "$RC" 1
is "... not checked, neither matched nor not" \
	"$(findings | grep -v duplicate-row | sed -n '1p;300,$p')" \
"2 1 v pattern | not checked (too much backtracking on 32 characters) against (a+)+b
301 1 v pattern | not checked (too much backtracking on 32 characters) against (a+)+b
303 1 v pattern | does not match (a+)+b
303 2 w pattern | does not match (x|y)+"
done_testing
