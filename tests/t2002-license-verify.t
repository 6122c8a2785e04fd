#!/bin/sh
# gov-license verify on the sample licenses: every verdict, the exact
# records, precedence, text form, exit status, batches on two threads.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses

run gov-license revoke TL-YYZZ-2024-0025 --reason "吊销营业执照" --date 2025-09-01
is "revoke: exit 0" "$RC" 0

run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" "$S/licenses.jsonl"
is "samples: exit 1 (not all valid)" "$RC" 1
is "samples: nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >verdicts.jsonl
same_file "samples: the verdict records" verdicts.jsonl "$(expected license-samples.jsonl)"
py -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["license_no"], r["verdict"])' verdicts.jsonl >got-verdicts.txt
same_file "samples: each license gets the verdict it was made for" got-verdicts.txt "$S/expected-verdicts.txt"
for v in valid invalid expired not-yet-valid revoked untrusted; do
	like "samples cover verdict $v" "$(cat got-verdicts.txt)" " $v\$"
done

run gov-license verify --format text --trust "$S/trust.json" --today "$T_TODAY" "$S/licenses.jsonl"
printf '%s\n' "$OUT" >verdicts.txt
same_file "samples: the text form" verdicts.txt "$(expected license-samples.txt)"

# Only valid licenses: exit 0.
grep -E '"TL-(YYZZ-2024-0001|SPJY-2023-0003|JZZ-2025-0005)"' "$S/licenses.jsonl" >good.jsonl
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" good.jsonl
is "all valid: exit 0" "$RC" 0
is "all valid: three verdicts" "$(printf '%s\n' "$OUT" | grep -c '"verdict":"valid"')" 3
run_in good.jsonl gov-license verify --trust "$S/trust.json" --today "$T_TODAY"
is "standard input: exit 0" "$RC" 0
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" -o out.jsonl good.jsonl
is "-o: exit 0, nothing on stdout" "$RC|$OUT" "0|"
is "-o: the file holds the verdicts" "$(grep -c '"verdict":"valid"' out.jsonl)" 3

# --warn-days: TL-SPJY-2020-0004 ends in 20 days.
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" "$S/licenses.jsonl"
like "warning inside 30 days" "$OUT" '"TL-SPJY-2020-0004","verdict":"valid","checks":.*"check":"expiry","ok":true,"warning":"expires in 20 days \(valid to 2025-11-04\)"'
run gov-license verify --warn-days 19 --trust "$S/trust.json" --today "$T_TODAY" "$S/licenses.jsonl"
unlike "no warning with --warn-days 19" "$OUT" 'expires in 20 days'

# Without a trust file the content is checked; trust and signature are
# not, so no license is called valid: it is indeterminate (exit 1).
run gov-license verify --today "$T_TODAY" good.jsonl
like "no trust file: issuer-trust indeterminate" "$OUT" '"check":"issuer-trust","indeterminate":"no trust file \(--trust, or license_trust in the config\): issuer and signature not checked"'
like "no trust file: signature skipped" "$OUT" '"check":"signature","skipped":"issuer trust not determined \(no trust file\)"'
unlike "no trust file: never valid" "$OUT" '"verdict":"valid"'
is "no trust file: exit 1" "$RC" 1
# ... and from the configuration file.
mkdir -p "$XDG_CONFIG_HOME/govkit"
echo "license_trust = $S/trust.json" >"$XDG_CONFIG_HOME/govkit/config"
run gov-license verify --today "$T_TODAY" good.jsonl
like "license_trust from the config file" "$OUT" '"check":"signature","ok":true'
rm "$XDG_CONFIG_HOME/govkit/config"

