#!/bin/sh
# gov-profile and gov-check read a time alike.  gov-profile tells a time
# column by its own quick test (profile.c) and gov-check reads one with
# schema.c's parser: for each value below, gov-profile drafts 'time' (of
# the default form) exactly when gov-check takes the value as a time; a
# ':60' leap second is one in both (ISO 8601 allows it, PostgreSQL takes
# it; gov-profile said no before bd23f71).  And a time's offset is read
# and not compared, in both (govkit-schema(5)): gov-profile's min and
# max are the clock's, which gov-check's minimum and maximum take without
# a finding.  This pins what the two agree on (it passes on the build
# before: nothing was to mend).
. "$(dirname "$0")/lib.sh"

printf '{"fields":[{"name":"t","type":"time"}]}\n' >t.json
for v in 23:59:60 23:59:60.5 23:59:60+08:00 00:00:00 10:00:00.123456789123 \
	10:00:00Z 10:00:00-00:00 10:00:00+23:59 10:00:00+0800 10:00:00+08 \
	23:59:61 24:00:00 23:60:00 1:00:00 10:00:00. 10:00:00.+08 \
	10:00:00+24:00 10:00:00+08: 10:00:00+8 10:00:00+08:60 10:00:00z; do
	printf 't\n%s\n' "$v" >v.csv
	run gov-check -s t.json --format ndjson v.csv
	check=$RC
	run gov-profile --schema v.csv
	case $OUT in *'"type":"time","constraints"'*) profile=time ;; *) profile=other ;; esac
	case $check in 0) want=time ;; *) want=other ;; esac
	is "$v: gov-check exit $check, gov-profile drafts $want" "$profile" "$want"
done

# Offsets: the clock's order in both
printf 't\n10:00:00+08:00\n02:00:00Z\n16:30:00-02:00\n09:00:00\n' >o.csv
run gov-profile --format ndjson o.csv
like "gov-profile: min and max as the clock shows them" "$OUT" \
	'"type":"time",.*"min":"02:00:00Z","max":"16:30:00-02:00"'
printf '{"fields":[{"name":"t","type":"time","constraints":{"minimum":"02:00:00Z","maximum":"16:30:00-02:00"}}]}\n' >b.json
run gov-check -s b.json --format ndjson o.csv
is "gov-check: inside gov-profile's min and max, exit 0" \
	"$RC:$(finding_fields row check)" "0:"
printf '{"fields":[{"name":"t","type":"time","constraints":{"minimum":"09:00:00","maximum":"17:00:00"}}]}\n' >h.json
run gov-check -s h.json --format ndjson o.csv
is "gov-check: 02:00:00Z below office hours, 10:00:00+08:00 inside" \
	"$RC:$(finding_fields row check value)" "1:3 minimum 02:00:00Z"
done_testing
