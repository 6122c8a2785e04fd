#!/bin/sh
# Types and formats of the schema language (date patterns, "any",
# datetime offsets, time, year, booleans with own values, decimalChar and
# groupChar, bareNumber, per-field missingValues, enum on integers,
# uniqueKeys), and the rules language (three-valued logic, keywords in
# any case, date literals, warnings, CJK field names).
. "$(dirname "$0")/lib.sh"

found() { finding_fields row column check severity message; }

cat >s.json <<'JSON'
{"missingValues": ["", "NA"],
 "fields": [
  {"name": "d", "type": "date", "format": "%d/%m/%Y"},
  {"name": "da", "type": "date", "format": "any"},
  {"name": "dt", "type": "datetime"},
  {"name": "t", "type": "time"},
  {"name": "y", "type": "year", "constraints": {"minimum": 2000}},
  {"name": "b", "type": "boolean", "trueValues": ["是", "yes"], "falseValues": ["否", "no"]},
  {"name": "n", "type": "number", "decimalChar": ",", "groupChar": ".", "constraints": {"maximum": 1000000}},
  {"name": "bn", "type": "number", "bareNumber": false},
  {"name": "i", "type": "integer", "missingValues": ["-"], "constraints": {"enum": [1, 2, 3]}},
  {"name": "u", "type": "string", "format": "uuid"},
  {"name": "uri", "type": "string", "format": "uri"},
  {"name": "org", "type": "string", "format": "cn-orgcode"},
  {"name": "div", "type": "string", "format": "cn-division"},
  {"name": "any", "type": "any"}
 ],
 "uniqueKeys": [["d", "i"]]
}
JSON
cat >v.csv <<'CSV'
d,da,dt,t,y,b,n,bn,i,u,uri,org,div,any
31/12/2024,2024/1/5,2024-01-01T10:00:00Z,10:00:00,2001,是,"1.234,5",¥1200,1,123e4567-e89b-12d3-a456-426614174000,https://x.cn/a,12345678-9,150502,x
2024-12-31,2024年1月5日,2024-01-01T10:00:00+08:00,25:00:00,1999,maybe,"1,234.5",12%,-,not-a-uuid,nota uri,12345678-0,990000,
NA,20240105,2024-01-01 10:00:00,10:00,2001,no,"2.000.000",abc,NA,,,,,
31/12/2024,05.01.2024,2024-13-01T00:00:00,10:00:00.5,2001,否,"1,5",$-3.5,1,,,,,
CSV
run gov-check -s s.json v.csv
is "types and formats: exactly these findings" "$(found)" \
"2 12 format error organization code: check character is 9, expected 8
3 1 type error not a date in format %d/%m/%Y
3 4 type error not a time (hh:mm:ss)
3 5 minimum error 1999 is below the minimum 2000
3 6 type error not a boolean (true: 是, yes; false: 否, no)
3 10 format error not a UUID
3 11 format error not a URI
3 12 format error organization code: check character is 0, expected 8
3 13 format error province code 99 does not exist
4 3 type error not a datetime (YYYY-MM-DDThh:mm:ss)
4 4 type error not a time (hh:mm:ss)
4 7 maximum error 2000000 is above the maximum 1000000
4 8 type error not a number
4 9 type error not an integer
5 3 type error not a datetime (YYYY-MM-DDThh:mm:ss)
5 None unique error unique key repeats row 2"
like "a composite key shows both values" "$OUT" '"row":5,"column":null,"field":null,"check":"unique".*"value":"31/12/2024, 1"'

cat >r.json <<'JSON'
{"fields": [
  {"name": "start", "type": "date"}, {"name": "end", "type": "date"},
  {"name": "age", "type": "integer"}, {"name": "status"},
  {"name": "adult", "type": "boolean"}, {"name": "户籍", "type": "string"}],
 "rules": [
  {"name": "order", "assert": "end >= start"},
  {"name": "since-2020", "assert": "start >= '2020-01-01'", "severity": "warning"},
  {"name": "adult-age", "assert": "not adult or age >= 18"},
  {"name": "status-known", "assert": "status = 'active' OR status = 'closed' or status is null"},
  {"name": "closed-has-end", "assert": "(status != 'closed') or (end is not null)"},
  {"name": "cjk", "assert": "户籍 <> '迁出' or end is not null"},
  {"name": "age-range", "assert": "age >= -1 and age < 150.5"}
 ]}
JSON
cat >r.csv <<'CSV'
start,end,age,status,adult,户籍
2021-01-01,2021-02-01,30,active,true,常住
2021-03-01,2021-02-01,30,active,true,常住
2019-01-01,,10,,true,常住
2021-01-01,,,closed,false,迁出
2021-01-01,x,200,weird,1,常住
CSV
run gov-check -s r.json r.csv
is "rules: exactly these" "$(found)" \
"3 None rule error rule 'order' failed: end >= start (start: 2021-03-01, end: 2021-02-01)
4 None rule warning rule 'since-2020' failed: start >= '2020-01-01' (start: 2019-01-01)
4 None rule error rule 'adult-age' failed: not adult or age >= 18 (age: 10, adult: true)
5 None rule error rule 'closed-has-end' failed: (status != 'closed') or (end is not null) (end: empty, status: closed)
5 None rule error rule 'cjk' failed: 户籍 <> '迁出' or end is not null (end: empty, 户籍: 迁出)
6 2 type error not a date (a real day, YYYY-MM-DD)
6 None rule error rule 'status-known' failed: status = 'active' OR status = 'closed' or status is null (status: weird)
6 None rule error rule 'age-range' failed: age >= -1 and age < 150.5 (age: 200)"

