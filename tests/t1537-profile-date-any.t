#!/bin/sh
# gov-profile: dates, date-times and times in the forms gov-check reads with
# format "any" (2024/1/5, 2024年1月5日, 2024.1.5, 5/1/2024; a space and a
# fraction, no seconds; 10:30) were drafted as 'string', their values
# unchecked, as was a ':60' leap second gov-check's time and datetime take.
# Now each is its type (format "any" when every value needs it), min and
# max by value as gov-check compares them, and the draft passes on the
# file; a column mixing such a form with text stays 'string', and compact
# 20240105 stays an integer.
. "$(dirname "$0")/lib.sh"

cat >f.csv <<'CSV'
d_slash,d_cn,d_dot,d_dmy,dt_frac,dt_min,t_min,t_leap,dt_leap,mixed,c8
2024/1/5,2024年1月5日,2024.1.5,5/1/2024,2024-01-05 10:00:00.123,2024-01-05 10:00,10:30,23:59:60,2016-12-31T23:59:60Z,2024/1/5,20240105
2024/10/1,2024年10月1日,2024.10.1,1/10/2024,2024-01-05 09:00:00.5,2024-01-06 09:00,09:05,10:00:00,2024-01-01T00:00:00+08:00,n/a,20241001
2024/2/29,2023年12月31日,2024.2.29,29/2/2024,2024-01-05 10:00:00,2023-12-31 23:59,23:59:30.25,00:00:01,2024-01-01T00:00:00Z,2024/1/6,20240229
CSV

draft_field() { # NAME: the drafted field, compact JSON
	py - "$1" <<'PY'
import json, sys
for f in json.load(open("f.schema.json", encoding="utf-8"))["fields"]:
    if f["name"] == sys.argv[1]:
        print(json.dumps(f, ensure_ascii=False, separators=(",", ":")))
PY
}

run gov-profile --schema --format ndjson f.csv
is "draft: exit 0, nothing on stderr" "$RC:$ERR" "0:"
printf '%s\n' "$OUT" >f.schema.json
R='"constraints":{"required":true}}'
for c in d_slash d_cn d_dot d_dmy; do
	is "$c: date, format any" "$(draft_field $c)" \
		"{\"name\":\"$c\",\"type\":\"date\",\"format\":\"any\",$R"
done
for c in dt_frac dt_min; do
	is "$c: datetime, format any" "$(draft_field $c)" \
		"{\"name\":\"$c\",\"type\":\"datetime\",\"format\":\"any\",$R"
done
is "t_min (10:30): time, format any" "$(draft_field t_min)" \
	"{\"name\":\"t_min\",\"type\":\"time\",\"format\":\"any\",$R"
is "t_leap (23:59:60): time" "$(draft_field t_leap)" \
	"{\"name\":\"t_leap\",\"type\":\"time\",$R"
is "dt_leap (...T23:59:60Z): datetime" "$(draft_field dt_leap)" \
	"{\"name\":\"dt_leap\",\"type\":\"datetime\",$R"
is "mixed (2024/1/5, n/a): string" "$(draft_field mixed)" \
	"{\"name\":\"mixed\",\"type\":\"string\",$R"
is "c8 (20240105): integer" "$(draft_field c8)" \
	'{"name":"c8","type":"integer","constraints":{"required":true,"minimum":0,"maximum":100000000}}'

run gov-check -s f.schema.json --format ndjson f.csv
is "gov-check takes the draft: exit 0, valid" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"
gov-records -s f.schema.json f.csv >f.jsonl
run gov-check -s f.schema.json --jsonl --format ndjson f.jsonl
is "and its records: exit 0, valid" \
	"$RC:$(printf '%s\n' "$OUT" | grep -c '"findings":0,.*"valid":true')" "0:1"

# min and max by value, not by text (2024/10/1 after 2024/2/29)
minmax() {
	py -c '
import json, sys
for f in json.load(sys.stdin)["fields"]:
    print("%s %s %s" % (f["name"], f["min"], f["max"]))'
}
run gov-profile --format ndjson f.csv
printf '%s\n' "$OUT" | minmax >got.txt
cat >want.txt <<'TXT'
d_slash 2024/1/5 2024/10/1
d_cn 2023年12月31日 2024年10月1日
d_dot 2024.1.5 2024.10.1
d_dmy 5/1/2024 1/10/2024
dt_frac 2024-01-05 09:00:00.5 2024-01-05 10:00:00.123
dt_min 2023-12-31 23:59 2024-01-06 09:00
t_min 09:05 23:59:30.25
t_leap 00:00:01 23:59:60
dt_leap 2016-12-31T23:59:60Z 2024-01-01T00:00:00Z
mixed 2024/1/5 n/a
c8 20240105 20241001
TXT
same_file "min and max by value" got.txt want.txt

# ISO dates first, then other forms: the ISO ones count by value too.
printf 'd,e\n2024-03-01,2024-12-31\n2024-01-01,2024-01-01\n2024/2/1,2024/2/1\n2024/12/1,2024/3/1\n' >s.csv
run gov-profile --format ndjson s.csv
is "ISO dates, then 2024/2/1: min and max" "$(printf '%s\n' "$OUT" | minmax)" \
	"d 2024-01-01 2024/12/1
e 2024-01-01 2024-12-31"

# What no "any" form takes keeps the column a string.
t_draft() { # values... -> type and format drafted for column v
	printf 'v\n' >one.csv
	for x in "$@"; do printf '%s\n' "$x" >>one.csv; done
	gov-profile --schema --format ndjson one.csv |
		sed 's/.*"type":"\([a-z]*\)".*/\1/'
}
is "2024年2月30日 is no day: string" "$(t_draft 2024年1月5日 2024年2月30日)" string
is "9:30, one digit of hours: string" "$(t_draft 10:30 9:30)" string
is "10:30 and text: string" "$(t_draft 10:30 noon)" string
is "2024-01-05 10:00 and 10:00: string" \
	"$(t_draft '2024-01-05 10:00' 10:00)" string
is "25:00 is no time: string" "$(t_draft 10:30 25:00)" string
done_testing
