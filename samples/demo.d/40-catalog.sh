#!/bin/sh
# gov-catalog: describe a data file, build the catalog from the plan's
# units, validate it, match the demands, print the three lists and export
# the catalog in every format (runs from the repository root with bin/ on
# PATH; GOVKIT_DB is the demo's database).
set -eu
C=samples/catalog
O=samples/out/catalog
mkdir -p "$O"

# A draft entry from the data itself.
gov-catalog describe --format ndjson "$C/market-entities.csv" >"$O/draft.jsonl"
gov-catalog describe --format text "$C/market-entities.csv" | sed -n '1,4p'
echo "draft entry: $O/draft.jsonl (fields to fill: $(grep -o '"missing":\[[^]]*\]' "$O/draft.jsonl" | tr -cd ',' | wc -c | awk '{print $1 + 1}'))"

# The catalog, audited, and its validation.
gov-catalog add --user demo --format ndjson "$C/entries.jsonl" >"$O/added.jsonl"
echo "entries added: $(grep -c '"action":"created"' "$O/added.jsonl")"
gov-catalog validate --format ndjson >"$O/validate.jsonl"
echo "validate: $(tail -1 "$O/validate.jsonl")"
gov-catalog validate --format ndjson "$C/entries.jsonl" \
	| gov-xlsx --type finding -o "$O/findings.xlsx"

# Demands, matching, the three lists.
gov-catalog demand add --user demo --format ndjson "$C/demands.jsonl" >/dev/null
gov-catalog match --format ndjson >"$O/match.jsonl"
sed 's/.*"demand":"\([^"]*\)".*"status":"\([^"]*\)".*/  \1: \2/' "$O/match.jsonl"
gov-catalog lists --format ndjson >"$O/lists.jsonl"
gov-xlsx --sheet-by type -o "$O/three-lists.xlsx" "$O/lists.jsonl"
echo "three lists: $O/lists.jsonl, $O/three-lists.xlsx"

# Every export format.
gov-catalog export --format ckan -o "$O/ckan.jsonl"
gov-catalog export --format dcat -o "$O/catalog.jsonld"
gov-catalog export --format datapackage -o "$O/datapackage.json"
gov-catalog export --format xlsx -o "$O/catalog.xlsx"
gov-catalog export --format ndjson -o "$O/entries.jsonl"
echo "exports: $O/ckan.jsonl catalog.jsonld datapackage.json catalog.xlsx entries.jsonl"

# The data file passes the Table Schema its catalog entry carries.
if command -v gov-check >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	python3 -c '
import json, sys
dp = json.load(open(sys.argv[1]))
r = [x for x in dp["resources"] if x["name"] == "102001001-000001"][0]
json.dump(r["schema"], open(sys.argv[2], "w"), ensure_ascii=False)' \
		"$O/datapackage.json" "$O/market-entities.schema.json"
	gov-check --format ndjson -s "$O/market-entities.schema.json" \
		"$C/market-entities.csv" >"$O/market-entities.check.jsonl"
	echo "gov-check with the catalog schema of 102001001/000001: no finding"
fi
