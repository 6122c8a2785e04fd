#!/bin/sh
# A number given to a tool (an option's value, the GOVKIT_XLSX_MAX_ROWS
# knob, a count in the configuration file) is digits: " 3", "+3" and "-0",
# which strtol takes, are a usage error with exit 2, like "x", for every
# numeric option of every tool; the numbers a person writes still pass.
. "$(dirname "$0")/lib.sh"

# tool words | option | range
cat >options <<'EOF'
gov-check|--header-row|1 to 1048576
gov-check|--max-findings|0 to 9223372036854775807
gov-profile|--top|1 to 1000
gov-profile|--exact-limit|1 to 100000000
gov-profile|--header-row|1 to 1048576
gov-records|--header-row|1 to 1048576
gov-catalog describe|--header-row|1 to 1048576
gov-report|--grace-days|0 to 366
gov-report status|--grace-days|0 to 366
gov-license verify|--warn-days|0 to 3650
gov-license verify|--cache-ttl|0 to 315360000
gov-license verify|--jobs|1 to 64
gov-submit|--batch|1 to 100000
gov-submit|--retries|0 to 100
EOF
tab=$(printf '\t')
while IFS='|' read -r tool opt range; do
	name=${tool%% *}
	for v in " 3" "+3" "3 " "${tab}3" "-0" "-3" "0x3" "3.0" ""; do
		run $tool "$opt" "$v" --help
		is "$tool $opt '$v': exit 2, nothing out" "$RC:$OUT" "2:"
		is "$tool $opt '$v': the message" "$ERR" \
"$name: invalid value '$v' for $opt (expected $range)
try '$name --help'"
	done
	for v in 3 007; do
		run $tool "$opt" "$v" --help
		is "$tool $opt $v: taken" "$RC:$ERR" "0:"
	done
done <options

for v in " 3" "+3" "3 " "-0" "1e1" "0x10" "inf" "1." ".5" "0" ""; do
	run gov-submit --timeout "$v" --help
	is "gov-submit --timeout '$v': exit 2, nothing out" "$RC:$OUT" "2:"
	is "gov-submit --timeout '$v': the message" "$ERR" \
"gov-submit: --timeout: expected seconds (0 < s <= 86400), got '$v'
try 'gov-submit --help'"
done
for v in 3 0.5 86400; do
	run gov-submit --timeout "$v" --help
	is "gov-submit --timeout $v: taken" "$RC:$ERR" "0:"
done

# The environment and the configuration file keep the same rule.
printf '{"a":1}\n' >a.jsonl
for v in " 3" "+3"; do
	GOVKIT_XLSX_MAX_ROWS=$v run gov-xlsx -o a.xlsx a.jsonl
	is "GOVKIT_XLSX_MAX_ROWS='$v': exit 2, no workbook" "$RC:$(ls a.xlsx 2>&1 >/dev/null | wc -l)" "2:1"
	is "GOVKIT_XLSX_MAX_ROWS='$v': the message" "$ERR" \
		"gov-xlsx: invalid value '$v' for GOVKIT_XLSX_MAX_ROWS (expected 2 to 1048576)"
done
GOVKIT_XLSX_MAX_ROWS=3 run gov-xlsx -o a.xlsx a.jsonl
is "GOVKIT_XLSX_MAX_ROWS=3: taken" "$RC:$ERR" "0:"

mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = +3\n' >"$XDG_CONFIG_HOME/govkit/config"
GOVKIT_API=http://127.0.0.1:9 GOVKIT_TOKEN=t run gov-submit --flush
is "http_retries = +3: exit 2" "$RC" 2
is "http_retries = +3: the message" "$ERR" \
	"gov-submit: invalid value '+3' for http_retries (expected 0 to 100)"

# times in the configuration file: seconds as --timeout takes them
for v in "+3" "1e1" "inf" "0x10" "3." "-1"; do
	printf 'http_timeout = %s\n' "$v" >"$XDG_CONFIG_HOME/govkit/config"
	GOVKIT_API=http://127.0.0.1:9 GOVKIT_TOKEN=t run gov-submit --flush
	is "http_timeout = '$v': exit 2 and why" "$RC:$ERR" \
		"2:gov-submit: config 'http_timeout': expected seconds, got '$v'"
done
printf 'http_timeout = 0.5\nhttp_retries = 0\n' >"$XDG_CONFIG_HOME/govkit/config"
echo '{"type":"finding"}' >f.jsonl
GOVKIT_API=http://127.0.0.1:9 GOVKIT_TOKEN=t run gov-submit f.jsonl
is "http_timeout = 0.5: taken (nothing listens: queued)" "$RC" 3

# --today is a usage error too, with the hint, in every tool that takes it
for cmd in "gov-check --today 2025-02-30 a.jsonl" \
	"gov-license verify --today 2025-02-30" \
	"gov-catalog --today 2025-02-30 list" \
	"gov-report --today 2025-02-30 status"; do
	tool=${cmd%% *}
	run $cmd
	is "$tool --today 2025-02-30: exit 2 and the hint" "$RC:$ERR" "2:$tool: invalid date '2025-02-30', expected YYYY-MM-DD
try '$tool --help'"
done

done_testing
