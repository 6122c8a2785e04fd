#!/bin/sh
# gov-report as cron runs it: no terminal, no HOME, a minimal PATH,
# LANG=C, standard input closed.  A message about the database names the
# database, since cron's environment is not the shell's (a GOVKIT_DB set
# in a profile is not set in a crontab); the quarter compiles with nothing
# on standard error and no terminal escapes in its text.
. "$(dirname "$0")/lib.sh"

cron() {
	env -i PATH=/usr/bin:/bin LANG=C TZ=UTC XDG_DATA_HOME="$XDG_DATA_HOME" \
		XDG_CONFIG_HOME="$XDG_CONFIG_HOME" "$BIN/gov-report" --today $T_TODAY "$@" \
		>"$SCRATCH/.out" 2>"$SCRATCH/.err" <&-
	RC=$?
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
}
DB=$XDG_DATA_HOME/govkit/govkit.db

cron quarter previous -o q.xlsx
is "no plan yet: exit 2" "$RC" 2
is "no plan yet: the database named" "$ERR" \
	"gov-report: no plan in the database; to load one, run: gov-report --db $(shq "$DB") plan load FILE"
ok "no plan yet: no workbook" test ! -e q.xlsx
cron --plan other quarter previous
is "no such plan: the database named" "$ERR" \
	"gov-report: no plan 'other' in the database; to load it, run: gov-report --db $(shq "$DB") plan load FILE"

cron plan load "$(expected report-mini-plan.json)"
is "plan load: exit 0" "$RC" 0
cron add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "add: exit 0" "$RC" 0
cron quarter previous -o q.xlsx
is "quarter previous -o: exit 0" "$RC" 0
is "quarter previous -o: nothing on standard error" "$ERR" ""
ok "quarter previous -o: the workbook" test -s q.xlsx
cron quarter previous
is "quarter previous: JSON Lines, not a terminal" \
	"$(printf '%s\n' "$OUT" | grep -vc '^{"type":')" 0
cron missing previous --format text
is "missing --format text: exit 0" "$RC" 0
unlike "missing --format text: no terminal escapes" "$OUT" "$(printf '\033')"

done_testing
