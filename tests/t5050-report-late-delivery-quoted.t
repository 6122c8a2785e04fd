#!/bin/sh
# add without --submit, to a quarter delivered already, prints the command
# that delivers what it added, for the officer to paste.  It named the
# database bare, inside quotes of its own ('gov-report --db PATH quarter Q
# --submit'): a path with a blank or a quote made of it a broken command,
# or one that read another file.  Each word is now quoted as a POSIX shell
# reads it (common's buf_add_shell_word, as gov-license's chmod), and the
# command ends the line; pasted into sh -c it delivers the records from
# the database named, and only them.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

DIR="$SCRATCH/data office"
DB="$DIR/O'Brien's govkit.db"
mkdir -p "$DIR"
R() { gov_today=$1; shift; run gov-report --db "$DB" --today "$gov_today" "$@"; }

R 2025-10-15 plan load "$(expected report-mini-plan.json)"
R 2025-10-15 add "$(expected report-mini-2025Q3.jsonl)"
is "fixtures added to the database with a blank and quotes" "$RC" 0

server_start
R 2025-10-15 quarter 2025Q3 --submit -o q.md
is "2025Q3 delivered" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":6,"sent":6,"rejected":0,"pending":0}'

printf '%s\n' \
	'{"type":"progress","task":"2","unit":"b","quarter":"2025Q3","status":"on-track","percent":45,"reported":"2025-10-24"}' \
	'{"type":"progress","task":"3","unit":"c","quarter":"2025Q3","status":"on-track","percent":5,"reported":"2025-10-24"}' >late.jsonl
R 2025-10-25 --plan mini add late.jsonl
is "late add: exit 0" "$RC" 0
is "late add: the command, each word quoted for the shell" "$ERR" \
	"gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db '$SCRATCH/data office/O'\\''Brien'\\''s govkit.db' --plan mini quarter 2025Q3 --submit"
is "late add: nothing sent yet" "$(server_records progress | wc -l)" 6

# The command as printed, pasted into a shell.
cmd=${ERR#*, run: }
run sh -c "$cmd -o q2.md"
is "pasted into sh -c: it delivers the two, from that database" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"progress","queued":2,"sent":2,"rejected":0,"pending":0}'
is "pasted: nothing said" "$ERR" ""
got=$(server_records progress | tail -2 | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    print(r["quarter"], r["task"], r["unit"], r["status"], r.get("percent"))')
is "the server holds the late two" "$got" "2025Q3 2 b on-track 45
2025Q3 3 c on-track 5"
ok "the default database was not made" test ! -e "$GOVKIT_DB"
ok "no file named after a piece of the path" test ! -e "$DIR/O" -a ! -e "$SCRATCH/data"

# A plan whose id a shell would split: quoted too.
py -c '
import json, sys
p = json.load(open(sys.argv[1]))
p["plan"]["id"] = "mini 2; x"
json.dump(p, open("plan2.json", "w"), ensure_ascii=False)' "$(expected report-mini-plan.json)"
R 2025-10-15 plan load plan2.json
R 2025-10-15 --plan "mini 2; x" add "$(expected report-mini-2025Q3.jsonl)"
R 2025-10-15 --plan "mini 2; x" quarter 2025Q3 --submit -o q.md
is "second plan: 2025Q3 delivered" "$RC:$OUT" '0:{"type":"submit","endpoint":"progress","queued":6,"sent":6,"rejected":0,"pending":0}'
R 2025-10-25 --plan "mini 2; x" add late.jsonl
is "second plan: the plan's id quoted" "$ERR" \
	"gov-report: 2025Q3 was delivered to the central platform, but not the 2 progress records just added to it; to deliver them, run: gov-report --db '$SCRATCH/data office/O'\\''Brien'\\''s govkit.db' --plan 'mini 2; x' quarter 2025Q3 --submit"
cmd=${ERR#*, run: }
run sh -c "$cmd -o q2.md"
is "second plan, pasted: it delivers the two" "$RC:$OUT" \
	'0:{"type":"submit","endpoint":"progress","queued":2,"sent":2,"rejected":0,"pending":0}'
ok "no file x made by a split command" test ! -e x

done_testing
