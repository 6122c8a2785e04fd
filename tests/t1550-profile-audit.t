#!/bin/sh
# gov-profile: what an audit found: personal data in min/max of JSON
# numbers, values cut at NUL, wide headers, many JSON keys, bytes not
# valid in the encoding, a schema draft for repeated or blank headers.
. "$(dirname "$0")/lib.sh"

# Phone numbers stored as JSON numbers: min and max masked like top, the
# mean (of one row: the number itself) left out; --no-mask shows them.
printf '{"phone":13812345678}\n{"phone":13912345679}\n' >p.jsonl
run gov-profile --format ndjson p.jsonl
is "JSON phone numbers: exit 0" "$RC" 0
like "JSON phone numbers: min and max masked" "$OUT" '"min":"138\*\*\*\*5678","max":"139\*\*\*\*5679","mean":null,'
like "JSON phone numbers: masked" "$OUT" '"masked":true'
unlike "JSON phone numbers: no digits in full" "$OUT" '13812345678|13912345679'
printf '{"phone":13812345678}\n' >p1.jsonl
run gov-profile --format ndjson p1.jsonl
unlike "one JSON phone number: not in the mean" "$OUT" '1381234567'
run gov-profile --format ndjson --no-mask p.jsonl
like "--no-mask: min and max as numbers" "$OUT" '"min":13812345678,"max":13912345679,"mean":13862345678.5,'
printf '{"n":5}\n{"n":70}\n' >n.jsonl
run gov-profile --format ndjson n.jsonl
like "plain JSON numbers: min, max, mean as numbers" "$OUT" '"min":5,"max":70,"mean":37.5,'
unlike "plain JSON numbers: not masked" "$OUT" '"masked"'

# A NUL inside a value: the value keeps every byte (escaped), three
# distinct values are three values in top, min and max.
printf 'a\n1\0x\n1\n1\0y\n' >nul.csv
run gov-profile --format ndjson nul.csv
is "NUL in a value: exit 0" "$RC" 0
like "NUL in a value: min and max whole" "$OUT" '"min":"1","max":"1\\u0000y",'
like "NUL in a value: top keeps the bytes" "$OUT" '"top":\[\{"value":"1","count":1\},\{"value":"1\\u0000x","count":1\},\{"value":"1\\u0000y","count":1\}\]'
py -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sorted(t["value"] for t in r["fields"][0]["top"]) == ["1","1\0x","1\0y"])' "$SCRATCH/.out" >nul.ok
is "NUL in a value: valid JSON with the bytes" "$(cat nul.ok)" True
printf 'a\n1\0x\n1\0x\n1\0x\n1\n1\n1\n' >nul2.csv
run gov-profile --schema --format ndjson nul2.csv
is "NUL in a value: no enum cut at the NUL" "$OUT" '{"fields":[{"name":"a","type":"string","constraints":{"required":true}}],"missingValues":[""]}'

# A very wide header: no sketch per column until a column needs one, so
# 100,000 columns fit in 600 MB (16 KiB a column took 1.6 GB and aborted).
# JSON Lines with 40,000 keys: a field found by a hash, not a linear
# search (109 s before).  Not under the sanitizers: they reserve terabytes
# of address space, and run slower than the bound.
if [ "${GOVKIT_SAN:-0}" != 1 ]; then
	py -c "n=100000;open('wide.csv','w').write(','.join('c%d'%i for i in range(n))+'\n'+','.join(map(str,range(n)))+'\n')"
	run sh -c 'ulimit -v 600000; exec gov-profile --format ndjson wide.csv'
	is "100,000 columns: exit 0" "$RC" 0
	is "100,000 columns: no error" "$ERR" ""
	like "100,000 columns: the last field" "$OUT" '\{"name":"c99999","type":"integer","format":null,"nulls":0,"distinct":1,"distinct_exact":true,"min":99999,"max":99999,"mean":99999,'
	py -c "import json;f=open('keys.jsonl','w');[f.write(json.dumps({'k%d'%i:i})+'\n') for i in range(40000)]"
	run timeout 60 sh -c 'ulimit -v 600000; exec gov-profile --format ndjson keys.jsonl'
	is "40,000 keys: exit 0 within 60 s" "$RC" 0
	printf '%s\n' "$OUT" >keys.out
	is "40,000 keys: every key a field, in order" "$(py -c 'import json,sys; f=json.load(open(sys.argv[1]))["fields"]; print(len(f), f[0]["name"], f[-1]["name"], f[-1]["nulls"], f[-1]["top"])' keys.out)" "40000 k0 k39999 39999 [{'value': '39999', 'count': 1}]"
fi

# Past the exact limit the sketch starts from the values already seen.
py -c "
print('v')
for i in range(3000): print('x%d' % i)" >many.csv
run gov-profile --format ndjson --exact-limit 1000 many.csv
like "past --exact-limit: an estimate near 3000" "$OUT" '"distinct":(29[4-9][0-9]|30[0-5][0-9]),"distinct_exact":false,'

