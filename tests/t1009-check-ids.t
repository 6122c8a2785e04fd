#!/bin/sh
# The Chinese identifier formats end to end: published and generated
# valid numbers pass; every single-character change of them fails (each
# check character system detects any one substitution); the messages say
# what was expected.  The generator is written here from the standards,
# independently of common/ids.c, so the two check each other.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "kind"}, {"name": "ric", "format": "cn-ric"},
            {"name": "uscc", "format": "cn-uscc"}, {"name": "org", "format": "cn-orgcode"}]}
JSON

py - <<'PY'
import random
rnd = random.Random(11643)
RW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
RC = "10X98765432"
def ric(body):                                  # GB 11643, ISO 7064 MOD 11-2
    return body + RC[sum(int(a) * w for a, w in zip(body, RW)) % 11]
OA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OW = [3, 7, 9, 10, 5, 8, 4, 2]
def org(body):                                  # GB 11714 MOD 11
    c = 11 - sum(OA.index(ch) * w for ch, w in zip(body, OW)) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))
UA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
UW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def uscc(body):                                 # GB 32100 MOD 31
    c = (31 - sum(UA.index(ch) * w for ch, w in zip(body, UW)) % 31) % 31
    return body + UA[c]

valid = {
    "ric": ["11010519491231002X"],             # the example of GB 11643
    "uscc": [], "org": [],
}
for _ in range(3):
    valid["ric"].append(ric("1505%02d%04d%02d%02d%03d" % (rnd.randint(1, 30),
        rnd.randint(1940, 2010), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 999))))
    o = org("".join(rnd.choice("0123456789") for _ in range(8)))
    valid["org"].append(o)
    valid["uscc"].append(uscc("91150502" + o))
out = open("ids.csv", "w")
out.write("kind,ric,uscc,org\n")
for r, u, o in zip(valid["ric"], valid["uscc"] + [""], valid["org"] + [""]):
    out.write("valid,%s,%s,%s\n" % (r, u, o))
alpha = {"ric": "0123456789X", "uscc": UA, "org": "0123456789X"}
n = 0
for col, vs in valid.items():
    for v in vs:
        for i in range(len(v)):
            # the body of a RIC or an organization code is digits (a letter
            # in an organization code may weigh like a digit: X is 33, 0 mod 11)
            last = i == len(v) - 1
            for ch in alpha[col] if (col == "uscc" or last) else "0123456789":
                if ch == v[i]:
                    continue
                bad = v[:i] + ch + v[i + 1:]
                cells = {"ric": "", "uscc": "", "org": ""}
                cells[col] = bad
                out.write("changed,%s,%s,%s\n" % (cells["ric"], cells["uscc"], cells["org"]))
                n += 1
open("changed.count", "w").write(str(n))
PY

run gov-check -s s.json --today "$T_TODAY" --no-mask ids.csv
printf '%s\n' "$OUT" >got.jsonl
total=$(cat changed.count)
valid_rows=4
failed=$(py -c '
import json, sys
rows = set()
for l in open("got.jsonl"):
    r = json.loads(l)
    if r["type"] == "finding":
        assert r["check"] == "format", r
        rows.add(r["row"])
print(len(rows), min(rows))')
is "every changed number fails, no valid one does" "$failed" "$total $((valid_rows + 2))"
like "the summary counts them" "$(printf '%s\n' "$OUT" | tail -1)" "\"rows\":$((total + valid_rows)),"

printf 'kind,ric,uscc,org\nx,11010519491231002X,,\nx,110105194912310021,,\nx,11010519490231002X,,\nx,110105491231002,,\nx,,91150502MA0N00000X,\nx,,,12345678-X\n' >msg.csv
run gov-check -s s.json --today "$T_TODAY" --no-mask msg.csv
msgs=$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "finding":
        print(r["row"], r["severity"], r["message"])')
like "a wrong check character: what was expected" "$msgs" "^3 error check character is 1, expected X"
like "a date that does not exist, its digits not quoted" "$msgs" "4 error birth date \\(digits 7-14\\) is not a real date"
run gov-check -s s.json --today "$T_TODAY" msg.csv
unlike "masked: the birth date's digits nowhere in the findings" "$OUT" '19490231'
run gov-check -s s.json --today "$T_TODAY" --no-mask msg.csv
like "15 digits: a warning" "$msgs" "5 warning 15-digit legacy resident ID"
like "a USCC: what was expected" "$msgs" "6 error .*expected"
like "an organization code: what was expected" "$msgs" "7 error organization code: check character is X, expected"

# A character out of a USCC's alphabet is named whole: 'ȧ' (two bytes),
# not its first byte alone, which is no UTF-8 and made the finding no
# JSON a reader takes (fuzz_check_jsonl)
printf 'kind,ric,uscc,org\nx,,91150502MA0N123\310\2475,\n' >alpha.csv
run gov-check -s s.json --today "$T_TODAY" --no-mask --format ndjson alpha.csv
is "a character out of the alphabet: named whole, as UTF-8" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin.buffer:
    r = json.loads(l.decode("utf-8"))
    if r["type"] == "finding":
        print(r["row"], r["message"])' 2>&1 | tail -1)" \
	"2 character 16 ('ȧ') is not in the code's alphabet (digits and capitals without I O Z S V)"

# A mobile number or postcode that is no run of ASCII digits says why:
# its length, characters not ASCII (full-width digits, as many as wanted,
# were told "expected 11 digits"), or the first that is no digit
printf '{"fields":[{"name":"tel","format":"cn-mobile"},{"name":"pc","format":"cn-postcode"}]}' >tel.json
printf 'tel,pc\n１３８１２３４５６７８,0475\n13812a45678,04750a\n' >tel.csv
run gov-check -s tel.json --no-mask tel.csv
is "mobile and postcode: why each is not digits" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "finding":
        print(r["row"], r["field"], r["message"])')" \
	"2 tel 11 characters, not all ASCII: expected 11 ASCII digits
2 pc length is 4, expected 6 digits
3 tel character 6 is not a digit: expected 11 digits
3 pc character 6 is not a digit: expected 6 digits"

done_testing
