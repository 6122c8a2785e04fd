#!/bin/sh
# Security: SQL fragments are only ever values; no shell anywhere; the
# token and private keys never printed, logged or stored; key files 0600;
# personal data masked by default; -o never follows a planted symlink.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
. "$T_DIR/server.sh"
S=$T_TOP/samples
SQL="x'); DROP TABLE catalog_entry; --\" OR 1=1; DELETE FROM outbox_record; /*"

# ---- no shell: nothing in the sources can start one
hits=$(grep -rnE '\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?|fork)[[:space:]]*\(' \
	"$T_TOP/cmd" "$T_TOP/common" | grep -v '^[^:]*:[0-9]*:[[:space:]]*\*' || true)
is "no system/popen/exec*/fork in cmd/ and common/" "$hits" ""

# ---- SQL fragments as values through every tool that stores things
python3 - "$SQL" <<'P'
import json, sys
v = sys.argv[1]
with open("entry.jsonl", "w") as f:
    f.write(json.dumps({"type": "entry", "code": "101/" + v, "name": v, "provider": v,
                        "summary": v, "items": [{"name": v, "type": "C"}]}) + "\n")
with open("demand.jsonl", "w") as f:
    f.write(json.dumps({"type": "demand", "id": "D-" + v, "unit": v, "need": v}) + "\n")
with open("rec.jsonl", "w") as f:
    f.write(json.dumps({"type": "finding", "value": v, "message": v}) + "\n")
P
expect "sql: catalog add" 0 "" gov-catalog add --user "$SQL" entry.jsonl
expect "sql: catalog show gives it back" 0 "" gov-catalog show --format ndjson "101/$SQL"
like "sql: ... the name exactly" "$OUT" "\"name\":\"x'\); DROP TABLE catalog_entry"
expect "sql: catalog history" 0 "" gov-catalog history --format ndjson "101/$SQL"
like "sql: ... who exactly" "$OUT" 'DELETE FROM outbox_record'
expect "sql: catalog demand add" 0 "" gov-catalog demand add demand.jsonl
expect "sql: catalog list --provider" 0 "" gov-catalog list --format ndjson --provider "$SQL"
like "sql: ... filters by the value" "$OUT" '"code":"101/x'
expect "sql: license revoke" 0 "" gov-license revoke "TL-$SQL" --reason "$SQL" --date 2025-01-01
expect "sql: license revoke --list" 0 "" gov-license revoke --list --format ndjson
like "sql: ... both exactly" "$OUT" "\"license_no\":\"TL-x'\); DROP TABLE catalog_entry;.*\"reason\":\"x'\); DROP"
expect "sql: submit queues it" 3 "kept queued" gov-submit rec.jsonl
printf 'id,name\n1,%s\n' "$(printf '%s' "$SQL" | tr -d ',"')" >sql.csv
expect "sql: check --track" 0 "" gov-check --track sql.csv
gov-report plan load "$S/plan/digital-tongliao-plan.json" >/dev/null
python3 - "$SQL" >prog.jsonl <<'P'
import json, sys
v = sys.argv[1]
print(json.dumps({"type": "progress", "task": "1", "unit": "shujuju", "quarter": "2025Q3",
                  "status": "on-track", "percent": 50, "summary": v, "issues": v, "next_steps": v}))
P
expect "sql: report add" 0 "" gov-report --today 2025-10-15 add prog.jsonl
expect "sql: report --unit with SQL: no such unit" 2 "unknown unit .x.\\); DROP TABLE" gov-report --today 2025-10-15 history --unit "$SQL"
for t in catalog_entry catalog_history catalog_demand license_revocation outbox_record report_progress check_file; do
	is "sql: table $t intact, one row or more" "$(q "SELECT count(*) > 0 FROM $t")" 1
