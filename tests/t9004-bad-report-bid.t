#!/bin/sh
# Bad input for gov-report and gov-bid.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
t9_inputs
t9_bigline
PLAN=$T_TOP/samples/plan/digital-tongliao-plan.json

# ---- gov-report
expect "report: no plan yet" 2 "no plan in the database" gov-report add empty.jsonl
expect "report: missing plan file" 2 "'missing.json'.*No such file" gov-report plan load missing.json
expect "report: plan is a directory" 2 "'adir'.*Is a directory" gov-report plan load adir
expect "report: plan unreadable" 2 "'secret.jsonl'.*Permission denied" as_user gov-report plan load secret.jsonl
expect "report: empty plan" 2 "empty.jsonl:1:1: not valid JSON" gov-report plan load empty.jsonl
expect "report: CSV is not a plan" 2 "header.csv:1:1: not valid JSON" gov-report plan load header.csv
expect "report: deeply nested plan" 2 "deep.json:1:[0-9]*: not valid JSON" gov-report plan load deep.json
expect "report: a record is not a plan" 2 "badutf8.jsonl: " gov-report plan load badutf8.jsonl
expect "report: a 100 MB line is not a plan" 2 "bigline.jsonl: larger than [0-9]+ bytes, not a plan" gov-report plan load bigline.jsonl
sed 's/"start": *"[0-9]*Q[0-9]"/"start": "2024Q9"/' "$PLAN" >badq.json
expect "report: plan starting in 2024Q9" 2 "badq.json: .*2024Q9" gov-report plan load badq.json
expect "report: the plan loads" 0 "" gov-report plan load "$PLAN"
expect "report: missing progress file" 2 "'missing.jsonl'.*No such file" gov-report add missing.jsonl
expect "report: progress is a directory" 2 "adir.*Is a directory" gov-report add adir
expect "report: progress unreadable" 2 "'secret.jsonl'.*Permission denied" as_user gov-report add secret.jsonl
expect "report: empty progress file" 0 "" gov-report add empty.jsonl
expect "report: raw NUL" 1 "nul.jsonl: 1 finding, nothing added" gov-report --today 2025-10-15 add nul.jsonl
like "report: ... a finding at line 1" "$OUT" '"file":"nul.jsonl","row":1,.*control character'
expect "report: invalid UTF-8" 1 "badutf8.jsonl: 1 finding, nothing added" gov-report --today 2025-10-15 add badutf8.jsonl
like "report: ... a finding at line 1" "$OUT" '"file":"badutf8.jsonl","row":1,.*invalid UTF-8'
expect "report: deeply nested" 1 "deep.jsonl: 1 finding, nothing added" gov-report --today 2025-10-15 add deep.jsonl
like "report: ... a finding at line 1" "$OUT" '"file":"deep.jsonl","row":1,.*invalid JSON' 
expect "report: a 100 MB line" 1 "bigline.jsonl" gov-report --today 2025-10-15 add bigline.jsonl
printf '{"type":"progress","task":"1","unit":"shujuju","quarter":"2025Q5","status":"on-track","percent":1e400}\n' >p.jsonl
expect "report: quarter 2025Q5, percent 1e400: findings" 1 "p.jsonl: 2 findings, nothing added" gov-report --today 2025-10-15 add p.jsonl
like "report: ... the quarter named" "$OUT" "'2025Q5' is not a quarter"
like "report: ... the percent named" "$OUT" '"field":"percent"'
# a _row past a long's range is no row: the line is named (the number
# was converted to long before its range was checked: float-cast-overflow)
printf '{"type":"progress","task":"1","unit":"shujuju","quarter":"2025Q5","status":"on-track","_row":1e300}\n' >r.jsonl
expect "report: _row 1e300: the line is named" 1 "r.jsonl: 1 finding, nothing added" gov-report --today 2025-10-15 add r.jsonl
like "report: ... row 1" "$OUT" '"file":"r.jsonl","row":1,'
expect "report: --today 2025-02-30" 2 "invalid date '2025-02-30'" gov-report --today 2025-02-30 status
expect "report: quarter 2025Q5" 2 "invalid quarter '2025Q5'" gov-report quarter 2025Q5
ok "report: nothing was added" test "$(sqlite3 "$GOVKIT_DB" 'SELECT count(*) FROM report_progress')" = 0
gov-report --today 2025-10-15 add "$T_TOP"/samples/plan/progress/*.jsonl >/dev/null 2>&1
mkdir -p full
expect_full "report: -o on a full disk" "full/q.jsonl.*No space left" full gov-report --today 2025-10-15 --format ndjson quarter 2025Q3 -o full/q.jsonl
# (the limit above the database's 32 KB shared-memory file, under the output)
expect_fsize "report: -o past the file size limit" "fsize/q.jsonl.*File too large" fsize 80 gov-report --today 2025-10-15 --format ndjson quarter 2025Q3 -o fsize/q.jsonl
expect_full "report: workbook on a full disk" "full/q.xlsx" full gov-report --today 2025-10-15 quarter 2025Q3 -o full/q.xlsx
expect_devfull "report: quarter to /dev/full" gov-report --today 2025-10-15 --format ndjson quarter 2025Q3
expect_pipe "report: quarter | head -1 ends quietly" 0 gov-report --today 2025-10-15 --format ndjson quarter 2025Q3
expect_pipe "report: missing --strict | head -1 ends quietly, exit 1" 1 gov-report --today 2026-01-06 --format ndjson --strict missing 2025Q4

# ---- gov-bid
expect "bid: missing file" 2 "'missing.jsonl'.*No such file" gov-bid score missing.jsonl
expect "bid: directory" 2 "adir.*Is a directory" gov-bid score adir
expect "bid: permission denied" 2 "'secret.jsonl'.*Permission denied" as_user gov-bid score secret.jsonl
expect "bid: missing config" 2 "nothere.conf" gov-bid score --config nothere.conf empty.jsonl
expect "bid: config is a directory" 2 "adir" gov-bid score --config adir empty.jsonl
expect "bid: empty file: nothing to score" 0 "" gov-bid score empty.jsonl
expect "bid: CSV is not tenders" 1 "header.csv:1: invalid JSON" gov-bid score header.csv
expect "bid: raw NUL" 1 "nul.jsonl:1: invalid JSON: control character at column 19" gov-bid score nul.jsonl
expect "bid: invalid UTF-8" 1 "badutf8.jsonl:1: invalid UTF-8" gov-bid score badutf8.jsonl
expect "bid: deeply nested" 1 "deep.jsonl:1: invalid JSON" gov-bid score deep.jsonl
expect "bid: OCDS deeply nested" 1 "deep.jsonl:1: invalid JSON" gov-bid score --from ocds deep.jsonl
expect "bid: a 100 MB line of another type: passed over" 0 "" gov-bid score bigline.jsonl
sed 's/"type":"x","a":"/"type":"tender","bids":[],"tender":"/' bigline.jsonl >bigtender.jsonl
expect "bid: a 100 MB tender id" 0 "" gov-bid score -o bt.jsonl bigtender.jsonl
ok "bid: ... scored" grep -q '"type":"tender-risk","tender":"xxxx' bt.jsonl
rm -f bigtender.jsonl bt.jsonl
printf '{"type":"tender","tender":"T1","date":"2025-02-30","ceiling_price":1e400,"bids":[{"bidder":"A","price":123456789012345678901234567890},{"bidder":"B","price":1e400},{"bidder":"C","price":-1e400}]}\n' >odd.jsonl
expect "bid: 2025-02-30, prices past 64 bits" 1 "odd.jsonl:1: " gov-bid score --format ndjson odd.jsonl
like "bid: ... the tender still scored" "$OUT" '"type":"tender-risk","tender":"T1".*"valid_bids":1,'
like "bid: ... the date named" "$ERR" "odd.jsonl:1: tender 'T1': date '2025-02-30' is not a date"
like "bid: ... the ceiling named" "$ERR" "odd.jsonl:1: tender 'T1': ceiling_price beyond the range"
like "bid: ... infinite prices left out" "$ERR" "odd.jsonl:1: tender 'T1': bid of 'B': 'price' beyond the range of a number: left out"
like "bid: ... each named" "$ERR" "odd.jsonl:1: tender 'T1': bid of 'C': 'price' beyond the range of a number: left out"
printf '%s\n' '{"type":"tender","tender":"T2","bids":[{"bidder":"A","price":-5},{"bidder":"B","price":"12"},{"bidder":"C","price":null},{"bidder":"D","price":10}]}' >prices.jsonl
expect "bid: a negative price, a price in a string" 1 "prices.jsonl:1: " gov-bid score --format ndjson prices.jsonl
like "bid: ... the negative price named" "$ERR" "prices.jsonl:1: tender 'T2': bid of 'A': negative price -5.00: left out of the price screens"
like "bid: ... the string named" "$ERR" "prices.jsonl:1: tender 'T2': bid of 'B': 'price' is not a number: left out of the price screens"
like "bid: ... null is a missing price" "$ERR" "prices.jsonl:1: tender 'T2': 1 bid without a price"
like "bid: ... only D's price in the screens" "$OUT" '"tender":"T2".*"valid_bids":1,.*"notes":\["bids without a price left out of the price screens"\]'
like "bid: ... no category is null" "$OUT" '"tender":"T2","score":0,"level":"low","category":null,'

# regression (fuzz_bid_tender): explain of a tender when no bid was read
# at all took an offset of a null pointer (UBSan)
printf '{"type":"tender","tender":"T1","bids":[]}\n' >nobids.jsonl
expect "bid: explain a tender without bids" 0 "" gov-bid explain T1 nobids.jsonl
like "bid: ... 0 bids" "$OUT" 'Bids \(0, 0 valid'
# regression (fuzz_bid_tender): a price of 1e300 in explain overflowed the
# formatting buffer (a pointer far out of bounds, UBSan)
printf '{"type":"tender","tender":"T1","ceiling_price":1e300,"bids":[{"bidder":"A","price":1e300},{"bidder":"B","price":5e299}]}\n' >huge.jsonl
expect "bid: explain prices of 1e300" 0 "" gov-bid explain T1 huge.jsonl
like "bid: ... shown short" "$OUT" 'Ceiling price: 1e\+300'
# regression (fuzz_bid_conf): --print-config printed an empty R018 list
# commented out, which reads back as the default "open|selective"
C=$T_TOP/tests/fuzz/corpus/bid_conf
expect "bid: --print-config of an empty R018 list" 0 "" gov-bid -c "$C/regress-print-empty-list" --print-config
like "bid: ... printed as set" "$OUT" '^cardinal\.R018\.procurement_methods = ?$'
printf '%s\n' "$OUT" >empty-list.conf
expect "bid: ... and reads back as empty" 0 "" gov-bid -c empty-list.conf --print-config
like "bid: ... still empty" "$OUT" '^cardinal\.R018\.procurement_methods = ?$'
# regression (the same target's property): values were printed with six
# digits (%g), so the printed file was not the configuration in effect
expect "bid: --print-config of 0.0123456789" 0 "" gov-bid -c "$C/regress-print-precision" --print-config
like "bid: ... every digit printed" "$OUT" '^price\.tolerance = 0\.0123456789$'
like "bid: ... a weight too" "$OUT" '^weight\.same-ip = 0\.123456789$'
# a value too small for a double is the tiny number, not "not a number";
# one too large for it is refused
printf 'ratio.tolerance = 1e-320\nweight.same-ip = 1e-400\n' >tiny.conf
expect "bid: a value below a double's range is accepted" 0 "" gov-bid -c tiny.conf --print-config
like "bid: ... the weight is 0" "$OUT" '^weight\.same-ip = 0$'
printf 'ratio.tolerance = 1e400\n' >huge.conf
expect "bid: a value beyond a double's range is refused" 2 \
	"huge.conf: ratio.tolerance: '1e400' is not a number from 0 to 1" gov-bid -c huge.conf --print-config
cp "$T_TOP/samples/bids/market.jsonl" market.jsonl
expect_full "bid: -o on a full disk" "full/b.jsonl.*No space left" full gov-bid score -o full/b.jsonl market.jsonl
expect_fsize "bid: -o past the file size limit" "fsize/b.jsonl.*File too large" fsize 4 gov-bid score -o fsize/b.jsonl market.jsonl
expect_devfull "bid: score to /dev/full" gov-bid score --format ndjson market.jsonl
# regression: -o naming a device (written in place) failed without a word
expect "bid: -o /dev/full: named" 2 "unable to write '/dev/full': No space left" gov-bid score -o /dev/full market.jsonl
expect_pipe "bid: score | head -1 ends quietly, exit 1" 1 gov-bid score --format ndjson market.jsonl
expect_pipe "bid: groups | head -1 ends quietly" 1 gov-bid groups --format ndjson market.jsonl
expect "bid: bad input with -o" 2 "missing.jsonl" gov-bid score -o out.jsonl missing.jsonl
ok "bid: ... leaves no output file" test ! -e out.jsonl

done_testing
