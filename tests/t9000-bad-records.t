#!/bin/sh
# Bad input for gov-records and gov-xlsx: each row wants the documented
# exit status, a message naming the input, no signal and no output file
# left behind.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
t9_inputs
t9_bigline

# ---- gov-records
expect "records: missing file" 2 "'missing.csv'.*No such file" gov-records missing.csv
expect "records: directory" 2 "'adir'.*Is a directory" gov-records adir
# JSON Lines was read as CSV, each record cut at its commas into columns
printf '{"a":1,"b":2}\n' >recs.jsonl
expect "records: JSON Lines refused, named" 2 "recs.jsonl: JSON Lines, records already \\(gov-records reads CSV, TSV and XLSX\\)$" gov-records recs.jsonl
expect "records: permission denied" 2 "'secret.csv'.*Permission denied" as_user gov-records secret.csv
expect "records: file under a file" 2 "'header.csv/x'.*Not a directory" gov-records header.csv/x
expect "records: empty file: exit 2 as gov-check" 2 "^gov-records: empty.csv: file is empty$" gov-records empty.csv
is "records: empty file: nothing out" "$OUT" ""
expect "records: only a header: no records" 0 "" gov-records header.csv
is "records: only a header: nothing out" "$OUT" ""
expect "records: NUL byte kept, escaped" 0 "" gov-records nul.csv
is "records: NUL byte as \\u0000" "$OUT" '{"name":"zhang","note":"a\u0000b"}'
expect "records: invalid UTF-8 reported" 1 "badutf8.csv:2: column 2: bytes not valid" gov-records --encoding utf-8 badutf8.csv
is "records: invalid UTF-8 replaced" "$OUT" '{"name":"zhang","note":"??"}'
expect "records: a 100 MB line" 0 "" gov-records -o big.jsonl bigline.csv
is "records: the 100 MB value whole" "$(wc -c <big.jsonl)" $((T9_BIG + 27))

# numbers past 64 bits and impossible dates, typed by a schema
cat >typed.schema.json <<'S'
{"fields":[{"name":"id","type":"integer"},{"name":"born","type":"date"},
 {"name":"amount","type":"number"}]}
S
printf 'id,born,amount\n9223372036854775807,2024-02-29,1.5\n99999999999999999999,2025-02-30,1e400\n' >typed.csv
expect "records: too big, impossible dates: reported" 1 \
	"typed.csv:3: value '99999999999999999999' of 'id' is not of its type" \
	gov-records -s typed.schema.json typed.csv
is "records: int64 max exact, bad values kept as text" "$OUT" \
'{"id":9223372036854775807,"born":"2024-02-29","amount":1.5}
{"id":"99999999999999999999","born":"2025-02-30","amount":"1e400"}'
like "records: 2025-02-30 named" "$ERR" "typed.csv:3: value '2025-02-30' of 'born' is not of its type"
like "records: 1e400 named" "$ERR" "typed.csv:3: value '1e400' of 'amount' is beyond the range"
# a schema that is not one, nested too deep, referring to itself
expect "records: deeply nested schema" 2 "deep.json" gov-records -s deep.json header.csv
cat >selfref.schema.json <<'S'
{"fields":[{"name":"id","type":"integer"},{"name":"parent","type":"integer"}],
 "foreignKeys":[{"fields":["parent"],"reference":{"resource":"","fields":["parent"]}}]}
S
printf 'id,parent\n1,1\n2,3\n' >tree.csv
expect "records: self-referencing schema reads" 0 "" gov-records -s selfref.schema.json tree.csv
is "records: self-referencing schema: typed rows" "$OUT" '{"id":1,"parent":1}
{"id":2,"parent":3}'

# output: full disk, /dev/full, closed pipe
python3 -c '
import sys
w = sys.stdout.write
w("id,name,phone\n")
for i in range(20000):
    w("%d,name %d,1380000%04d\n" % (i, i, i % 10000))' >many.csv
mkdir -p full
expect_full "records: -o on a full disk" "unable to write 'full/out.jsonl': No space left" full gov-records -o full/out.jsonl many.csv
expect_fsize "records: -o past the file size limit" "unable to write 'fsize/out.jsonl': File too large" fsize 64 gov-records -o fsize/out.jsonl many.csv
expect_devfull "records: standard output on /dev/full" gov-records many.csv
# --help and --version on a full disk said nothing and exited 0 in
# gov-records, gov-profile (and gov-xlsx had its own lines for it)
for t in gov-records gov-profile gov-xlsx gov-check; do
	expect_devfull "$t --help on /dev/full" $t --help
	expect_devfull "$t --version on /dev/full" $t --version
