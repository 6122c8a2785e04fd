#!/bin/sh
# gov-check: the residents register against its schema, its reference
# table of communities and a fixed "today"; the findings into a workbook
# for the unit that owns the data.  Runs from the repository root with
# bin/ on PATH.
set -eu
Q=samples/quality
O=samples/out
check() {
	# exit 1 means "found problems": expected here
	gov-check -s "$Q/residents.schema.json" --ref "communities=$Q/communities.csv" \
		--today 2025-10-15 "$@" || [ $? -eq 1 ]
}
check --track "$Q/residents.csv" >"$O/findings.jsonl"
gov-xlsx --type finding -o "$O/findings.xlsx" "$O/findings.jsonl"
grep '"type":"summary"' "$O/findings.jsonl" | sed 's/,"by_check".*,"score"/ ... "score"/'
echo "gov-check: $(grep -c '"type":"finding"' "$O/findings.jsonl") findings -> $O/findings.xlsx"
# the GBK copy gives the same findings plus its two encoding ones
check --format text --max-findings 1 "$Q/residents-gbk.csv" | tail -9
# the clean file passes
check "$Q/residents-clean.csv" | grep -q '"valid":true'
echo "gov-check: $Q/residents-clean.csv is valid"
# a second delivery of the same file: nothing new, nothing resolved
check --track "$Q/residents.csv" | tail -1 | grep -o '"new":[0-9]*,"persisting":[0-9]*,"resolved":[0-9]*'
