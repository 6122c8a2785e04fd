#!/bin/sh
# The man pages' EXAMPLES, taken from the pages as they are written and run
# by bash in a folder holding the files they name (the samples under those
# names), offline: each must exit as the page says and print what it says.
# An officer copies them into scripts.  Found wrong by an audit:
# gov-records(1) read a title and a header on two rows with --header-row 2
# (the row of 电话 and 地址 came out as a record, the columns named
# 联系方式 and 联系方式_3), and gov-check(1)'s pipeline from gov-records -s
# found every typed boolean 'not a boolean' (t1032).
. "$(dirname "$0")/lib.sh"

# example PAGE FIRST [K]: the literal block of PAGE's EXAMPLES whose first
# line begins with FIRST (the Kth such block), as a shell reads it (roff's
# \e is a backslash).
example() {
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$T_TOP/man/$1" |
		awk -v f="$2" -v k="${3:-1}" '
			/^\.Bd -literal/ { on = 1; n = 0; next }
			/^\.Ed/ { if (hit) exit; on = 0; next }
			on && n++ == 0 && index($0, f) == 1 && ++seen == k { hit = 1 }
			on && hit' |
		sed 's/\\e/\\/g'
}

# ex PAGE FIRST [K]: runs the example; $OUT, $ERR, and $RC the exit statuses of
# its last pipeline's commands ("1 0": the first exited 1, the second 0).
ex() {
	EX=$(example "$1" "$2" "${3:-1}")
	if [ -z "$EX" ]; then
		fail "$1: an example begins with '$2'" "the page changed: update t0905"
		OUT="" ERR="" RC=none
		return
	fi
	bash -c "$EX"'
echo "${PIPESTATUS[*]}" >"$0"' "$SCRATCH/.rc" >"$SCRATCH/.out" 2>"$SCRATCH/.err" </dev/null
	RC=$(cat "$SCRATCH/.rc")
	OUT=$(cat "$SCRATCH/.out")
	ERR=$(cat "$SCRATCH/.err")
	t_check_sanitizer "$EX"
}

# sheets FILE: the workbook's sheets, each as "name rows: header cells"
sheets() {
	py -c 'import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb:
    rows = list(ws.iter_rows(values_only=True))
    print(ws.title, len(rows) - 1, ":", *(rows[0] if rows else []))' "$1"
}

# what the pages name, from the samples
S=$T_TOP/samples
ln -s "$S" samples
cp "$S"/quality/residents.csv "$S"/quality/residents.schema.json \
	"$S"/quality/communities.csv "$S"/quality/residents-gbk.csv .
cp residents.csv export.csv
cp residents.csv big.csv
cp "$S"/licenses/trust.json "$S"/licenses/licenses.jsonl .
cp "$S"/bids/market.jsonl .
cp market.jsonl tenders.jsonl
cp "$S"/catalog/market-entities.csv .
cp "$S"/plan/digital-tongliao-plan.json .
grep -E '"unit": "(gongxinju|工信局|市工信局)"' "$S"/plan/progress/2025Q3.jsonl \
	>gongxinju-2025Q3.jsonl
printf '%s\n' '{"field": "字段", "message": "问题"}' >labels.json # gov-xlsx(1)

# ---- gov-check(1)
ex gov-check.1 'gov-check -s residents.schema.json'
is "gov-check(1) findings workbook: exit 1 | 0" "$RC" "1 0"
is "gov-check(1) findings workbook: the 70 findings" "$(sheets findings.xlsx)" \
	"records 70 : file row column field check dimension severity value message"
ex gov-check.1 'gov-profile --schema export.csv'
is "gov-check(1) draft schema, then check: exit 1 (blank and ragged rows)" "$RC" 1
like "gov-check(1) draft schema: the summary" "$(printf '%s\n' "$OUT" | tail -1)" \
	'"file":"export.csv",.*"findings":15,.*"by_check":\{"extra-cell":3,"missing-cell":8,"blank-row":3,"duplicate-row":1\}'