done
is "sql: the stored summary is the value" "$(q "SELECT count(*) FROM report_progress WHERE summary = '$(printf '%s' "$SQL" | sed "s/'/''/g")'")" 1
is "sql: the database is sound" "$(q 'PRAGMA integrity_check')" ok

# ---- the token and private keys: a full run, every output grepped
server_start
TOKEN=$GOVKIT_TOKEN
mkdir -p keys
expect "keys: keygen" 0 "" gov-license keygen --alg ed25519 keys/issuer
is "keys: private key file is 0600" "$(stat -c %a keys/issuer.key)" 600
expect "keys: keygen refuses to overwrite" 2 "keys/issuer\\.(key|pub).* not overwritten" gov-license keygen --alg ed25519 keys/issuer
expect "keys: sm2 keygen" 0 "" gov-license keygen --alg sm2 keys/sm2
is "keys: sm2 private key file is 0600" "$(stat -c %a keys/sm2.key)" 600
KEYBODY=$(sed -n '2p' keys/issuer.key | cut -c1-24)
SM2BODY=$(sed -n '2p' keys/sm2.key | cut -c1-24)
umask 000
expect "keys: keygen with umask 000" 0 "" gov-license keygen --alg ed25519 keys/open
umask 022
is "keys: ... still 0600" "$(stat -c %a keys/open.key)" 600
mkdir -p run
(
	cd run
	gov-license sign --key ../keys/issuer.key "$S/licenses/licenses.src.jsonl" >signed.jsonl 2>sign.err
	gov-license verify --today 2025-10-15 signed.jsonl >verdicts.jsonl 2>verify.err
	gov-license sync >sync.out 2>sync.err
	gov-records "$S/quality/residents-clean.csv" >records.jsonl 2>records.err
	gov-check -s "$S/quality/residents.schema.json" --ref communities="$S/quality/communities.csv" \
		"$S/quality/residents.csv" >findings.jsonl 2>check.err
	gov-submit findings.jsonl verdicts.jsonl >submit.out 2>submit.err
	gov-submit --status >status.out 2>status.err
	gov-catalog add "$S/catalog/entries.jsonl" >cat.out 2>cat.err
	gov-catalog push >push.out 2>push.err
	gov-report --today 2025-10-15 add --submit "$S"/plan/progress/2025Q3.jsonl >report.out 2>report.err
	# and when the server refuses the token
	server_control '{"fail":3,"status":401}'
	gov-submit rec.jsonl >refused.out 2>refused.err
	gov-catalog push >refused-push.out 2>refused-push.err
	gov-license sync >refused-sync.out 2>refused-sync.err
	cp ../rec.jsonl . 2>/dev/null
	gov-submit --flush >flush.out 2>flush.err
) </dev/null
ok "token: the pipeline ran (findings delivered)" test -n "$(server_records findings | head -1)"
like "token: a refusal was reported" "$(cat run/refused*.err run/flush.err)" "401|403|refused|unauthori[sz]ed|token"
sqlite3 "$GOVKIT_DB" .dump >db.dump
for f in run/* db.dump "$GOVKIT_DB" "$GOVKIT_DB"-wal; do
	[ -e "$f" ] || continue
	if grep -aqF -- "$TOKEN" "$f"; then fail "token: not in $f" "found the token"; else pass "token: not in ${f##*/}"; fi
	if grep -aqF -- "$KEYBODY" "$f" || grep -aqF -- "$SM2BODY" "$f"; then
		fail "private key: not in $f" "found key material"
	else pass "private key: not in ${f##*/}"; fi
done
server_stop

# a token file readable by others is refused, and the token not shown
printf '%s\n' "$TOKEN" >token
chmod 644 token
expect "token file 0644: refused" 2 "token file .*readable by others" env -u GOVKIT_TOKEN GOVKIT_TOKEN_FILE="$SCRATCH/token" GOVKIT_API=http://127.0.0.1:9 gov-submit --flush
unlike "token file 0644: the token not in the message" "$ERR" "$TOKEN"

