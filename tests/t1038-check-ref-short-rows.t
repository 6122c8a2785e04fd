#!/bin/sh
# A row of a --ref table too short to hold the referenced column is no
# reference, and gov-check says so on standard error (the file, how many
# rows, the first): the values such a row holds are otherwise reported
# "not found" with no hint why.  A blank row (a trailing blank line) is
# no such row.  The messages fail on the build before: it said nothing.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id"}, {"name": "street"}],
 "foreignKeys": [{"fields": ["street"],
   "reference": {"resource": "streets", "fields": ["name"]}}]}
JSON
printf 'code,name\n1,明仁街道\n2\n3,团结街道\n4\n\n' >streets.csv
printf 'id,street\na,明仁街道\nb,团结街道\nc,科尔沁街道\n' >d.csv
run gov-check --format ndjson -s s.json --ref streets=streets.csv d.csv
is "exit 1: one value not found" "$RC" 1
is "the findings: c only" "$(printf '%s\n' "$OUT" | grep '"type":"finding"' | sed 's/.*"row":\([0-9]*\).*"check":"\([a-z-]*\)".*/\1 \2/')" "4 foreign-key"
is "the short rows told, the blank one not counted" "$ERR" \
	"gov-check: streets.csv: 2 rows too short to hold the key (the first: row 3): not read as references"

printf 'code,name\n1,明仁街道\n3,团结街道\n\n' >full.csv
run gov-check --format ndjson -s s.json --ref streets=full.csv d.csv
is "a table with no short row: nothing said" "$ERR" ""

done_testing
