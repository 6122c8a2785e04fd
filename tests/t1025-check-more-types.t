#!/bin/sh
# The Table Schema (v1) types yearmonth, duration, geopoint (default,
# array and object formats), geojson (and topojson), object and array.
# A schema with any of them was refused ("unknown type", exit 2).
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check message; }

cat >s.json <<'JSON'
{"fields": [
  {"name": "ym", "type": "yearmonth", "constraints": {"minimum": "2024-02"}},
  {"name": "du", "type": "duration"},
  {"name": "gp", "type": "geopoint"},
  {"name": "ga", "type": "geopoint", "format": "array"},
  {"name": "go", "type": "geopoint", "format": "object"},
  {"name": "gj", "type": "geojson"},
  {"name": "tj", "type": "geojson", "format": "topojson"},
  {"name": "ob", "type": "object", "constraints": {"maxLength": 1}},
  {"name": "ar", "type": "array", "constraints": {"minLength": 2, "unique": true}}],
 "rules": [{"name": "since-2024", "assert": "ym >= '2024-01'"}]}
JSON
cat >d.csv <<'CSV'
ym,du,gp,ga,go,gj,tj,ob,ar
2024-03,P1Y2M3DT4H5M6.5S,"116.4, 39.9","[116.4, 39.9]","{""lon"": 116.4, ""lat"": 39.9}","{""type"": ""Point"", ""coordinates"": [1, 2]}","{""type"": ""Topology""}","{""a"": 1}","[1, 2]"
2024-13,P,"200, 39.9",[116.4],"{""lon"": 116.4}","{""type"": ""Circle""}","{""type"": ""Point""}","{""a"": 1, ""b"": 2}",[1]
2023-12,PT,"116.4,39.9",x,"{""lon"": 1, ""lat"": 2, ""z"": 3}",[],,[],{}
2024-1,P1.5Y,116.4,"[1, 2] x",[1],{},,{},"[1, 2]"
,-PT1H30M,-180,,,,,,
CSV
run gov-check --format ndjson -s s.json d.csv
is "the schema loads" "$ERR" ""
is "each type checked" "$(found)" \
"3 1 type not a yearmonth (YYYY-MM)
3 2 type not a duration
3 3 type not a geopoint
3 4 type not a geopoint
3 5 type not a geopoint
3 6 type not a GeoJSON object
3 7 type not a GeoJSON object
3 8 max-length length 2, maximum 1
3 9 min-length length 1, minimum 2
4 1 minimum 2023-12 is below the minimum 2024-02
4 2 type not a duration
4 4 type not a geopoint
4 5 type not a geopoint
4 6 type not a GeoJSON object
4 8 type not an object
4 9 type not an array
4 None rule rule 'since-2024' failed: ym >= '2024-01' (ym: 2023-12)
5 1 type not a yearmonth (YYYY-MM)
5 2 type not a duration
5 3 type not a geopoint
5 4 type not a geopoint
5 5 type not a geopoint
5 6 type not a GeoJSON object
5 9 unique repeats row 2
6 3 type not a geopoint"

cat >bad.json <<'JSON'
{"fields": [{"name": "du", "type": "duration", "constraints": {"minimum": "P1D"}}]}
JSON
run gov-check -s bad.json d.csv
is "no minimum on a duration: exit 2" "$RC" 2
like "it says why" "$ERR" "fields\[0\]\.constraints\.minimum: not allowed for type duration"

# an array's minLength counts its members whatever its bytes: "[1000000]"
# has one member in nine bytes, and was passed as long enough
printf '{"fields": [{"name": "ar", "type": "array", "constraints": {"minLength": 2}}]}\n' >len.json
printf 'ar\n[1000000]\n"[1, 2]"\n' >len.csv
run gov-check --format ndjson -s len.json len.csv
is "array minLength: one member in many bytes is too short" "$(found)" \
	"2 1 min-length length 1, minimum 2"

done_testing