# only a warning: exit 0, valid
printf 'start,end,age,status,adult,户籍\n2019-01-01,2019-02-01,30,active,true,常住\n' >w.csv
run gov-check -s r.json w.csv
is "a warning alone: exit 0" "$RC" 0
like "a warning alone: valid" "$OUT" '"errors":0,"warnings":1,.*"valid":true'

# the same checks on JSON Lines: typed JSON values cast like text
cat >r.jsonl <<'JL'
{"start":"2021-03-01","end":"2021-02-01","age":30,"status":"active","adult":true,"户籍":"常住"}
{"start":"2021-01-01","end":null,"age":null,"status":"closed","adult":false,"户籍":"迁出"}
JL
run gov-check -s r.json r.jsonl
is "JSON Lines through the same rules" "$(found)" \
"1 None rule error rule 'order' failed: end >= start (start: 2021-03-01, end: 2021-02-01)
2 None rule error rule 'closed-has-end' failed: (status != 'closed') or (end is not null) (end: empty, status: closed)
2 None rule error rule 'cjk' failed: 户籍 <> '迁出' or end is not null (end: empty, 户籍: 迁出)"

# Code-like patterns are matched without PCRE2; they must agree with it.
cat >pat.json <<'JSON'
{"fields": [
  {"name": "fast", "constraints": {"pattern": "[A-Z]1[3-9][0-9]{3}\\.x-[a-c-]"}},
  {"name": "pcre", "constraints": {"pattern": "(?:[A-Z]1[3-9][0-9]{3}\\.x-[a-c-])"}}]}
JSON
printf 'fast,pcre\n' >pat.csv
for v in A13000.x-a Z19999.x-- A13000.x-d a13000.x-a A12000.x-a A1300.x-a A13000x-a A130000.x-a A13000.x-ab A13000.x-a\  Ａ13000.x-a B13999.x-c; do
	printf '"%s","%s"\n' "$v" "$v" >>pat.csv
done
run gov-check -s pat.json pat.csv
fast=$(printf '%s\n' "$OUT" | grep '"field":"fast"' | grep -o '"row":[0-9]*' | tr '\n' ' ')
pcre=$(printf '%s\n' "$OUT" | grep '"field":"pcre"' | grep -o '"row":[0-9]*' | tr '\n' ' ')
is "fixed-position patterns agree with PCRE2" "$fast" "$pcre"
is "and reject what they should" "$fast" '"row":4 "row":5 "row":6 "row":7 "row":8 "row":9 "row":10 "row":11 "row":12 '

# unique integers: ascending at first (kept in order), then not (hashed)
printf '{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}}]}\n' >u.json
printf 'id\n1\n2\n3\n2\n5\n4\n5\n01\n10\n4\n-7\n-7\n' >u.csv
run gov-check -s u.json --skip duplicate-row u.csv
is "repeats found before and after the values stop ascending" "$(found)" \
"5 1 unique error repeats row 3
8 1 unique error repeats row 6
9 1 unique error repeats row 2
11 1 unique error repeats row 7
13 1 unique error repeats row 12"

# composite keys: primary key, foreign key to another table typed as the
# local fields are ("01" is the integer 1), rowCount maximum, freshness
cat >k.json <<'JSON'
{"fields": [{"name": "town", "type": "integer"}, {"name": "seq", "type": "integer"},
            {"name": "kind"}, {"name": "seen", "type": "datetime"}],
 "primaryKey": ["town", "seq"],
 "foreignKeys": [{"fields": ["town", "kind"],
                  "reference": {"resource": "kinds", "fields": ["town_id", "kind"]}}],
 "rowCount": {"maximum": 4},
 "freshness": {"field": "seen", "maxAgeDays": 10}}
JSON
printf 'town_id,kind\n01,a\n2,b\n' >kinds.csv
printf 'town,seq,kind,seen\n1,1,a,2025-10-01T23:00:00-02:00\n1,2,a,\n1,1,a,\n2,1,a,\n2,2,b,2025-10-02T01:00:00+08:00\n' >k.csv
run gov-check -s k.json --ref kinds=kinds.csv --today 2025-10-15 --skip duplicate-row k.csv
is "composite keys, rowCount maximum, freshness" "$(found)" \
"4 None primary-key error primary key repeats row 2
5 None foreign-key error not found in kinds (town_id, kind)
None None freshness error newest seen is 2025-10-02, 13 days before 2025-10-15 (maxAgeDays 10)
None None row-count error 5 data rows, rowCount.maximum is 4"
like "a composite key's value names both" "$OUT" '"row":5,"column":null,"field":null,"check":"foreign-key".*"value":"2, a"'
printf 'town,seq,kind,seen\n1,1,a,\n' >k2.csv
run gov-check -s k.json --ref kinds=kinds.csv --today 2025-10-15 k2.csv
is "freshness with no value at all" "$(found)" \
"None None freshness error no value of seen to tell how fresh the data is"

done_testing
