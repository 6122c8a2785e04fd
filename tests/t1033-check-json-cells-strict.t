#!/bin/sh
# A cell of an object, array or geojson field, or a geopoint in the
# formats array and object, is JSON: cJSON's leniencies are not.  It read
# 007 as 7, 1. as 1 and -.5 as -0.5, and took a raw tab inside a string,
# so such a cell passed its type while every JSON reader downstream
# refuses it.  Found by the differential test against the Table Schema's
# reference implementation (tableschema-js), which refuses these.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [
  {"name": "ob", "type": "object"},
  {"name": "ar", "type": "array"},
  {"name": "gj", "type": "geojson"},
  {"name": "ga", "type": "geopoint", "format": "array"},
  {"name": "go", "type": "geopoint", "format": "object"}]}
JSON
py - <<'PY'
import csv
rows = [
    ('{"a": 0}', '[0, -0, 0.5, -1.5e+3, 1E2]', '{"type": "Point", "coordinates": [-0.5, 1]}', '[0, -0.0]', '{"lon": 1e1, "lat": -0}'),
    ('{"a": 007}', '[01]', '{"type": "Point", "coordinates": [-01, 1]}', '[116.4, 039.9]', '{"lon": 00, "lat": 1}'),
    ('{"a": 1.}', '[-.5]', '{"type": "Point", "coordinates": [1., 2]}', '[116., 39.9]', '{"lon": -.5, "lat": 1}'),
    ('{"a": "x\ty"}', '["x\ty"]', '{"type": "Point", "id": "x\ty"}', '[1e, 2]', '{"lon": 1, "lat": 2.e1}'),
]
with open("d.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["ob", "ar", "gj", "ga", "go"])
    w.writerows(rows)
PY
run gov-check --format ndjson -s s.json d.csv
is "exit 1: findings" "$RC" 1
is "no message" "$ERR" ""
is "every cell not JSON is a type finding, the JSON ones none" \
"$(finding_lines row column check)" \
"3 1 type | not an object
3 2 type | not an array
3 3 type | not a GeoJSON object
3 4 type | not a geopoint
3 5 type | not a geopoint
4 1 type | not an object
4 2 type | not an array
4 3 type | not a GeoJSON object
4 4 type | not a geopoint
4 5 type | not a geopoint
5 1 type | not an object
5 2 type | not an array
5 3 type | not a GeoJSON object
5 4 type | not a geopoint
5 5 type | not a geopoint"

# gov-records, which types by the same schema, says so (exit 1)
run gov-records --no-mask -s s.json d.csv
is "gov-records: exit 1" "$RC" 1
is "gov-records: names the first such value" "$(printf '%s\n' "$ERR" | head -n 1)" \
"gov-records: d.csv:3: value '{\"a\": 007}' of 'ob' is not of its type, kept as text"
is "gov-records: one message a value" "$(printf '%s\n' "$ERR" | wc -l)" 15
done_testing
