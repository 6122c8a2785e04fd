#!/bin/sh
# --track across three deliveries of one file: findings are new, then
# persisting, and those fixed are counted as resolved.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer", "constraints": {"required": true}},
            {"name": "n", "type": "integer", "constraints": {"maximum": 10}}]}
JSON

statuses() {
	printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "finding":
        print(r["row"], r["check"], r["status"])
    else:
        print("summary new=%d persisting=%d resolved=%d" % (r["new"], r["persisting"], r["resolved"]))'
}

printf 'id,n\n1,5\nx,6\n3,11\n4,y\n' >data.csv
run gov-check --track -s s.json data.csv
is "run 1: everything new" "$(statuses)" \
"3 type new
4 maximum new
5 type new
summary new=3 persisting=0 resolved=0"
is "run 1: exit 1" "$RC" 1

# the second delivery fixes row 3 and breaks row 2
printf 'id,n\n1,50\nx,6\n3,9\n4,y\n' >data.csv
run gov-check --track -s s.json data.csv
is "run 2: new, persisting, resolved" "$(statuses)" \
"2 maximum new
3 type persisting
5 type persisting
summary new=1 persisting=2 resolved=1"

printf 'id,n\n1,5\n2,6\n3,9\n4,7\n' >data.csv
run gov-check --track -s s.json data.csv
is "run 3: all fixed, all resolved" "$(statuses)" "summary new=0 persisting=0 resolved=3"
is "run 3: exit 0" "$RC" 0

runs=$(sqlite3 "$GOVKIT_DB" "SELECT runs FROM check_file")
is "the database counted three runs" "$runs" 3

# --db puts the memory elsewhere; another file is tracked apart
printf 'id,n\nz,1\n' >other.csv
run gov-check --track --db other.db -s s.json other.csv
is "--db: a fresh database, new finding" "$(statuses)" \
"2 type new
summary new=1 persisting=0 resolved=0"
ok "--db created the file" test -s other.db
is "the default database did not see other.csv" \
	"$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM check_file")" 1

# text form says it too
printf 'id,n\n1,50\n' >data.csv
run gov-check --track --format text -s s.json data.csv
like "text: status in the table" "$OUT" 'maximum .*\[new\]'
like "text: tracked line" "$OUT" 'tracked: 1 new, 0 persisting, 0 resolved'

# without --track no status and no database writes
printf 'id,n\n1,50\n' >data.csv
run gov-check -s s.json data.csv
unlike "no --track: no status" "$OUT" '"status"'

# regression: the run was stored before its findings were written out; a
# run whose output was lost (a full disk) left them
# "persisting" next time, never shown "new"
printf 'id,n\nx,1\n' >lost.csv
gov-check --track -s s.json lost.csv >/dev/full 2>lost.err
is "output lost (/dev/full): exit 2" "$?" 2
run gov-check --track -s s.json lost.csv
is "then: the finding is still new" "$(statuses)" "2 type new
summary new=1 persisting=0 resolved=0"
run gov-check --track -s s.json lost.csv
is "and, shown once, persisting" "$(statuses)" "2 type persisting
summary new=0 persisting=1 resolved=0"

done_testing
