#!/bin/sh
# gov-profile --schema: a Table Schema draft that gov-check -s accepts and
# that passes on the file it was drawn from.
. "$(dirname "$0")/lib.sh"
# What the tools print on stderr outside run (and any sanitizer report).
exec 2>"$SCRATCH/stderr.log"

Q=$T_TOP/samples/quality

cat >types.csv <<'CSV'
count,amount,mixed,flag,yesno,day,day_slash,stamp,stamp_space,clock,birth_year,plain,code,empty,ratio
1,10.5,1,true,是,2024-01-31,2024/01/31,2024-01-31T08:00:00,2024-01-31 08:00:00,08:00:00,1990,北京,001,,1e3
-2,3,x,false,否,2024-02-29,2024/02/29,2024-02-29T23:59:59+08:00,2024-02-29 23:59:59,23:59:59,2001,上海,002,,0.5
30,0.25,3,true,是,2023-12-01,2023/12/01,2023-12-01T00:00:00Z,2023-12-01 00:00:00,00:00:00,1985,北京,010,,-2.5
4,-7,4,false,是,2024-03-01,2024/03/01,2024-03-01T12:30:00.5,2024-03-01 12:30:00,12:30:00,2024,北京,100,,7
CSV

run gov-profile --schema types.csv
is "draft: exit 0" "$RC" 0
is "draft: nothing on stderr" "$ERR" ""
printf '%s\n' "$OUT" >types.schema.json
same_file "draft of every type" types.schema.json "$(expected profile-types.schema.json)"

# roundtrip NAME FILE [PROFILE OPTIONS]: the draft passes on the file.
roundtrip() {
	name=$1 file=$2
	shift 2
	gov-profile --schema "$@" "$file" >"$name.schema.json"
	run gov-check -s "$name.schema.json" --today "$T_TODAY" --format ndjson "$file"
	is "$name: gov-check accepts the draft and finds nothing (exit 0)" "$RC" 0
	like "$name: summary valid, no finding" "$OUT" '"findings":0,.*"valid":true'
	is "$name: nothing on stderr" "$ERR" ""
}
roundtrip types types.csv
cp "$Q/residents-clean.csv" clean.csv
roundtrip residents clean.csv
iconv -f UTF-8 -t GBK clean.csv >gbk.csv
roundtrip residents-gbk gbk.csv
roundtrip residents-tsv "$(tr ',' '\t' <clean.csv >clean.tsv; echo clean.tsv)"
py - >rec.jsonl <<'PY'
import csv, json
for r in csv.DictReader(open("clean.csv", encoding="utf-8")):
    r["household_size"] = int(r["household_size"])
    r["insured"] = r["insured"] == "是"
    print(json.dumps(r, ensure_ascii=False))
PY
roundtrip residents-jsonl rec.jsonl
roundtrip estimated clean.csv --exact-limit 10

# What the draft of the residents register says.
draft=$(cat residents.schema.json)
like "draft: id_no is cn-ric, required" "$draft" '\{"name":"id_no","type":"string","format":"cn-ric","constraints":\{"required":true\}\}'
like "draft: id_no is the primary key" "$draft" '"primaryKey":\["id_no"\]'
like "draft: enum of gender" "$draft" '\{"name":"gender","type":"string","constraints":\{"required":true,"enum":\["女","男"\]\}\}'
like "draft: boolean 是/否" "$draft" '\{"name":"insured","type":"boolean","trueValues":\["是"\],"falseValues":\["否"\],"constraints":\{"required":true\}\}'
like "draft: loose range" "$draft" '\{"name":"household_size","type":"integer","constraints":\{"required":true,"minimum":0,"maximum":100\}\}'
like "draft: optional mobile" "$draft" '\{"name":"mobile","type":"string","format":"cn-mobile"\}'
unlike "draft: no enum of names" "$draft" '"name":"name","type":"string","constraints":\{"required":true,"enum"'
unlike "estimated distinct: no primary key" "$(cat estimated.schema.json)" 'primaryKey'

# The draft of a dirty file passes the schema checks on that file: only
# the structural problems of the rows themselves remain.
cp "$Q/residents.csv" planted.csv
gov-profile --schema planted.csv >planted.schema.json
run gov-check -s planted.schema.json --format ndjson planted.csv
checks=$(printf '%s\n' "$OUT" | py -c "
import json, sys
print(' '.join(sorted({json.loads(l)['check'] for l in sys.stdin if '\"finding\"' in l})))")
is "dirty file: only structural findings" "$checks" "blank-row duplicate-row extra-cell missing-cell"

# On a terminal-less run --format text gives indented JSON, still a schema.
run gov-profile --schema --format text types.csv
printf '%s\n' "$OUT" >pretty.json
run gov-check -s pretty.json --format ndjson types.csv
is "indented draft accepted too" "$RC" 0
is "nothing on stderr outside run" "$(cat "$SCRATCH/stderr.log")" ""
done_testing
