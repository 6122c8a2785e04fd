#!/bin/sh
# A header cell that differs from a schema field's name only in case, in
# the spaces around it ('Name ' from an Excel export, a full-width space)
# or in full-width forms ('金额（元）' for '金额(元)') is matched by name,
# as gov-check(1) says, so it is an extra-column and the field a
# missing-column; the two findings said nothing of each other, and a
# trailing space does not show in the text form or a workbook: the
# officer read "extra-column Name" and "missing-column Name".  Each
# message now names the other and says how they differ.  Frictionless's
# validator, which matches by position, names both too ('incorrect-label').
# The matching itself is unchanged: the column is still not checked.
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}, {"name": "Name"},
            {"name": "金额(元)", "type": "number"}, {"name": "code"},
            {"name": "note"}]}
JSON
printf 'ID,Name ,金额（元）,\343\200\200CODE,remark\n1,a,2,c,x\n' >d.csv

run gov-check --format ndjson -s s.json d.csv
is "exit 1" "$RC" 1
is "each extra column names its near field, each missing field its column" \
	"$(finding_fields column field check "|" message)" \
	"1 ID extra-column | header column not in the schema; 'ID' differs from schema field 'id' only in case
2 Name  extra-column | header column not in the schema; 'Name ' differs from schema field 'Name' only in the spaces around it
3 金额（元） extra-column | header column not in the schema; '金额（元）' differs from schema field '金额(元)' only in full-width forms
4 　CODE extra-column | header column not in the schema; '　CODE' differs from schema field 'code' only in case and the spaces around it
5 remark extra-column | header column not in the schema
None id missing-column | schema field 'id' is not in the header; column 1 'ID' differs from it only in case
None Name missing-column | schema field 'Name' is not in the header; column 2 'Name ' differs from it only in the spaces around it
None 金额(元) missing-column | schema field '金额(元)' is not in the header; column 3 '金额（元）' differs from it only in full-width forms
None code missing-column | schema field 'code' is not in the header; column 4 '　CODE' differs from it only in case and the spaces around it
None note missing-column | schema field 'note' is not in the header"

# A field that is in the header is no near name of another column: 'ID'
# beside 'id' is an extra column, and nothing more
printf 'id,ID\n1,2\n' >both.csv
printf '{"fields": [{"name": "id", "type": "integer"}]}\n' >one.json
run gov-check --format ndjson -s one.json both.csv
is "a field found by its name is no near name" \
	"$RC:$(finding_fields column field check "|" message)" \
	"1:2 ID extra-column | header column not in the schema"

# The text form shows the spaces inside the quotes
run gov-check --format text -s s.json d.csv
like "text form: the trailing space shown" "$OUT" \
	"'Name ' differs from schema field 'Name' only in the spaces around it"
# JSON Lines: a key, in the first record or first in a later one, names
# the field it nearly is (the field is a column there, each of its cells
# empty: 'required' on each line)
printf '{"ID": 1, "Name ": "a"}\n{"ID": 2, "ＮＡＭＥ": "b"}\n' >d.jsonl
printf '{"fields": [{"name": "id", "type": "integer"}, {"name": "Name"}]}\n' >j.json
run gov-check --format ndjson -s j.json d.jsonl
is "JSON Lines: each key names its near field" \
	"$RC:$(finding_fields column field check "|" message)" \
	"1:3 ID extra-column | key not in the schema (first at line 1); 'ID' differs from schema field 'id' only in case
4 Name  extra-column | key not in the schema (first at line 1); 'Name ' differs from schema field 'Name' only in the spaces around it
5 ＮＡＭＥ extra-column | key not in the schema (first at line 2); 'ＮＡＭＥ' differs from schema field 'Name' only in case and full-width forms"
# A --ref table's header: the column a foreign key names, missing, names
# the column whose name it nearly is (exit 2, as before)
printf 'code ,name\n1,a\n' >ref.csv
printf 'id\n1\n' >k.csv
cat >k.json <<'JSON'
{"fields": [{"name": "id", "type": "integer"}],
 "foreignKeys": [{"fields": "id", "reference": {"resource": "r", "fields": "code"}}]}
JSON
run gov-check --format ndjson -s k.json --ref r=ref.csv k.csv
is "--ref: the near column named" "$RC:$OUT:$ERR" \
	"2::gov-check: ref.csv: no column 'code' (foreign key to 'r'); column 1 'code ' differs from it only in the spaces around it"
printf 'other,name\n1,a\n' >ref2.csv
run gov-check --format ndjson -s k.json --ref r=ref2.csv k.csv
is "--ref: no near column, as before" "$RC:$ERR" \
	"2:gov-check: ref2.csv: no column 'code' (foreign key to 'r')"
done_testing
