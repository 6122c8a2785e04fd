#!/bin/sh
# Options: --max-findings caps the list (summary says "truncated" and still
# counts all), --skip, -o (atomic), --format, --help, --version, usage
# errors, masking of personal data in any column.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "phone"}]}
JSON
{
	echo 'id,phone'
	i=1
	while [ $i -le 30 ]; do echo "x,13812345678"; i=$((i + 1)); done
} >d.csv

run gov-check -s s.json --max-findings 5 d.csv
is "--max-findings 5: five type findings printed" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"type"')" 5
like "--max-findings: the summary counts all 59 and says truncated" "$OUT" \
	'"findings":59,.*"by_check":\{"type":30,"duplicate-row":29\}.*"truncated":true'
is "--max-findings 5: five duplicate-row printed too (per check)" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"duplicate-row"')" 5
run gov-check -s s.json d.csv
like "no cap: not truncated" "$OUT" '"truncated":false'
run gov-check -s s.json --max-findings 0 d.csv
is "--max-findings 0: only the summary" "$(printf '%s\n' "$OUT" | wc -l)" 1

run gov-check -s s.json --skip duplicate-row,type d.csv
is "--skip: those checks do not run" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 0
is "--skip everything found: exit 0" "$RC" 0
run gov-check --skip nonsense d.csv
is "--skip unknown code: exit 2" "$RC" 2
like "--skip unknown code: says which" "$ERR" "unknown check 'nonsense'"

run gov-check -s s.json --max-findings 1 d.csv
like "phone numbers masked in any column" "$OUT" '"value":"x"'
unlike "no phone number unmasked" "$OUT" '13812345678'

run gov-check -s s.json -o out.jsonl d.csv
is "-o: nothing on stdout" "$OUT" ""
is "-o: exit 1 still" "$RC" 1
is "-o: the file has every record" "$(wc -l <out.jsonl)" 60
run gov-check -s s.json -o out2.jsonl d.csv missing.csv
is "-o with an unreadable input: exit 2" "$RC" 2
ok "-o with an unreadable input: no file left" test ! -e out2.jsonl

run gov-check -s s.json --format text --max-findings 2 d.csv
like "text: table header" "$OUT" 'ROW +COL +FIELD +CHECK +LEVEL +VALUE +MESSAGE'
like "text: a finding line" "$OUT" '     2    1  id +type +error +x +not an integer'
like "text: summary line" "$OUT" 'd.csv: 30 rows, 2 fields, 59 findings \(59 errors, 0 warnings\); score [0-9.]+; NOT VALID'
like "text: dimensions" "$OUT" 'consistency 一致性 +29 '
like "text: capped list said" "$OUT" 'list capped at 2 per check by --max-findings'
run gov-check --format yaml d.csv
is "--format yaml: exit 2" "$RC" 2

run gov-check --help
is "--help: exit 0" "$RC" 0
like "--help: usage" "$OUT" '^Usage: gov-check \[-s SCHEMA\] \[options\] \[FILE\.\.\.\]'
is "--help: nothing on stderr" "$ERR" ""
run gov-check --version
like "--version" "$OUT" '^gov-check \(govkit\) [0-9]+\.[0-9]+\.[0-9]+$'
run gov-check --bogus
is "unknown option: exit 2" "$RC" 2
like "unknown option: try --help" "$ERR" "try 'gov-check --help'"
run gov-check --ref nonsense d.csv
is "--ref without =: exit 2" "$RC" 2
run gov-check --today 2025-02-30 d.csv
is "--today not a date: exit 2" "$RC" 2
run gov-check --max-findings -3 d.csv
is "--max-findings negative: exit 2" "$RC" 2

done_testing