done
expect_pipe "records: | head -1 ends quietly, exit 0" 0 gov-records many.csv
expect "records: -o into a missing folder" 2 "nodir/out.jsonl" gov-records -o nodir/out.jsonl many.csv
expect "records: bad input with -o" 2 "missing.csv" gov-records -o out.jsonl missing.csv
ok "records: ... leaves no output file" test ! -e out.jsonl

# regression: a run ended by SIGTERM or SIGHUP (kill, a closed terminal)
# left its hidden temporary file beside the output
python3 -c '
import sys
w = sys.stdout.write
w("id,name\n")
for i in range(2000000):
    w("%d,name %d\n" % (i, i))' >huge.csv
for sig in TERM HUP; do
	mkdir -p "sig$sig"
	gov-records -o "sig$sig/out.jsonl" huge.csv 2>/dev/null & pid=$!
	sleep 0.1
	kill -$sig $pid
	wait $pid 2>/dev/null # not the shell's "Terminated" in the log
	rc=$?
	ok "records: SIG$sig ends it (exit $rc)" test "$rc" -gt 128 -o "$rc" -eq 0
	if [ "$rc" -gt 128 ]; then
		no_output "records: ... and nothing is left beside the output" "sig$sig"
	else
		ok "records: ... (it had finished) the output whole" test -s "sig$sig/out.jsonl"
	fi
done
rm -rf huge.csv sigTERM sigHUP

# ---- gov-xlsx
expect "xlsx: missing file" 2 "'missing.jsonl'.*No such file" gov-xlsx -o x.xlsx missing.jsonl
expect "xlsx: directory" 2 "adir.*Is a directory" gov-xlsx -o x.xlsx adir
expect "xlsx: permission denied" 2 "'secret.jsonl'.*Permission denied" as_user gov-xlsx -o x.xlsx secret.jsonl
ok "xlsx: failed runs leave no workbook" test ! -e x.xlsx
expect "xlsx: empty input: an empty workbook" 0 "" gov-xlsx -o e.xlsx empty.jsonl
ok "xlsx: ... written" test -s e.xlsx
expect "xlsx: a raw NUL in a string is not JSON" 2 "nul.jsonl:1: invalid JSON: control character" gov-xlsx -o n.xlsx nul.jsonl
expect "xlsx: invalid UTF-8 named" 2 "badutf8.jsonl:1: invalid UTF-8" gov-xlsx -o u.xlsx badutf8.jsonl
expect "xlsx: CSV is not records" 2 "header.csv:1: record is not a JSON object" gov-xlsx -o c.xlsx header.csv
expect "xlsx: deeply nested" 2 "deep.jsonl:1: .*(deep|nest)" gov-xlsx -o d.xlsx deep.jsonl
printf '{"n":1e400,"m":123456789012345678901234567890,"d":"2025-02-30"}\n' >nums.jsonl
expect "xlsx: numbers past 64 bits, impossible date" 0 "" gov-xlsx -o nums.xlsx nums.jsonl
py - nums.xlsx >cells.txt <<'P'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
for row in ws.iter_rows(min_row=2, values_only=True):
    print(repr(row))
P
is "xlsx: numbers past a double kept as their text" "$(cat cells.txt)" "('1e400', '123456789012345678901234567890', '2025-02-30')"
expect "xlsx: a 100 MB line: cut, and told" 1 "bigline.jsonl:1: column .a.: text cut to Excel.s 32767 characters" gov-xlsx -o big.xlsx bigline.jsonl
ok "xlsx: ... written" test -s big.xlsx
ok "xlsx: failed runs left nothing" test ! -e u.xlsx -a ! -e c.xlsx -a ! -e d.xlsx -a ! -e n.xlsx
gov-records many.csv >many.jsonl
expect_full "xlsx: -o on a full disk" "full/w.xlsx" full gov-xlsx -o full/w.xlsx many.jsonl
# regression: past the file size limit its message named no file (only
# "cannot read the temporary file", of the spool it was writing)
expect_fsize "xlsx: -o past the file size limit: the workbook named" "unable to write 'fsize/w.xlsx': its temporary file in '.*': File too large" fsize 64 gov-xlsx -o fsize/w.xlsx many.jsonl

done_testing