# Repeated and blank header cells: fields named as gov-records names keys,
# made unique against every header cell; the schema draft leaves those
# columns out, so gov-check -s reads it and reports only the header.
printf 'a,a,a_2\n1,2,3\n' >dup.csv
run gov-profile --format ndjson dup.csv
is "repeated header: exit 0" "$RC" 0
is "repeated header: names" "$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(" ".join("%s<%s>" % (f["name"], f.get("header", "-")) for f in json.load(sys.stdin)["fields"]))')" "a<-> a_2_2<a> a_2<->"
run gov-profile --schema --format ndjson dup.csv
is "repeated header: the draft" "$OUT" '{"fields":[{"name":"a","type":"integer","constraints":{"required":true,"minimum":0,"maximum":10}},{"name":"a_2","type":"integer","constraints":{"required":true,"minimum":0,"maximum":10}}],"missingValues":[""]}'
printf '%s\n' "$OUT" >dup.schema.json
run gov-check -s dup.schema.json dup.csv
is "repeated header: gov-check reads the draft, exit 1" "$RC" 1
is "repeated header: only the header finding" "$(printf '%s\n' "$OUT" | grep -o '"check":"[a-z-]*"' | tr '\n' ' ')" '"check":"duplicate-header" '
printf ',,column_1,id\nx,y,z,1\nx,y,z,2\n' >blank.csv
run gov-profile --format ndjson blank.csv
is "blank header: names" "$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(" ".join("%s<%s>" % (f["name"], f.get("header", "-")) for f in json.load(sys.stdin)["fields"]))')" "column_1_2<> column_2<> column_1<-> id<->"
run gov-profile --schema --format ndjson blank.csv
printf '%s\n' "$OUT" >blank.schema.json
is "blank header: the draft" "$(py -c 'import json,sys; print([f["name"] for f in json.load(open(sys.argv[1]))["fields"]])' blank.schema.json)" "['column_1', 'id']"
run gov-check -s blank.schema.json blank.csv
is "blank header: gov-check exit 1" "$RC" 1
is "blank header: no missing column, the blank cells reported" "$(printf '%s\n' "$OUT" | grep -o '"check":"[a-z-]*"' | tr '\n' ' ')" '"check":"blank-header" "check":"blank-header" '

# JSON Lines numbers are shown as the file wrote them when 15 digits
# hold them, not with 17: 0.1 was "0.10000000000000001", 19 characters
printf '{"a":0.1}\n{"a":1234.5678}\n{"a":2.5}\n' >nums.jsonl
run gov-profile nums.jsonl
is "jsonl numbers: exit 0" "$RC" 0
like "jsonl numbers: top values as written" "$OUT" \
	'"top":\[\{"value":"0.1","count":1\},\{"value":"1234.5678","count":1\},\{"value":"2.5","count":1\}\]'
like "jsonl numbers: lengths of that text" "$OUT" '"min_length":3,"max_length":9'

# A text's min and max are shown as its top values are: 200 bytes and an
# ellipsis (a cell of 200 MB made a record of 400 MB); lengths are whole
{ printf 'name,note\nzhang,'; head -c 2000 /dev/zero | tr '\0' x; printf '\nli,short\n'; } >long.csv
run gov-profile --format ndjson long.csv
is "long cell: exit 0" "$RC" 0
is "long cell: min, max (cut), max_length" "$(printf '%s\n' "$OUT" | py -c '
import json, sys
f = json.loads(sys.stdin.readline())["fields"][1]
print(f["min"], len(f["max"]), f["max"][-2:], f["max_length"])')" "short 201 x… 2000"

# A number past a double (15E5026161387, or 1e400 in JSON) is no number:
# its column was "number" with max inf, written null, and the drafted
# schema's maximum did not load (fuzz_profile)
printf 'b\n2\n15E5026161387\n' >inf.csv
run gov-profile --format ndjson inf.csv
like "number past a double: the column is text" "$OUT" '"name":"b","type":"string",.*"min":"15E5026161387","max":"2"'
run gov-profile --schema inf.csv
is "number past a double: the drafted schema" "$RC" 0
printf '%s\n' "$OUT" >inf.schema.json
run gov-check -s inf.schema.json inf.csv
is "number past a double: the draft loads and the file passes" "$RC" 0

# A JSON Lines key "" has no field in the draft (a field needs a name;
# the draft did not load): gov-check reports it as a blank header
printf '{"k":"v1","":"x"}\n{"k":"v2","":"y"}\n' >ek.jsonl
run gov-profile --schema ek.jsonl
printf '%s\n' "$OUT" >ek.schema.json
run gov-check -s ek.schema.json ek.jsonl
is "key \"\": the draft loads (exit 1: one finding)" "$RC" 1
like "key \"\": named as a blank header" "$OUT" '"check":"blank-header"'

done_testing
