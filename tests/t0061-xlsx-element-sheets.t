#!/bin/sh
# gov-xlsx: an array of objects (a verdict's checks, a tender's signals)
# also gets a sheet of its own, one row per object, tied to its record by
# the record's row and first member: each member in its own column, typed,
# so a message holding "; " or ", " reads as it was written.
. "$(dirname "$0")/lib.sh"

# every sheet as rows of typed values
rows() {
	py - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("[%s] freeze=%s filter=%s" % (ws.title, ws.freeze_panes,
                                        ws.auto_filter.ref))
    for r in ws.iter_rows(values_only=True):
        print(" | ".join("-" if v is None else "%s:%s" % (type(v).__name__, v)
                         for v in r))
PY
}

cat >verdicts.jsonl <<'J'
{"type":"verdict","license_no":"L1","verdict":"valid","checks":[{"check":"schema","ok":true},{"check":"expiry","ok":true,"warning":"expires in 20 days"}]}
{"type":"verdict","license_no":"L2","verdict":"invalid","checks":[{"check":"holder-id","ok":false,"message":"check: X, ok: false; holder 150502199001011232, tel 13812345678"},{"check":"signature","ok":true}]}
{"type":"verdict","license_no":"L3","verdict":"valid","checks":[]}
J
run gov-xlsx -o v.xlsx verdicts.jsonl
is "verdicts: exit 0, quiet" "$RC:$OUT$ERR" "0:"
is "verdicts: the checks on a sheet of their own, one per row, typed, masked" \
	"$(rows v.xlsx)" \
"[records] freeze=A2 filter=A1:D4
str:type | str:license_no | str:verdict | str:checks
str:verdict | str:L1 | str:valid | str:check: schema, ok: true; check: expiry, ok: true, warning: expires in 20 days
str:verdict | str:L2 | str:invalid | str:check: holder-id, ok: false, message: check: X, ok: false; holder 150502********1232, tel 138****5678; check: signature, ok: true
str:verdict | str:L3 | str:valid | -
[records.checks] freeze=A2 filter=A1:F5
str:row | str:license_no | str:check | str:ok | str:warning | str:message
int:2 | str:L1 | str:schema | bool:True | - | -
int:2 | str:L1 | str:expiry | bool:True | str:expires in 20 days | -
int:3 | str:L2 | str:holder-id | bool:False | - | str:check: X, ok: false; holder 150502********1232, tel 138****5678
int:3 | str:L2 | str:signature | bool:True | - | -"

run gov-xlsx --no-mask -o vn.xlsx verdicts.jsonl
like "--no-mask: the element's message as it was" "$(rows vn.xlsx)" \
	"holder 150502199001011232, tel 13812345678$"

# pandas, as an auditor would: which check failed, in which license
is "pandas: the failed check of each license" "$(py - v.xlsx <<'PY'
import sys, pandas as pd
c = pd.read_excel(sys.argv[1], sheet_name="records.checks")
print(c[c.ok == False][["license_no", "check"]].to_csv(index=False).strip())
PY
)" "license_no,check
L2,holder-id"

# bid risks, one sheet per type: each signal's evidence on its own row,
# every value the same as in the record
cat >risks.jsonl <<'J'
{"type":"tender-risk","tender":"T-1","score":82,"level":"high","signals":[{"signal":"same-ip","bidders":["A","B"],"weight":0.4,"evidence":"both bids sent from 10.1.2.3; A, B: same author"},{"signal":"screen-cv","bidders":[],"weight":0.15,"value":0.01465418,"evidence":"cv = 0.01465"}]}
{"type":"tender-risk","tender":"T-2","score":0,"level":"low","signals":[]}
{"type":"pair-risk","bidders":["A","B"],"tenders":3,"score":70,"level":"high","signals":[{"signal":"co-bidding","tenders":3,"tender_ids":["T-1","T-2"],"weight":0.3,"evidence":"bid together in 3 tenders"}]}
J
run gov-xlsx --sheet-by type -o r.xlsx risks.jsonl
is "risks: exit 0" "$RC" 0
is "risks: an element sheet after each records' sheet" \
	"$(rows r.xlsx | grep '^\[')" \
"[tender-risk] freeze=A2 filter=A1:E3
[tender-risk.signals] freeze=A2 filter=A1:G3
[pair-risk] freeze=A2 filter=A1:F2
[pair-risk.signals] freeze=A2 filter=A1:G2"
is "risks: every member of every signal, as in the record" "$(py - r.xlsx risks.jsonl <<'PY'
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
bad = 0
for t in ("tender-risk", "pair-risk"):
    main = list(wb[t].iter_rows(values_only=True))
    els = list(wb[t + ".signals"].iter_rows(values_only=True))
    head = els[0]
    got = [dict(zip(head, r)) for r in els[1:]]
    want = []
    for i, r in enumerate(x for x in recs if x["type"] == t):
        first = [k for k in r if k != "type"][0]
        for s in r["signals"]:
            d = {"row": i + 2, first: r[first]}
            d.update(s)
            want.append(d)
    for g, w in zip(got, want):
        for k, v in w.items():
            if isinstance(v, list):
                v = "; ".join(v) or None
            if g.get(k) != v or type(g.get(k)) != type(v):
                print("%s: %r is %r" % (t, k, g.get(k)))
                bad += 1
        if main[g["row"] - 1][1 if t == "tender-risk" else 1] is None:
            bad += 1
    if len(got) != len(want):
        print("%s: %d rows for %d signals" % (t, len(got), len(want)))
        bad += 1
