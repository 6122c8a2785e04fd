#!/bin/sh
# gov-profile: Chinese identifier formats guessed (only when every value
# passes), personal data masked unless --no-mask, GBK input.
. "$(dirname "$0")/lib.sh"
# What the tools print on stderr outside run (and any sanitizer report).
exec 2>"$SCRATCH/stderr.log"

Q=$T_TOP/samples/quality
cp "$Q/residents-clean.csv" clean.csv

fields() { # FILE KEY: "name=value" per field
	py - "$1" "$2" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    rec = json.loads(line)
    for f in rec["fields"]:
        print("%s=%s" % (f["name"], json.dumps(f.get(sys.argv[2]), ensure_ascii=False)))
PY
}

run gov-profile clean.csv
is "exit 0" "$RC" 0
is "nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >clean.json
fields clean.json format >formats.txt
cat >want-formats.txt <<'TXT'
id_no="cn-ric"
name=null
gender=null
birth_date=null
household_id=null
status=null
registered_on=null
updated_at=null
mobile="cn-mobile"
household_size=null
community_code="cn-division"
address=null
postcode="cn-postcode"
employer_uscc="cn-uscc"
monthly_income=null
insured=null
moved_out_on=null
email="email"
TXT
same_file "formats of the residents register" formats.txt want-formats.txt
fields clean.json type >types.txt
cat >want-types.txt <<'TXT'
id_no="string"
name="string"
gender="string"
birth_date="date"
household_id="string"
status="string"
registered_on="date"
updated_at="datetime"
mobile="string"
household_size="integer"
community_code="string"
address="string"
postcode="string"
employer_uscc="string"
monthly_income="number"
insured="boolean"
moved_out_on="date"
email="string"
TXT
same_file "types of the residents register" types.txt want-types.txt

# Organization codes, URIs; one bad check character and the guess is gone.
py - >codes.csv <<'PY'
import csv
rows = list(csv.DictReader(open("clean.csv", encoding="utf-8")))
usccs = sorted({r["employer_uscc"] for r in rows if r["employer_uscc"]})
ids = [r["id_no"] for r in rows[:len(usccs)]]
print("org,org_dash,site,ric_one_bad,uscc_one_bad")
for i, u in enumerate(usccs):
    org = u[8:17]
    ric = ids[i]
    if i == 3:   # a wrong check character
        ric = ric[:17] + ("0" if ric[17] != "0" else "1")
    uscc = u if i != 5 else u[:17] + ("0" if u[17] != "0" else "1")
    print("%s,%s-%s,https://data.tongliao.gov.cn/r/%d,%s,%s" % (org, org[:8], org[8], i, ric, uscc))
PY
gov-profile codes.csv >codes.json
fields codes.json format >codes-formats.txt
cat >want-codes.txt <<'TXT'
org="cn-orgcode"
org_dash="cn-orgcode"
site="uri"
ric_one_bad=null
uscc_one_bad=null
TXT
same_file "orgcode and uri; one bad value, no format" codes-formats.txt want-codes.txt

# Division codes only with a name that says so: six digits are also numbers.
printf 'region_code,amount\n150502,150502\n150521,150521\n110101,110101\n' >div.csv
gov-profile div.csv >div.json
is "division by name" "$(fields div.json format | tr '\n' ' ')" 'region_code="cn-division" amount=null '
is "amount stays integer" "$(fields div.json type | tr '\n' ' ')" 'region_code="string" amount="integer" '

# Masking: resident IDs and phones masked in min, max and top.
field_json() { # FILE FIELD
	py - "$1" "$2" <<'PY'
import json, sys
rec = json.loads(open(sys.argv[1], encoding="utf-8").readline())
f = [f for f in rec["fields"] if f["name"] == sys.argv[2]][0]
print(json.dumps({k: f.get(k) for k in ("min", "max", "top", "masked")}, ensure_ascii=False))
PY
}
id_out=$(field_json clean.json id_no)
unlike "no resident ID in the clear" "$id_out" '[0-9]{17}[0-9X]'
like "IDs keep region and last four" "$id_out" '"min": "130102\*{8}[0-9]{3}[0-9X]"'
like "masked is said" "$id_out" '"masked": true'
mob_out=$(field_json clean.json mobile)
unlike "no phone in the clear" "$mob_out" '1[3-9][0-9]{9}'
like "phones keep 3 and 4" "$mob_out" '"top": \[\{"value": "1[3-9][0-9]\*{4}[0-9]{4}"'
uscc_out=$(field_json clean.json employer_uscc)
unlike "credit codes are not personal: not masked" "$uscc_out" '\*'
run gov-profile --no-mask clean.csv
printf '%s\n' "$OUT" >nomask.json
id_out=$(field_json nomask.json id_no)
like "--no-mask: IDs in the clear" "$id_out" '"min": "130102[0-9]{11}[0-9X]"'
unlike "--no-mask: nothing masked" "$id_out" '\*|"masked": true'
want_min=$(py -c "
import csv
print(min(r['id_no'] for r in csv.DictReader(open('clean.csv', encoding='utf-8'))))")
like "--no-mask: the real minimum" "$id_out" "\"min\": \"$want_min\""

# GBK: the same profile as the UTF-8 file, encoding gb18030.
iconv -f UTF-8 -t GBK clean.csv >gbk.csv
run gov-profile gbk.csv
is "gbk: exit 0" "$RC" 0
printf '%s\n' "$OUT" | sed 's/"file":"gbk.csv","encoding":"gb18030"/"file":"clean.csv","encoding":"utf-8"/' >gbk.json
same_file "gbk: same profile as UTF-8" gbk.json clean.json
run gov-profile --encoding gbk gbk.csv
like "--encoding gbk" "$OUT" '"encoding":"gb18030"'
like "gbk: Chinese values read right" "$OUT" '"top":\[\{"value":"常住","count":[0-9]+\}'

# The planted sample and its GBK copy: the same profile but for the two
# cells with a byte that is not GBK.
cp "$Q/residents.csv" "$Q/residents-gbk.csv" .
run gov-profile residents.csv
printf '%s\n' "$OUT" >planted.json
like "planted: rows and blank rows" "$OUT" '"rows":403,"blank_rows":3,'
# 16: birth_date, ISO dates and one 1953/03/24, is a date of format "any"
is "planted: bad values break the formats" "$(fields planted.json format | grep -c '=null')" 16
run gov-profile residents-gbk.csv
printf '%s\n' "$OUT" >planted-gbk.json
is "planted gbk: same fields but name and address" \
   "$(fields planted-gbk.json distinct | tr '\n' ' ')" "$(fields planted.json distinct | tr '\n' ' ')"
is "nothing on stderr outside run" "$(cat "$SCRATCH/stderr.log")" ""
done_testing