# A trust file that cannot be trusted is an error, not a verdict.
run gov-license verify --trust nosuch.json good.jsonl
is "missing trust file: exit 2" "$RC" 2
like "missing trust file: message" "$ERR" "^gov-license: cannot open 'nosuch.json'"
sed 's/"key_id": "\(.\)/"key_id": "0\1/' "$S/trust.json" | sed 's/"key_id": "0\(.*\)."/"key_id": "0\1"/' >badkid.json
run gov-license verify --trust badkid.json good.jsonl
is "trust file key_id not the key's: exit 2" "$RC" 2
like "trust file key_id: message" "$ERR" "badkid.json: issuers\[0\]: key_id does not match the public key"
echo '{"issuers":[{"code":"x"}]}' >short.json
run gov-license verify --trust short.json good.jsonl
is "trust file entry incomplete: the member it lacks named" "$ERR" "gov-license: short.json: issuers[0]: no key_id; an issuer needs code, key_id, alg, public_key and license_types"
is "trust file entry incomplete: exit 2" "$RC" 2
is "trust file entry incomplete: no verdict" "$OUT" ""
# A trust file edited by hand: a member's name misspelt reads as that
# member missing, named; one of the wrong kind says what it must be; a
# JSON syntax error names its line and column (the comma after the first
# issuer taken out: the second issuer's '{' on line 14).  Before, each
# said only 'needs code, key_id, alg, public_key and license_types' or
# 'not valid JSON', and the officer had to find the place alone.
sed 's/"license_types"/"licence_types"/' "$S/trust.json" >misspelt.json
run gov-license verify --trust misspelt.json good.jsonl
is "trust file, licence_types misspelt: exit 2, named" "$RC:$ERR" "2:gov-license: misspelt.json: issuers[0]: no license_types; an issuer needs code, key_id, alg, public_key and license_types"
sed 's/"license_types": \[/"license_types": "营业执照", "x": [/' "$S/trust.json" >kind.json
run gov-license verify --trust kind.json good.jsonl
is "trust file, license_types a string: exit 2, what it must be" "$RC:$ERR" "2:gov-license: kind.json: issuers[0]: license_types must be an array"
sed '0,/^    },$/s//    }/' "$S/trust.json" >comma.json
is "... (the comma taken out on line 13)" "$(sed -n '13,14p' comma.json)" "    }
    {"
run gov-license verify --trust comma.json good.jsonl
is "trust file, a comma missing: exit 2, its line and column" "$RC:$ERR" "2:gov-license: comma.json:14:5: not valid JSON"
is "... no verdict" "$OUT" ""
# Two trust files joined into one: the second's issuers were dropped
# without a word, and verify went on with the first alone.
cat "$S/trust.json" "$S/trust.json" >joined.json
run gov-license verify --trust joined.json good.jsonl
is "trust file, text after its object: exit 2, where it begins" "$RC:$ERR" "2:gov-license: joined.json:$(($(wc -l <"$S/trust.json") + 1)):1: not valid JSON (text after the trust file's object)"
is "... no verdict" "$OUT" ""

# Lines that are not license records.
{ head -1 good.jsonl; echo 'not json'; echo '{"type":"finding","row":3}'; echo '[1,2]'; } >mixed.jsonl
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" mixed.jsonl
is "mixed: exit 1" "$RC" 1
like "mixed: not JSON reported with file and line" "$ERR" "^gov-license: mixed.jsonl:2: unexpected character at byte 1"
like "mixed: an array is not a record" "$ERR" "mixed.jsonl:4: not a JSON object"
is "mixed: other record types passed over, bad lines get a verdict" \
	"$(printf '%s\n' "$OUT" | py -c '
import json, sys
print(" ".join("%s:%s" % (r["license_no"], r["verdict"]) for r in map(json.loads, sys.stdin)))')" \
	"TL-YYZZ-2024-0001:valid None:invalid None:invalid"
run gov-license verify good.jsonl nosuch.jsonl
is "unreadable input: exit 2" "$RC" 2
like "unreadable input: message" "$ERR" "cannot open 'nosuch.jsonl'"

# Schema: wrong shapes are named.
printf '%s\n' '{"type":"license","license_no":"S1","license_type":"t","holder_name":"h","holder_id":"91110000600037341L","holder_id_type":"passport","issuer_name":"i","issuer_code":"11150500011505012H","issue_date":"2024-1-1","valid_from":"2024-01-01","status":"gone","signature":"x"}' >schema.jsonl
run gov-license verify --today "$T_TODAY" schema.jsonl
like "schema: every problem named" "$OUT" '"check":"schema","ok":false,"message":"holder_id_type must be uscc, ric, orgcode or other; issue_date .2024-1-1. is not a real date \(YYYY-MM-DD\); valid_to missing \(null for long-term\); status must be valid, suspended, revoked or cancelled; signature must be an object with alg, key_id and value strings"'
like "schema: verdict invalid" "$OUT" '"verdict":"invalid"'

# A batch on two threads gives the same output, in input order, as one.
n=100
[ "${GOVKIT_SAN:-}" = 1 ] && n=20
i=0
: >big.jsonl
while [ $i -lt $n ]; do cat "$S/licenses.jsonl" >>big.jsonl; i=$((i + 1)); done
gov-license verify --jobs 1 --trust "$S/trust.json" --today "$T_TODAY" big.jsonl >one.out
rc1=$?
gov-license verify --jobs 2 --trust "$S/trust.json" --today "$T_TODAY" big.jsonl >two.out
rc2=$?
is "batch: exit 1 on one and two threads" "$rc1 $rc2" "1 1"
same_file "batch: two threads, same records in the same order" two.out one.out
is "batch: one verdict per license" "$(wc -l <two.out | tr -d ' ')" "$((n * 38))"
for i in 1 2 3; do
	cat "$S/licenses.jsonl"
done | gov-license verify --jobs 2 --trust "$S/trust.json" --today "$T_TODAY" | cut -c1-60 >stdin3.out
for i in 1 2 3; do cut -c1-60 "$(expected license-samples.jsonl)"; done >stdin3.want
same_file "batch from standard input keeps order" stdin3.out stdin3.want

# An unreadable revocation list: status could not be determined, never invalid.
run gov-license verify --db /proc/no/such.db --today "$T_TODAY" good.jsonl
is "revocation list unreadable: exit 1" "$RC" 1
like "revocation list unreadable: diagnostic" "$ERR" "^gov-license: unable to create '/proc/no'"
like "revocation list unreadable: indeterminate, not invalid" "$(printf '%s\n' "$OUT" | head -1)" \
	'"verdict":"indeterminate",.*"check":"status","indeterminate":"local revocation list could not be read: '

# A counter: one license at a time through a pipe that stays open; each
# answer comes before the next license is sent.
mkfifo counter.in
: >counter.out # (the job opens it only once the pipe has a writer)
gov-license verify --format ndjson --trust "$S/trust.json" --today "$T_TODAY" \
	<counter.in >counter.out 2>counter.err &
cpid=$!
exec 3>counter.in
n=0
for no in TL-YYZZ-2024-0001 TL-YYZZ-2024-0029; do
	n=$((n + 1))
	grep "\"$no\"" "$S/licenses.jsonl" >&3
	i=0
	while [ "$(wc -l <counter.out)" -lt $n ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	like "counter: answer $n arrives while the pipe is open" "$(sed -n "${n}p" counter.out)" "\"license_no\":\"$no\""
done
exec 3>&-
wait $cpid
is "counter: exit 1 at the end (one untrusted)" "$?" 1

# Lines longer than a read chunk, CRLF line ends, blank lines.
py - "$S/licenses.jsonl" >long.jsonl <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for i, l in enumerate(lines[:3]):
    r = json.loads(l)
    r.pop("signature")
    r["holder_name"] = "长" * (200000 + i)  # 600 KB of UTF-8
    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\r\n\r\n")
PY
run gov-license verify --jobs 2 --today "$T_TODAY" long.jsonl
is "long CRLF lines: three verdicts in order" "$(printf '%s\n' "$OUT" | cut -d, -f2-3)" \
'"license_no":"TL-YYZZ-2024-0001","verdict":"indeterminate"
"license_no":"TL-YYZZ-2024-0002","verdict":"indeterminate"
"license_no":"TL-SPJY-2023-0003","verdict":"indeterminate"'


# One license pretty-printed in a .json file is one JSON document, not
# JSON Lines: refused with one message and exit 2 before anything is read
# (not one invalid verdict per line), by every command reading licenses.
head -1 "$S/licenses.jsonl" | py -m json.tool --no-ensure-ascii >lic.json
msg="gov-license: lic.json: a JSON document, not JSON Lines of licenses (each license on one line of its own)"
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" lic.json
is "pretty lic.json: exit 2" "$RC" 2
is "pretty lic.json: no verdicts" "$OUT" ""
is "pretty lic.json: one message" "$ERR" "$msg"
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" good.jsonl lic.json
is "pretty lic.json after a good file: exit 2, nothing verified" "$RC:$OUT" "2:"
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" -o v.jsonl lic.json
is "pretty lic.json: -o leaves no file" "$RC:$(ls v.jsonl 2>/dev/null)" "2:"
run gov-license canon lic.json
is "canon: refused too" "$RC:$OUT:$ERR" "2::$msg"
run gov-license sign --key nosuch.key lic.json
is "sign: refused too" "$RC:$OUT:$ERR" "2::$msg"
# the man page's example: jq -c (here python) puts it on one line
py -c 'import json,sys; print(json.dumps(json.load(open("lic.json")), ensure_ascii=False))' >one.json
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" one.json
is "one-line lic.json: verified" "$RC:$(printf '%s\n' "$OUT" | cut -d, -f2-3)" \
	'0:"license_no":"TL-YYZZ-2024-0001","verdict":"valid"'

done_testing