# ---- personal data masked by default
head -3 "$S/quality/residents-clean.csv" >people.csv
RIC=$(sed -n 2p people.csv | cut -d, -f1)
PHONE=$(sed -n 2p people.csv | cut -d, -f9)
masked() { # DESC CMD...: neither the ID number nor the phone appears
	_d=$1; shift
	"$@" >m.out 2>m.err </dev/null
	if grep -aqF -e "$RIC" -e "$PHONE" m.out m.err; then fail "masked: $_d" "$(head -c 300 m.out)"
	else pass "masked: $_d"; fi
}
masked "records" gov-records people.csv
masked "check (findings carry values)" gov-check -s "$S/quality/residents.schema.json" --skip foreign-key people.csv
masked "profile" gov-profile people.csv
masked "profile --schema" gov-profile --schema people.csv
gov-records --no-mask people.csv >people.jsonl
masked "xlsx" sh -c 'gov-xlsx -o people.xlsx people.jsonl && unzip -p people.xlsx'
masked "catalog describe" gov-catalog describe people.csv
masked "submit --dry-run" gov-submit --dry-run --endpoint people people.jsonl
like "records --no-mask shows them (the test is real)" "$(gov-records --no-mask people.csv)" "$RIC"

# ---- -o never follows a symlink planted at the output or its temporary
printf 'precious\n' >precious
ln -s precious out.jsonl
expect "symlink: records -o over a planted symlink" 0 "" gov-records -o out.jsonl people.csv
is "symlink: ... its target untouched" "$(cat precious)" precious
ok "symlink: ... the output is a file of its own" test -f out.jsonl -a ! -L out.jsonl
ln -s precious out.xlsx
expect "symlink: xlsx -o over a planted symlink" 0 "" gov-xlsx -o out.xlsx people.jsonl
is "symlink: ... its target untouched" "$(cat precious)" precious
# the temporary files: without a name until commit (O_TMPFILE), then
# named by linkat, which neither follows nor replaces a planted name, or
# else created with O_EXCL (a planted name is never opened); a workbook
# written likewise through /proc/self/fd, or else by name only inside a
# fresh 0700 folder (the sanitizer build's leak check cannot run under
# ptrace: off for these)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
strace -f -e trace=openat,mkdir,linkat -o trace.txt gov-records -o t.jsonl people.csv
like "symlink: records' temporary opened with O_EXCL, or named by linkat" \
	"$(grep '\.t\.jsonl\.' trace.txt)" '^[0-9]+ +(openat\(.*O_CREAT\|O_EXCL|linkat\()'
unlike "symlink: ... and never opened by its name otherwise" \
	"$(grep '\.t\.jsonl\.' trace.txt | grep -v 'O_CREAT|O_EXCL' | grep -v '^[0-9]* *linkat(')" '.'
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
strace -f -e trace=openat,mkdir,linkat -o trace.txt gov-xlsx -o t.xlsx people.jsonl
like "symlink: the workbook written unnamed and named by linkat, or in a 0700 folder" \
	"$(grep -E 'openat\(AT_FDCWD, "\.", .*O_TMPFILE|/proc/self/fd|\.t\.xlsx\.' trace.txt | tr '\n' ' ')" \
	'^[0-9]+ +openat\(AT_FDCWD, "\.", [^)]*O_TMPFILE.* linkat\(AT_FDCWD, "/proc/self/fd/[0-9]+", AT_FDCWD, "\.t\.xlsx\.[^/"]*", AT_SYMLINK_FOLLOW\) = 0 $|mkdir\("\.t\.xlsx\.[^"]*", 0700\)'
unlike "symlink: nothing beside the output opened without O_EXCL" \
	"$(grep -E 'openat\(AT_FDCWD, "\.t\.xlsx\.[^/"]*"' trace.txt)" 'O_TRUNC'

done_testing
