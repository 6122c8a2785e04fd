#!/bin/sh
# gov-profile: what the residents register holds, and a schema drafted
# from it (runs from the repository root with bin/ on PATH).
set -eu
Q=samples/quality
mkdir -p samples/out
gov-profile --format ndjson "$Q/residents-clean.csv" >samples/out/residents.profile.jsonl
gov-profile --format text "$Q/residents-clean.csv" | head -8
gov-profile --schema -o samples/out/residents.draft.schema.json "$Q/residents-clean.csv"
echo "profile: samples/out/residents.profile.jsonl"
echo "schema draft: samples/out/residents.draft.schema.json"
# The draft must pass on the file it was drawn from.
if command -v gov-check >/dev/null 2>&1; then
	gov-check -s samples/out/residents.draft.schema.json --format ndjson \
		"$Q/residents-clean.csv" >samples/out/residents.draft.check.jsonl
	echo "gov-check with the draft: no finding"
fi
# The GBK copy of the planted file reads the same.
gov-profile --format ndjson "$Q/residents-gbk.csv" | grep -q '"encoding":"gb18030"'
echo "GBK copy profiled as gb18030"
