#!/bin/sh
# gov-license verify: the identifier checks (common/ids.c, shared with
# gov-check) against the published examples and exhaustively: every
# single-character change of a valid number must fail.
. "$(dirname "$0")/lib.sh"

# rec HOLDER_ID TYPE [LICENSE_ID]: one unsigned license record.
rec() {
	lid=""
	[ -n "${3:-}" ] && lid=",\"license_id\":\"$3\""
	printf '{"type":"license","license_no":"N-%s","license_type":"营业执照","holder_name":"h","holder_id":"%s","holder_id_type":"%s","issuer_name":"i","issuer_code":"11150500011505012H","issue_date":"2024-01-01","valid_from":"2024-01-01","valid_to":null,"status":"valid"%s}\n' "$1" "$1" "$2" "$lid"
}

# holder CHECK-OF-HOLDER-ID for one record, as "verdict|ok|message|warning".
# No trust file is given: a record whose identifiers pass is
# "indeterminate" (its issuer and signature were not checked), never
# "valid"; a bad identifier makes it "invalid".
holder() {
	rec "$1" "$2" "${3:-}" >one.jsonl
	gov-license verify --format ndjson --today "$T_TODAY" one.jsonl |
	py -c '
import json, sys
r = json.load(sys.stdin)
c = {c["check"]: c for c in r["checks"]}[sys.argv[1]]
print("%s|%s|%s|%s" % (r["verdict"], c.get("ok"), c.get("message", ""), c.get("warning", "")))' "${4:-holder-id}"
}

is "USCC 91110000600037341L valid" "$(holder 91110000600037341L uscc)" "indeterminate|True||"
is "USCC 91310115MA1K3BTP2B valid" "$(holder 91310115MA1K3BTP2B uscc)" "indeterminate|True||"
is "USCC 91110000600037341N invalid" "$(holder 91110000600037341N uscc)" \
	"invalid|False|check character is N, expected L|"
is "RIC 44011320141005001X valid" "$(holder 44011320141005001X ric)" "indeterminate|True||"
is "RIC 36042619910102009X invalid" "$(holder 36042619910102009X ric)" \
	"invalid|False|check character is X, expected 3|"
is "RIC born after --today invalid" "$(holder 15050220300101001X ric)" \
	"invalid|False|birth date (digits 7-14) is in the future|"
is "RIC region 99 invalid" "$(holder 990502198503120422 ric)" \
	"invalid|False|region code 99 is not a province|"
is "orgcode with hyphen" "$(holder MA0N0007-5 orgcode)" "indeterminate|True||"
is "orgcode without hyphen" "$(holder MA0N00075 orgcode)" "indeterminate|True||"
is "orgcode wrong check" "$(holder 12345678-9 orgcode)" \
	"invalid|False|organization code: check character is 9, expected 8|"
is "USCC of an early pilot: warning, not failure" \
	"$(holder 91350100M0001TGQXM uscc)" \
	"indeterminate|True||check character is M, expected 1: a known code of the early pilots, accepted"
is "USCC of a national authority (region 100000)" \
	"$(holder 111000000000131358 uscc)" "indeterminate|True||"
is "holder_id_type other is skipped" \
	"$(rec X1 other >one.jsonl; gov-license verify --format ndjson one.jsonl | grep -o '{"check":"holder-id"[^}]*}')" \
	'{"check":"holder-id","skipped":"holder_id_type is other"}'

# Independent implementations (Python) of GB 32100, GB 11714, GB 11643 and
# ISO 7064 MOD 37,36 make the cases; the tool must agree with every one.
py - >cases.jsonl <<'PY'
import json
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def uscc(c17):
    s = sum(A.index(ch) * pow(3, i, 31) for i, ch in enumerate(c17))
    return c17 + A[(31 - s % 31) % 31]
def org(c8):
    v = [int(ch, 36) for ch in c8]
    s = sum(a * b for a, b in zip(v, [3, 7, 9, 10, 5, 8, 4, 2]))
    c = 11 - s % 11
    return c8 + ("X" if c == 10 else "0" if c == 11 else str(c))
def ric(d17):
    w = [pow(2, 17 - i, 11) for i in range(17)]
    return d17 + "10X98765432"[sum(int(a) * b for a, b in zip(d17, w)) % 11]
def lid(body):
    # ISO 7064 MOD 37,36 over what follows the arc 1.2.156.3005.2.
    p = 36
    for ch in body[len("1.2.156.3005.2."):].replace(".", ""):
        t = (p + int(ch, 36)) % 36 or 36
        p = t * 2 % 37
    return body + "." + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(37 - p) % 36]
