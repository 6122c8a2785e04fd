#!/bin/sh
# Bad input for gov-submit and gov-catalog.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
t9_inputs
t9_bigline
CAT=$T_TOP/samples/catalog

# ---- gov-submit (no central API: records stay queued, exit 3)
expect "submit: missing file" 2 "'missing.jsonl'.*No such file" gov-submit missing.jsonl
expect "submit: directory" 2 "adir.*Is a directory" gov-submit adir
expect "submit: permission denied" 2 "'secret.jsonl'.*Permission denied" as_user gov-submit secret.jsonl
expect "submit: empty file: nothing queued" 0 "" gov-submit empty.jsonl
expect "submit: CSV is not records" 2 "header.csv:1: invalid JSON" gov-submit header.csv
# regression: a raw NUL was queued as it was (the server would refuse it)
expect "submit: raw NUL is not JSON" 2 "nul.jsonl:1: invalid JSON: control character at column 19" gov-submit nul.jsonl
expect "submit: invalid UTF-8" 2 "badutf8.jsonl:1: invalid UTF-8" gov-submit badutf8.jsonl
expect "submit: deeply nested" 2 "deep.jsonl:1: invalid JSON" gov-submit deep.jsonl
printf '{"type":"finding","k":1}\n' >one.jsonl
expect "submit: the spool's folder named (TMPDIR)" 2 "temporary file in '$PWD/no-such-dir'.*No such file" \
	env TMPDIR="$PWD/no-such-dir" gov-submit one.jsonl
expect "submit: failed inputs queued nothing" 0 "" gov-submit --status
is "submit: ... empty status" "$OUT" ""
printf '{"type":"finding","n":1e400,"m":123456789012345678901234567890,"d":"2025-02-30"}\n' >n.jsonl
expect "submit: numbers past 64 bits kept queued" 3 "1 record kept queued" gov-submit n.jsonl
is "submit: ... exactly as given" "$(sqlite3 "$GOVKIT_DB" 'SELECT body FROM outbox_record')" \
	'{"type":"finding","n":1e400,"m":123456789012345678901234567890,"d":"2025-02-30"}'
expect "submit: a 100 MB line: larger than a batch" 2 "bigline.jsonl:1: record of $((T9_BIG + 19)) bytes is larger than a batch may be" gov-submit --endpoint big bigline.jsonl
is "submit: ... nothing of it queued" "$(sqlite3 "$GOVKIT_DB" "SELECT count(*) FROM outbox_record WHERE endpoint = 'big'")" 0
expect "submit: endpoint with SQL in it refused" 2 "invalid endpoint name" gov-submit --endpoint "x'; DROP TABLE outbox_record; --" n.jsonl
# a failed write turns 0 and 1 into 2; 3 (records still queued) stays
gov-submit --status >/dev/full 2>err.txt
rc=$?
ok "submit: --status to /dev/full: exit 2 or 3, not 0" test "$rc" -ge 2
like "submit: ... the write error told" "$(cat err.txt)" "write error on standard output: No space left on device"
for i in $(seq 3000); do echo '{"type":"finding","row":'$i'}'; done >many.jsonl
expect_pipe "submit: --dry-run | head -1 ends quietly" 0 gov-submit --dry-run --batch 1 many.jsonl
expect "submit: database is a directory" 2 "adir" gov-submit --db adir n.jsonl
expect "submit: database under a file" 2 "header.csv/db" gov-submit --db header.csv/db n.jsonl

# ---- gov-catalog
export GOVKIT_DB=$SCRATCH/catalog.db
expect "catalog: missing file" 2 "'missing.jsonl'.*No such file" gov-catalog add missing.jsonl
expect "catalog: directory" 2 "adir.*Is a directory" gov-catalog add adir
expect "catalog: permission denied" 2 "'secret.jsonl'.*Permission denied" as_user gov-catalog add secret.jsonl
expect "catalog: describe, permission denied" 2 "'secret.csv'.*Permission denied" as_user gov-catalog describe secret.csv
expect "catalog: empty file: nothing added" 0 "" gov-catalog add empty.jsonl
expect "catalog: describe an empty file" 2 "^gov-catalog: empty.csv: file is empty$" gov-catalog describe empty.csv
expect "catalog: describe only a header" 0 "" gov-catalog describe header.csv
expect "catalog: CSV is not entries" 1 "header.csv:1: invalid JSON" gov-catalog add header.csv
# regression: "a<NUL>b" was stored as "a"
printf '{"type":"entry","code":"1/1","name":"a\000b"}\n' >nulentry.jsonl
expect "catalog: raw NUL is not JSON" 1 "nulentry.jsonl:1: invalid JSON: control character at column 39" gov-catalog add nulentry.jsonl
expect "catalog: invalid UTF-8" 1 "badutf8.jsonl:1: invalid UTF-8" gov-catalog add badutf8.jsonl
expect "catalog: deeply nested" 1 "deep.jsonl:1: invalid JSON" gov-catalog add deep.jsonl
sed 's/"type":"x","a"/"type":"entry","code"/' bigline.jsonl >bigentry.jsonl
expect "catalog: validate a 100 MB code" 1 "" gov-catalog validate -o v.jsonl bigentry.jsonl
ok "catalog: ... a finding" grep -q '"type":"finding","file":"bigentry.jsonl","row":1' v.jsonl
expect "catalog: add a 100 MB code (another database)" 0 "" gov-catalog add --db big.db bigentry.jsonl
is "catalog: ... stored whole" "$(sqlite3 big.db 'SELECT length(code) FROM catalog_entry')" $T9_BIG
rm -f bigentry.jsonl big.db v.jsonl
expect "catalog: describe a 100 MB line" 0 "" gov-catalog describe bigline.csv
expect "catalog: nothing was added" 0 "" gov-catalog list --format ndjson
is "catalog: ... empty list" "$OUT" ""
expect "catalog: --today 2025-02-30" 2 "invalid date '2025-02-30'" gov-catalog add --today 2025-02-30 "$CAT/entries.jsonl"
printf '{"type":"entry","code":"1/1","name":"n","items":[{"name":"a","type":"C","length":123456789012345678901234567890}],"published":"2025-02-30"}\n' >odd.jsonl
expect "catalog: length past 64 bits, 2025-02-30: findings" 1 "" gov-catalog validate odd.jsonl
like "catalog: ... findings name the line" "$OUT" '"type":"finding","file":"odd.jsonl","row":1'
expect "catalog: add the samples" 0 "" gov-catalog add "$CAT/entries.jsonl"
mkdir -p full
expect_full "catalog: export -o on a full disk" "full/c.json.*No space left" full gov-catalog export --format ckan -o full/c.json
expect_full "catalog: xlsx export on a full disk" "full/c.xlsx" full gov-catalog export --format xlsx -o full/c.xlsx
expect_devfull "catalog: list to /dev/full" gov-catalog list --format ndjson
expect_pipe "catalog: list | head -1 ends quietly" 0 gov-catalog list --format ndjson
expect_pipe "catalog: export | head -1 ends quietly" 0 gov-catalog export --format ndjson
expect "catalog: corrupt database named, kept" 2 "bad.db" sh -c 'printf "not a database at all, really not" >bad.db && gov-catalog list --db bad.db'
is "catalog: ... file untouched" "$(cat bad.db)" "not a database at all, really not"

done_testing
