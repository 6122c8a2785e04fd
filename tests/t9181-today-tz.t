#!/bin/sh
# Without --today, "today" is the local date of the clock in the zone TZ
# names, the same in every tool (govkit(7)).  UTC+14 and UTC-12 are always
# on different dates, so a tool that read the UTC date, or its own idea
# of the zone, would be a day off in one of them.  The date is read
# before and after each run: either passes (a run across midnight).
. "$(dirname "$0")/lib.sh"

cat >s.json <<'JSON'
{"fields": [{"name": "d", "type": "date"}],
 "freshness": {"field": "d", "maxAgeDays": 0}}
JSON
printf 'd\n2000-01-01\n' >d.csv
printf '%s\n' '{"type":"license","license_no":"L1","license_type":"营业执照","holder_name":"x","holder_id":"91150502MA0N000165","holder_id_type":"uscc","issuer_code":"11150500011505012H","issuer_name":"y","issue_date":"2000-01-01","valid_from":"2000-01-01","valid_to":"2000-01-01","status":"valid"}' >l.jsonl
run gov-report plan load "$T_TOP/samples/plan/digital-tongliao-plan.json"
is "plan loaded" "$RC" 0

# today_is ZONE DESC SED CMD...: the date CMD says is today, under TZ=ZONE
today_is() {
	z=$1 d=$2 re=$3; shift 3
	before=$(TZ=$z date +%F)
	TZ=$z run "$@"
	after=$(TZ=$z date +%F)
	got=$(printf '%s\n' "$OUT" | sed -n "s/$re/\\1/p" | head -1)
	if [ -n "$got" ] && { [ "$got" = "$before" ] || [ "$got" = "$after" ]; }; then
		pass "$d, TZ=$z: today is $got"
	else
		fail "$d, TZ=$z: today is the local date" "got:  '$got'" "want: $before"
	fi
}

for z in Etc/GMT-14 Etc/GMT+12; do
	today_is $z "gov-check freshness" '.*days before \([0-9-]*\) (maxAgeDays.*' \
		gov-check --format ndjson -s s.json d.csv
	today_is $z "gov-license expiry" '.*(today is \([0-9-]*\)).*' \
		gov-license verify --format ndjson l.jsonl
	today_is $z "gov-report status" '.*"today":"\([0-9-]*\)".*' \
		gov-report status --format ndjson
done

done_testing
