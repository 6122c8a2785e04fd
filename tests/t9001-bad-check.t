#!/bin/sh
# Bad input for gov-check and gov-profile: each row wants the documented
# exit status, a message naming the input, no signal and no output file
# left behind.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
t9_inputs
t9_bigline
cat >s.json <<'S'
{"fields":[{"name":"id","type":"integer"},{"name":"parent","type":"integer"},
 {"name":"born","type":"date"},{"name":"amount","type":"number","constraints":{"maximum":100}}],
 "primaryKey":["id"],
 "foreignKeys":[{"fields":["parent"],"reference":{"resource":"","fields":["id"]}}]}
S
printf 'id,parent,born,amount\n1,,2024-02-29,1\n99999999999999999999,1,2025-02-30,1e400\n9223372036854775807,7,2025-01-01,2\n' >typed.csv

# ---- gov-check
expect "check: missing file" 2 "'missing.csv'.*No such file" gov-check missing.csv
expect "check: directory" 2 "'adir'.*Is a directory" gov-check adir
expect "check: permission denied" 2 "'secret.csv'.*Permission denied" as_user gov-check secret.csv
expect "check: missing schema" 2 "'nothere.json'" gov-check -s nothere.json header.csv
expect "check: schema is a directory" 2 "adir" gov-check -s adir header.csv
expect "check: empty file" 2 "empty.csv: file is empty" gov-check empty.csv
expect "check: only a header: clean" 0 "" gov-check header.csv
like "check: only a header: 0 rows" "$OUT" '"type":"summary","file":"header.csv".*"rows":0'
expect "check: NUL byte" 0 "" gov-check nul.csv
expect "check: invalid UTF-8 is a finding" 1 "" gov-check --encoding utf-8 badutf8.csv
like "check: ... encoding at row 2 column 2" "$OUT" '"row":2,"column":2,"field":"note","check":"encoding"'
expect "check: a 100 MB line" 0 "" gov-check bigline.csv
like "check: ... 1 row" "$OUT" '"rows":1,'
expect "check: deeply nested JSON line is a finding" 1 "" gov-check deep.jsonl
like "check: ... at line 1" "$OUT" '"file":"deep.jsonl","row":1'
expect "check: deeply nested schema" 2 "deep.json" gov-check -s deep.json header.csv
expect "check: past 64 bits, 2025-02-30, 1e400: findings" 1 "" gov-check -s s.json typed.csv
like "check: ... integer too big" "$OUT" '"row":3,"column":1,"field":"id","check":"type"'
like "check: ... no such date" "$OUT" '"row":3,"column":3,"field":"born","check":"type".*"value":"2025-02-30"'
like "check: ... 1e400 over the maximum" "$OUT" '"row":3,"column":4,"field":"amount","check":"maximum"'
like "check: ... self-reference: 7 not found" "$OUT" '"row":4,"column":2,"field":"parent","check":"foreign-key"'
unlike "check: ... int64 max is an integer" "$OUT" '"row":4,"column":1'
expect "check: --today 2025-02-30 refused" 2 "2025-02-30" gov-check --today 2025-02-30 header.csv
sed 's/"resource":""/"resource":"self"/' s.json >self.json
expect "check: --ref to itself" 1 "" gov-check -s self.json --ref self=typed.csv typed.csv
like "check: ... 7 not found in itself" "$OUT" '"row":4,"column":2,"field":"parent","check":"foreign-key"'
# JSON Lines numbers out of a long long's range (1e19, 1e400 read as
# inf) became cells through an undefined conversion (a UBSan report, F6)
printf '{"id":1e19,"parent":-1e19,"amount":1e400}\n{"id":2,"parent":2,"amount":1}\n' >typed.jsonl
expect "check: JSON Lines numbers past 64 bits: findings" 1 "" gov-check -s s.json typed.jsonl
like "check: ... 1e19 is not an integer" "$OUT" '"row":1,"column":1,"field":"id","check":"type".*"value":"1e\+19"'
like "check: ... -1e19 is not an integer" "$OUT" '"row":1,"column":2,"field":"parent","check":"type".*"value":"-1e\+19"'
cat >loop.schema.json <<'S'
{"fields":[{"name":"id","type":"integer"},{"name":"parent","type":"integer"}],
 "foreignKeys":[{"fields":["parent"],"reference":{"resource":"","fields":["parent"]}}]}
S
printf 'id,parent\n1,1\n2,3\n' >tree.csv
expect "check: a field referencing itself" 0 "" gov-check -s loop.schema.json tree.csv
python3 -c '
import sys
w = sys.stdout.write
w("id,parent,born,amount\n")
for i in range(20000):
    w("%d,%d,2025-02-30,%d\n" % (i, i + 1, i))' >many.csv
mkdir -p full
expect_full "check: -o on a full disk" "full/f.jsonl.*No space left" full gov-check -s s.json -o full/f.jsonl many.csv
expect_fsize "check: -o past the file size limit" "fsize/f.jsonl.*File too large" fsize 64 gov-check -s s.json -o fsize/f.jsonl many.csv
expect_devfull "check: standard output on /dev/full" gov-check -s s.json many.csv
expect_pipe "check: | head -1 ends quietly, exit 1" 1 gov-check -s s.json many.csv
expect "check: bad input with -o" 2 "missing.csv" gov-check -o out.jsonl missing.csv
ok "check: ... leaves no output file" test ! -e out.jsonl

# ---- gov-profile
expect "profile: missing file" 2 "'missing.csv'.*No such file" gov-profile missing.csv
expect "profile: directory" 2 "'adir'.*Is a directory" gov-profile adir
expect "profile: permission denied" 2 "'secret.csv'.*Permission denied" as_user gov-profile secret.csv
expect "profile: empty file" 2 "^gov-profile: empty.csv: file is empty$" gov-profile empty.csv
expect "profile: only a header" 0 "" gov-profile header.csv
like "profile: ... 0 rows" "$OUT" '"rows":0'
expect "profile: NUL byte" 0 "" gov-profile nul.csv
expect "profile: invalid UTF-8 JSON line" 2 "badutf8.jsonl:1: invalid UTF-8" gov-profile badutf8.jsonl
expect "profile: deeply nested JSON" 2 "deep.jsonl:1: invalid JSON" gov-profile deep.jsonl
expect "profile: a 100 MB line" 0 "" gov-profile bigline.csv
expect "profile: past 64 bits, 2025-02-30" 0 "" gov-profile typed.csv
like "profile: ... id stays an integer or string" "$OUT" '"name":"id","type":"(integer|string|number)"'
expect_full "profile: -o on a full disk" "full/p.json.*No space left" full gov-profile -o full/p.json many.csv
expect_fsize "profile: -o past the file size limit" "fsize/p.json.*File too large" fsize 1 gov-profile -o fsize/p.json many.csv
expect_devfull "profile: standard output on /dev/full" gov-profile many.csv
expect_pipe "profile: | head -1 ends quietly" 0 gov-profile many.csv many.csv many.csv
expect "profile: bad input with -o" 2 "missing.csv" gov-profile -o out.json missing.csv
ok "profile: ... leaves no output file" test ! -e out.json

done_testing
