#!/bin/sh
# gov-xlsx: the residents register (a GBK export) as a workbook with
# Chinese headers, one sheet per population status, and read back.
# Runs from the repository root with bin/ on PATH.
set -eu
Q=samples/quality
O=samples/out
gov-records -s "$Q/residents.schema.json" "$Q/residents-gbk.csv" \
	>"$O/residents.jsonl" 2>/dev/null || true # rows with planted problems are reported, all kept
gov-xlsx --sheet-by status --labels samples/xlsx/residents.labels.json \
	-o "$O/residents-by-status.xlsx" "$O/residents.jsonl"
echo "gov-xlsx: $(wc -l <"$O/residents.jsonl") records -> $O/residents-by-status.xlsx"
# the first sheet back as records: dates stay dates, IDs stay masked
sheet=$(sed -n 's/.*"status":"\([^"]*\)".*/\1/p;q' "$O/residents.jsonl")
gov-records --sheet "$sheet" "$O/residents-by-status.xlsx" | head -1 | cut -c1-150
# findings of the check, if gov-check is built, as a workbook per check
if command -v gov-check >/dev/null 2>&1; then
	gov-check -s "$Q/residents.schema.json" --ref communities="$Q/communities.csv" \
		--format ndjson "$Q/residents.csv" 2>/dev/null \
		>"$O/residents.findings.jsonl" || true
	gov-xlsx --type finding --sheet-by check -o "$O/residents-findings.xlsx" \
		"$O/residents.findings.jsonl"
	echo "gov-xlsx: $(grep -c '"type":"finding"' "$O/residents.findings.jsonl") findings -> $O/residents-findings.xlsx"
fi