def rec(no, hid, htype, want, lid_=None, check="holder-id"):
    r = {"type": "license", "license_no": no, "license_type": "t",
         "holder_name": "h", "holder_id": hid, "holder_id_type": htype,
         "issuer_name": "i", "issuer_code": "11150500011505012H",
         "issue_date": "2024-01-01", "valid_from": "2024-01-01",
         "valid_to": None, "status": "valid", "_want": want, "_check": check}
    if lid_:
        r["license_id"] = lid_
    print(json.dumps(r))
n = 0
# every registration authority and its categories (GB 32100 and additions)
pairs = {"1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239",
         "6": "129", "7": "129", "8": "19", "9": "123", "A": "19",
         "N": "1239", "Y": "1"}
for a in A:
    for c in A:
        code = uscc(a + c + "150502" + org("MA0N" + "%04d" % n))
        n += 1
        ok = a in pairs and c in pairs[a]
        rec("P-" + a + c, code, "uscc", "indeterminate" if ok else "invalid")
# single-character changes of valid numbers
for good in ("91110000600037341L", "91310115MA1K3BTP2B"):
    for i in range(18):
        for ch in A + "IOZSVa-":
            if ch != good[i]:
                rec("U-%s-%d-%s" % (good, i, ch), good[:i] + ch + good[i+1:], "uscc", "invalid")
for good in ("44011320141005001X", ric("15050219850312042")):
    for i in range(18):
        for ch in "0123456789X":
            if ch != good[i]:
                rec("R-%s-%d-%s" % (good, i, ch), good[:i] + ch + good[i+1:], "ric", "invalid")
# GB 11714's MOD 11 over 36 characters cannot see a change by a multiple
# of 11 (1 -> C): there the tool must agree with the computation instead.
for good in ("MA0N00075", org("12345679")):
    for i in range(9):
        for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if ch != good[i]:
                bad = good[:i] + ch + good[i+1:]
                ok = i < 8 and org(bad[:8]) == bad
                rec("O-%s-%d-%s" % (good, i, ch), bad, "orgcode", "indeterminate" if ok else "invalid")
good = lid("1.2.156.3005.2.0101.11150500011505012H.2024000123.1")
rec("L-good", "91110000600037341L", "uscc", "indeterminate", good, "license-id")
for i, c in enumerate(good):
    if c == "." or i < len("1.2.156.3005.2."):
        continue
    for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if ch != c:
            rec("L-%d-%s" % (i, ch), "91110000600037341L", "uscc", "invalid",
                good[:i] + ch + good[i+1:], "license-id")
PY
run gov-license verify --no-mask --format ndjson --today "$T_TODAY" cases.jsonl
is "identifier cases: exit 1 (some invalid)" "$RC" 1
printf '%s\n' "$OUT" >verdicts.jsonl
py - cases.jsonl verdicts.jsonl >report.txt <<'PY'
import json, sys
cases = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
assert len(cases) == len(got), (len(cases), len(got))
wrong = []
for c, g in zip(cases, got):
    chk = {x["check"]: x for x in g["checks"]}[c["_check"]]
    want_ok = c["_want"] == "indeterminate"  # passes all but trust (no trust file)
    if g["license_no"] != c["license_no"] or g["verdict"] != c["_want"] or chk.get("ok") is not want_ok:
        wrong.append("%s: %s %s" % (c["license_no"], g["verdict"], chk))
print("cases %d wrong %d" % (len(cases), len(wrong)))
for w in wrong[:10]:
    print(w)
PY
like "every case as the independent implementation says" "$(cat report.txt)" "^cases [0-9]+ wrong 0$"
is "all cases ran" "$(head -1 report.txt | cut -d' ' -f2)" "$(wc -l <cases.jsonl | tr -d ' ')"

# The license identifier's issuer must be the record's issuer.
other=$(py -c '
p = 36
body = "1.2.156.3005.2.0101.11150500011505020C.7.1"
for ch in body[len("1.2.156.3005.2."):].replace(".", ""):
    t = (p + int(ch, 36)) % 36 or 36
    p = t * 2 % 37
print(body + "." + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(37 - p) % 36])')
is "license_id of another issuer" "$(holder 91110000600037341L uscc "$other" license-id)" \
	"invalid|False|issuer code in license_id is 11150500011505020C, issuer_code is 11150500011505012H|"
is "license_id malformed" "$(holder 91110000600037341L uscc 1.2.156.3005.2.0101.X.1.1.A license-id)" \
	"invalid|False|issuer code is 1 characters, expected 18|"
is "license_id with a foreign prefix" "$(holder 91110000600037341L uscc 2.16.1.2 license-id)" \
	"invalid|False|does not start with 1.2.156.3005.2.|"
# a character out of the alphabet named whole ('ä', two bytes), not its
# first byte alone, which made the verdict no JSON a reader takes
is "license_id with a non-ASCII character" "$(holder 91110000600037341L uscc 1.2.156.3005.2.0ä01.11150500011505012H.1.1.A license-id)" \
	"invalid|False|type code has 'ä' (digits and capitals only)|"

done_testing