print("differences: %d" % bad)
PY
)" "differences: 0"

# --columns: the element sheet of an array shown, none of one left out
run gov-xlsx -c tender,score -o c1.xlsx -t tender-risk risks.jsonl
is "--columns without the array: no element sheet" \
	"$(rows c1.xlsx | grep '^\[')" "[records] freeze=A2 filter=A1:B3"
run gov-xlsx -c tender,signals -o c2.xlsx -t tender-risk risks.jsonl
is "--columns with the array: its sheet, every member" \
	"$(rows c2.xlsx | sed -n '/^\[records.signals/,$p' | head -2)" \
"[records.signals] freeze=A2 filter=A1:G3
str:row | str:tender | str:signal | str:bidders | str:weight | str:evidence | str:value"

# --type leaves out the records' "type", not an element's; an element's
# own "row" is "row (2)"; an array holding other things than objects has
# no element sheet; nested objects are a.b columns there too
cat >mixed.jsonl <<'J'
{"type":"x","id":"R1","items":[{"type":"a","row":7,"at":{"date":"2025-10-15"}},null,{"type":"b"}],"mixed":[{"k":1},2]}
J
run gov-xlsx -t x -o m.xlsx mixed.jsonl
is "--type, row clash, mixed array, nested: exit 0" "$RC" 0
is "--type, row clash, mixed array, nested" "$(rows m.xlsx)" \
"[records] freeze=A2 filter=A1:C2
str:id | str:items | str:mixed
str:R1 | str:type: a, row: 7, at: {\"date\":\"2025-10-15\"}; type: b | str:k: 1; 2
[records.items] freeze=A2 filter=A1:E3
str:row | str:id | str:type | str:row (2) | str:at.date
int:2 | str:R1 | str:a | int:7 | datetime:2025-10-15 00:00:00
int:2 | str:R1 | str:b | - | -"

# Past the rows a sheet holds (GOVKIT_XLSX_MAX_ROWS, rows per sheet with
# the header), the records continue on "records (2)": a row number alone
# no longer says which record, so the element sheet names the record's
# sheet too, in a "sheet" column before "row"; its own continuations have
# the header.  The license numbers here are the same on every record, so
# only sheet and row tell them apart.
awk 'BEGIN { for (i = 1; i <= 5; i++)
	printf "{\"type\":\"verdict\",\"license_no\":\"L\",\"n\":%d,\"checks\":[{\"check\":\"c%d\",\"ok\":true}]}\n", i, i }' >cont.jsonl
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx -o cont.xlsx cont.jsonl
is "continued records: exit 0" "$RC" 0
is "continued records: each element row names its record's sheet and row" \
	"$(rows cont.xlsx | sed -n '/^\[records.checks/,$p')" \
"[records.checks] freeze=A2 filter=A1:E3
str:sheet | str:row | str:license_no | str:check | str:ok
str:records | int:2 | str:L | str:c1 | bool:True
str:records | int:3 | str:L | str:c2 | bool:True
[records.checks (2)] freeze=A2 filter=A1:E3
str:sheet | str:row | str:license_no | str:check | str:ok
str:records (2) | int:2 | str:L | str:c3 | bool:True
str:records (2) | int:3 | str:L | str:c4 | bool:True
[records.checks (3)] freeze=A2 filter=A1:E2
str:sheet | str:row | str:license_no | str:check | str:ok
str:records (3) | int:2 | str:L | str:c5 | bool:True"
is "continued records: sheet and row lead to the element's record" \
	"$(py - cont.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    if not ws.title.startswith("records.checks"):
        continue
    for sheet, row, _, check, _ in ws.iter_rows(min_row=2, values_only=True):
        print(check, wb[sheet].cell(row=row, column=3).value)
PY
)" "c1 1
c2 2
c3 3
c4 4
c5 5"

# --sheet-by: the sheet named is the record's group's; a group that does
# not continue has no "sheet" column; an element's own "sheet" member is
# "sheet (2)", as "row" is
cat >groups.jsonl <<'J'
{"type":"verdict","unit":"a","license_no":"A1","checks":[{"check":"x","sheet":"s1"}]}
{"type":"verdict","unit":"b","license_no":"B1","checks":[{"check":"y"}]}
{"type":"verdict","unit":"a","license_no":"A2","checks":[{"check":"z"}]}
{"type":"verdict","unit":"a","license_no":"A3","checks":[{"check":"w"}]}
J
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx --sheet-by unit -o groups.xlsx groups.jsonl
is "--sheet-by, continued: exit 0" "$RC" 0
is "--sheet-by, continued: the sheet of the record's group" \
	"$(rows groups.xlsx | grep -v '^str:verdict')" \
"[a] freeze=A2 filter=A1:D3
str:type | str:unit | str:license_no | str:checks
[a (2)] freeze=A2 filter=A1:D2
str:type | str:unit | str:license_no | str:checks
[a.checks] freeze=A2 filter=A1:E3
str:sheet | str:row | str:unit | str:check | str:sheet (2)
str:a | int:2 | str:a | str:x | str:s1
str:a | int:3 | str:a | str:z | -
[a.checks (2)] freeze=A2 filter=A1:E2
str:sheet | str:row | str:unit | str:check | str:sheet (2)
str:a (2) | int:2 | str:a | str:w | -
[b] freeze=A2 filter=A1:D2
str:type | str:unit | str:license_no | str:checks
[b.checks] freeze=A2 filter=A1:C2
str:row | str:unit | str:check
int:2 | str:b | str:y"

done_testing