ex gov-check.1 'gov-check --track'
is "gov-check(1) --track, first delivery" "$OUT:$RC" '{"new":69,"persisting":0,"resolved":0}:1 0'
ex gov-check.1 'gov-check --track'
is "gov-check(1) --track, the same again" "$OUT:$RC" '{"new":0,"persisting":69,"resolved":0}:1 0'
ex gov-check.1 'gov-check --skip duplicate-row'
is "gov-check(1) structural checks: exit 1" "$RC" 1
like "gov-check(1) structural checks: no duplicate-row" "$OUT" \
	'by check: extra-cell 3, missing-cell 8, blank-row 3$'
py -c 'import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws["A1"] = "科尔沁区人口统计"; ws.merge_cells("A1:C1")
ws.append([]); ws.append(["社区", "户数", "人口"])
ws.append(["150502001001", 120, 356]); ws.append(["150502001002", "很多", 300])
wb.save("人口.xlsx")'
printf '%s\n' '{"fields": [{"name": "社区"}, {"name": "户数", "type": "integer"},
 {"name": "人口", "type": "integer"}]}' >population.schema.json
ex gov-check.1 'gov-check --header-row 3'
is "gov-check(1) --header-row 3 on a workbook: exit 1" "$RC" 1
like "gov-check(1) --header-row 3: the sheet's row 5" "$OUT" \
	'^ +5 +2 +户数 +type +error +很多 +not an integer$'

# ---- gov-profile(1)
ex gov-profile.1 'gov-profile samples/quality/residents.csv'
is "gov-profile(1) a delivery: exit 0" "$RC" 0
like "gov-profile(1) a delivery: ID numbers masked" "$OUT" \
	'"name":"id_no",.*"top":\[\{"value":"150522\*{8}2023","count":2\}.*"masked":true'
ex gov-profile.1 'gov-profile --schema residents.csv'
is "gov-profile(1) draft a schema, check with it: exit 1" "$RC" 1
cp "$S"/quality/residents.schema.json . # the draft took its name
ex gov-profile.1 'gov-profile --format ndjson export.csv'
is "gov-profile(1) columns with missing values: exit 0 0" "$RC" "0 0"
like "gov-profile(1) columns with missing values" "$OUT" \
	"$(printf '^id_no\t1\nname\t1\n')"
