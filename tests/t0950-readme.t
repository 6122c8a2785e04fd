#!/bin/sh
# The README's pipeline runs as written and makes what it says it makes.
. "$(dirname "$0")/lib.sh"

ln -s "$T_TOP/samples" samples
ln -s "$BIN" bin
awk '/^The tools talk JSON Lines/ { on = 1 } on && /^```sh/ { grab = 1; next }
     grab && /^```/ { exit } grab { print }' "$T_TOP/README.md" >pipeline.sh
like "README pipeline found" "$(cat pipeline.sh)" "gov-check"
sh pipeline.sh >pipeline.out 2>pipeline.err
for f in findings.xlsx 2025Q3.xlsx gongxinju.xlsx risks.xlsx; do
	ok "README pipeline writes $f" test -s "$f"
done
py - <<'PY' >sheets.txt
import openpyxl
for name in ["findings.xlsx", "risks.xlsx"]:
    ws = openpyxl.load_workbook(name, read_only=True).worksheets[0]
    print(name, ws.max_row > 1)
PY
is "findings and risks workbooks have rows" "$(cat sheets.txt)" "findings.xlsx True
risks.xlsx True"
unlike "no tool could not run" "$(cat pipeline.err)" "unable to|invalid option|unrecognized|usage"
done_testing
