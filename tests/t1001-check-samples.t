#!/bin/sh
# gov-check on samples/quality: the planted problems of PLANTED.json are
# found, each at its spreadsheet row and column (the file has quoted
# newlines and blank rows), nothing else; the GBK copy gives the same plus
# its encoding findings; the clean file gives none; personal data masked.
. "$(dirname "$0")/lib.sh"

Q=$T_TOP/samples/quality
CMP=$T_DIR/expected/check-compare.py
cp "$Q"/*.csv "$Q"/*.json .

check() {
	run gov-check --format ndjson -s residents.schema.json \
		--ref communities=communities.csv --today "$T_TODAY" "$@"
	printf '%s\n' "$OUT" >got.jsonl
}

for f in residents.csv residents-gbk.csv residents-header.csv; do
	check "$f"
	is "$f: exactly the planted findings" "$(py "$CMP" PLANTED.json "$f" got.jsonl)" ""
	is "$f: exit 1" "$RC" 1
	is "$f: nothing on stderr" "$ERR" ""
done

check residents.csv
summary=$(printf '%s\n' "$OUT" | tail -1)
like "summary counts 403 rows" "$summary" '"rows":403,'
like "summary has the digest of the bytes" "$summary" \
	"\"sha256\":\"$(sha256sum residents.csv | cut -d' ' -f1)\""
like "summary is not valid" "$summary" '"valid":false'
like "a 15-digit resident ID is a warning" \
	"$(printf '%s\n' "$OUT" | grep '"row":90,')" '"severity":"warning"'
unlike "no resident ID shown unmasked" "$OUT" '"value":"[0-9]{17}[0-9X]"'
unlike "no mobile number shown unmasked" "$OUT" '"value":"1[3-9][0-9]{9}"'
like "a wrong check character says what was expected" \
	"$(printf '%s\n' "$OUT" | grep '"row":12,')" \
	'"value":"150522\*\*\*\*\*\*\*\*9833","message":"check character is 3, expected 0"'

check --no-mask residents.csv
like "--no-mask shows the number" "$(printf '%s\n' "$OUT" | grep '"row":12,')" \
	'"value":"150522194301099833"'

check residents-gbk.csv
like "GBK detected" "$(printf '%s\n' "$OUT" | tail -1)" '"encoding":"gb18030"'
like "GBK: Chinese names read right" "$(printf '%s\n' "$OUT" | grep '"row":213,')" \
	'"field":"gender","check":"enum".*"value":"M"'

check residents-clean.csv
is "clean: no finding" "$(printf '%s\n' "$OUT" | grep -c '"type":"finding"')" 0
is "clean: exit 0" "$RC" 0
like "clean: valid, full score" "$OUT" '"findings":0,.*"score":100.0,"valid":true'

done_testing