mkdir data
cp residents.csv communities.csv data/
ex gov-profile.1 'gov-profile -o profiles.jsonl'
is "gov-profile(1) a folder: exit 0" "$RC" 0
is "gov-profile(1) a folder: one record per file" \
	"$(sed 's/^\({"type":"profile","file":"[^"]*"\).*/\1/' profiles.jsonl)" \
	'{"type":"profile","file":"data/communities.csv"
{"type":"profile","file":"data/residents.csv"'

# ---- gov-records(1)
py -c 'import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws["A1"] = "2025年网格员名单"; ws.merge_cells("A1:C1")
ws["A2"] = "姓名"; ws.merge_cells("A2:A3")
ws["B2"] = "联系方式"; ws.merge_cells("B2:C2")
ws["B3"] = "电话"; ws["C3"] = "地址"
ws.append(["张三", "13912345678", "和平路1号"])
wb.save("名单.xlsx")'
ex gov-records.1 'gov-records --header-row'
is "gov-records(1) a title and a header on two rows: exit 0" "$RC" 0
is "gov-records(1) a title and a header on two rows: the record" "$OUT" \
	'{"_file":"名单.xlsx","_row":4,"姓名":"张三","电话":"139****5678","地址":"和平路1号"}'
ex gov-records.1 'gov-records residents-gbk.csv'
is "gov-records(1) a GBK export as a workbook: exit 1 | 0 (ragged rows)" "$RC" "1 0"
like "gov-records(1) a GBK export: its Chinese header" "$(sheets residents.xlsx)" \
	'^records 400 : id_no name gender .* 备注 column_19 column_20$'

# ---- gov-xlsx(1)
ex gov-xlsx.1 'gov-check -s residents.schema.json' 2
is "gov-xlsx(1) a sheet per check: exit 1 0" "$RC" "1 0"
like "gov-xlsx(1) a sheet per check, with the labels" "$(sheets by-check.xlsx)" \
	'^extra-column 1 : file row column 字段 check dimension severity value 问题$'
ex gov-xlsx.1 'gov-license verify'
is "gov-xlsx(1) license verdicts: exit 1 0" "$RC" "1 0"
is "gov-xlsx(1) license verdicts: records.checks, a check per row" \
	"$(sheets verdicts.xlsx)" \
	"records 38 : type license_no verdict checks
records.checks 342 : row license_no check ok skipped message warning"
ex gov-xlsx.1 'gov-bid score'
is "gov-xlsx(1) chosen columns of tender risks: exit 1 0" "$RC" "1 0"
is "gov-xlsx(1) chosen columns of tender risks" "$(sheets risks.xlsx | sed -n 1p)" \
	"records 1000 : tender score level signals"

# ---- gov-license(1)
py -c 'import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("_make") == {"key": "amr"}:
        del r["_make"], r["_expect"]
        print(json.dumps(r, ensure_ascii=False))' "$S"/licenses/licenses.src.jsonl >unsigned.jsonl
ex gov-license.1 'gov-license keygen'
is "gov-license(1) keys and a signed batch: exit 0" "$RC" 0
like "gov-license(1) keygen: the key record" "$OUT" \
	'^\{"type":"key","name":"amr","alg":"sm2-sm3","key_id":"[0-9a-f]{64}","private_key":"amr.key","public_key":"amr.pub"\}$'
is "gov-license(1) sign: every license signed" \
	"$(grep -c '"signature":{"alg":"sm2-sm3"' signed.jsonl)" "$(wc -l <unsigned.jsonl | tr -d ' ')"
# Signatures: one checked and one made with openssl alone, as the page
# shows them to a third party (jq reads and writes the signature).
head -1 signed.jsonl >one.jsonl && mv one.jsonl signed.jsonl
ex gov-license.1 'gov-license canon signed.jsonl'
is "gov-license(1) gov-license's SM2 signature checked by openssl" "$OUT:$RC" \
	"Signature Verified Successfully:0"
head -1 unsigned.jsonl >one.jsonl && mv one.jsonl unsigned.jsonl
ex gov-license.1 'gov-license canon unsigned.jsonl'
is "gov-license(1) a license signed by openssl: exit 0" "$RC" 0
like "gov-license(1) a license signed by openssl: as jq writes it" \
	"$(cat signed.jsonl)" '^\{"type":"license",.*,"signature":\{"alg":"sm2-sm3","key_id":"[0-9a-f]{64}","value":"[A-Za-z0-9+/]+=*"\}\}$'
py - >amr-trust.json <<'PY'
import hashlib, json, subprocess
der = subprocess.run(["openssl", "pkey", "-pubin", "-in", "amr.pub", "-outform", "DER"],
                     stdout=subprocess.PIPE, check=True).stdout
print(json.dumps({"issuers": [{"code": "11150500011505012H", "name": "amr",
    "key_id": hashlib.sha256(der).hexdigest(), "alg": "sm2-sm3",
    "public_key_file": "amr.pub", "license_types": ["营业执照"]}]}))
PY
run gov-license verify --trust amr-trust.json --today "$T_TODAY" signed.jsonl
like "gov-license(1) a license signed by openssl: valid in verify" "$OUT:$RC" \
	'"verdict":"valid".*:0$'

# RECORDS: the verdict of the page, its first checks in their order
run gov-license verify --trust trust.json licenses.jsonl
like "gov-license(1) RECORDS: the untrusted verdict's checks" \
	"$(printf '%s\n' "$OUT" | grep '"TL-YYZZ-2024-0029"')" \
	'^\{"type":"verdict","license_no":"TL-YYZZ-2024-0029","verdict":"untrusted","checks":\[\{"check":"schema","ok":true\},\{"check":"license-id","skipped":"signature not valid"\},'

# ---- gov-catalog(1)
ex gov-catalog.1 'gov-catalog validate'
is "gov-catalog(1) findings as a workbook: exit 0 0" "$RC" "0 0"
gov-catalog add "$S"/catalog/entries.jsonl >/dev/null
gov-catalog demand add "$S"/catalog/demands.jsonl >/dev/null
ex gov-catalog.1 'gov-catalog match'
is "gov-catalog(1) demands not met: exit 0 0" "$RC" "0 0"
is "gov-catalog(1) demands not met: demand, unit, status" \
	"$(printf '%s\n' "$OUT" | cut -f1-3)" \
	"XQ-2025-002	市民政局	conditional
XQ-2025-003	市委政法委	negative
XQ-2025-004	市发展改革委	partial
XQ-2025-005	市商务局	unsatisfied"
ex gov-catalog.1 'gov-catalog export --format datapackage'
is "gov-catalog(1) data against its entry: exit 0" "$RC" 0
like "gov-catalog(1) data against its entry: valid" "$OUT" '"findings":0,.*"valid":true'
ex gov-catalog.1 'gov-catalog lists'
is "gov-catalog(1) the three lists: exit 0 0" "$RC" "0 0"
is "gov-catalog(1) the three lists: a sheet each" "$(sheets 三清单.xlsx | cut -d' ' -f1,2)" \
	"responsibility 13
responsibility.resources 13
demand 6
negative 1"
ex gov-catalog.1 'gov-catalog export --no-mask'
is "gov-catalog(1) the catalog through Excel and back: exit 0 0" "$RC" "0 0"
is "gov-catalog(1) the catalog through Excel and back: nothing changed" \
	"$(printf '%s\n' "$OUT" | grep -c '"action":"unchanged"')" 13

# ---- gov-report(1)
ex gov-report.1 'gov-report plan load'
is "gov-report(1) plan, a unit's report, what is missing: exit 0" "$RC" 0
like "gov-report(1) what is missing, as text" "$OUT" '^missing 市工信局 \(gongxinju\): '
ex gov-report.1 'gov-report template'
is "gov-report(1) a template sent back empty: exit 0 1" "$RC" "0 1"
is "gov-report(1) a template sent back empty: a 'required' finding a row" \
	"$(printf '%s\n' "$OUT" | grep -c '"check":"required".*"message":"'"'"'status'"'"' is missing"')" 7
gov-report add "$S"/plan/progress/*.jsonl >/dev/null
ex gov-report.1 'gov-report quarter 2025Q3 --lang zh'
is "gov-report(1) Markdown and a workbook: exit 0 0" "$RC" "0 0"
like "gov-report(1) the Markdown section" "$(head -1 2025Q3.md)" '^# .*2025年第三季度工作落实情况$'
like "gov-report(1) units as a workbook" "$(sheets units.xlsx)" \
	'^records 48 : plan quarter unit name kind owed received late missing rate missing_tasks$'

# ---- gov-bid(1)
ex gov-bid.1 'gov-bid score tenders.jsonl'
is "gov-bid(1) high-risk tenders: exit 1 0 0" "$RC" "1 0 0"
is "gov-bid(1) high-risk tenders: the workbook" "$(sheets high-risk.xlsx | sed -n 1p)" \
	"records 29 : tender score level category winner bids valid_bids signals"
ex gov-bid.1 'gov-bid groups'
is "gov-bid(1) groups that take turns: exit 1 (a high-risk group)" "$RC" 1
like "gov-bid(1) groups that take turns: group records" "$OUT" '^\{"type":"group-risk","group":"G0001",'

# ---- govkit(7)
ex govkit.7 'gov-check -s residents.schema.json'
is "govkit(7) findings as a workbook: exit 1 0" "$RC" "1 0"
gov-report template 2025Q4 --unit 工信局 -o filled.xlsx
py -c 'import openpyxl
wb = openpyxl.load_workbook("filled.xlsx"); ws = wb["Progress"]
for r in range(2, ws.max_row + 1):
    ws.cell(r, 7).value = "Done"; ws.cell(r, 8).value = 100
    ws.cell(r, 9).value = "按计划推进"
wb.save("filled.xlsx")'
ex govkit.7 'gov-records --no-mask --type progress filled.xlsx'
is "govkit(7) a filled-in template: exit 0 0" "$RC" "0 0"
is "govkit(7) a filled-in template: added" "$OUT" \
	'{"type":"added","file":"(stdin)","records":6,"replaced":0}'

done_testing
