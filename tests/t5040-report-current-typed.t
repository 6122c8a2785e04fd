#!/bin/sh
# gov-report: 'current' and 'previous' as officers type them, in capitals
# or with blanks around (ASCII or full-width, as a quarter may have), are
# the quarter --today falls in and the one before, in an argument and a
# --quarter alike; another word is still not a quarter.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0
run $R add "$(expected report-mini-2025Q2.jsonl)" "$(expected report-mini-2025Q3.jsonl)"
is "reports added" "$RC" 0

run $R missing 2025Q3
want3=$OUT
run $R missing 2025Q4
want4=$OUT
for q in Previous PREVIOUS ' previous' 'previous ' '　previous　' "$(printf '\tprevious\n')"; do
	run $R missing "$q"
	is "missing '$q': exit 0" "$RC" 0
	is "missing '$q': nothing on stderr" "$ERR" ""
	is "missing '$q': those of 2025Q3" "$OUT" "$want3"
done
for q in Current CURRENT ' current '; do
	run $R missing "$q"
	is "missing '$q': exit 0" "$RC" 0
	is "missing '$q': those of 2025Q4" "$OUT" "$want4"
done
run $R quarter 2025Q3
want=$OUT
run $R quarter ' Previous'
is "quarter ' Previous': the records of 2025Q3" "$OUT" "$want"
run $R status --quarter PREVIOUS
like "status --quarter PREVIOUS: 2025Q3" "$(printf '%s\n' "$OUT" | tail -1)" \
	'^\{"type":"summary","plan":"mini","quarter":"2025Q3"'
run $R template ' CURRENT' --unit a -o a.xlsx
is "template ' CURRENT': exit 0" "$RC" 0
ok "template ' CURRENT': written" test -s a.xlsx

for q in previou previouss 'pre vious' 'previous quarter' last; do
	run $R quarter "$q"
	is "quarter '$q': exit 2" "$RC" 2
	is "quarter '$q': message" "$ERR" \
		"gov-report: invalid quarter '$q', expected YYYYQn, 'current' or 'previous'"
done

done_testing
