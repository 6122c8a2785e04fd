#!/bin/sh
# --help says what the man page's SYNOPSIS and options say (the man page is
# right), and gov-xlsx's completions offer every record type the suite's
# tools print (govkit(7) RECORDS).  Each was found wrong by an audit.
. "$(dirname "$0")/lib.sh"

# help_line TOOL PATTERN: the lines of TOOL --help matching PATTERN (grep -E)
help_line() { "$1" --help | grep -E -- "$2"; }

like "gov-catalog --help: match takes ids" \
	"$(help_line gov-catalog '^  match ')" '^  match \[ID\.\.\.\] '
like "gov-catalog --help: history of a code or a demand id" \
	"$(help_line gov-catalog '^  history ')" '^  history CODE \| ID '
like "gov-catalog --help: demand list takes ids" \
	"$(help_line gov-catalog 'demand list')" 'demand list \[ID\.\.\.\]'
is "gov-license --help: both revoke lines take --no-mask" \
	"$(help_line gov-license 'gov-license revoke')" \
	"       gov-license revoke LICENSE_NO --reason TEXT [--date DATE] [--no-mask]
       gov-license revoke --list [--no-mask]"
like "gov-submit --help: --no-mask in --status and in messages" \
	"$(help_line gov-submit '--no-mask')" 'in --status and in messages'
like "gov-check --help: XLSX is checked too" \
	"$(gov-check --help | sed -n 2p)" '^Check CSV, TSV, JSON Lines or XLSX '
like "gov-report --help: plan load takes several files" \
	"$(help_line gov-report 'plan load')" 'plan load FILE\.\.\.$'

# What the help says works: the history of a demand by its id, a plan
# loaded from two files at once.
printf '%s\n' '{"type":"demand","id":"D-1","unit":"u","need":"n"}' >d.jsonl
gov-catalog demand add d.jsonl >/dev/null
run gov-catalog history D-1
is "gov-catalog history ID: exit 0" "$RC" 0
like "gov-catalog history ID: the demand's trail" "$OUT" '"type":"history"'
P=$T_TOP/samples/plan
run gov-report plan load "$P/digital-tongliao-plan.json" "$P/digital-tongliao-plan-rev2025.json"
is "gov-report plan load FILE FILE: exit 0" "$RC" 0

# govkit(7) RECORDS names every record kind, each as .Ql KIND
kinds=$(sed -n '/^\.Sh RECORDS/,/^\.Sh /p' "$T_TOP/man/govkit.7" |
	sed -n 's/^\.Ql \([a-z-]*\).*/\1/p' | sort -u)
for f in completions/bash/gov-xlsx completions/zsh/_gov-xlsx; do
	missing=""
	for k in $kinds; do
		case $f in
		*bash*) awk '/-t\|--type\)/,/return ;;/' "$T_TOP/$f" ;;
		*) grep -E -e "--type=?}" "$T_TOP/$f" ;;
		esac | grep -Eq -- "(^|[[:space:](\"])$k([[:space:])\"]|$)" || missing="$missing $k"
	done
	is "$f: --type offers every record type of govkit(7)" "$missing" ""
done
like "govkit(7) RECORDS read (sanity)" "$(echo $kinds)" 'finding .*unit-compliance'

# Every tool's --help fits an 80-column terminal (a Chinese character
# takes two columns).
for tool in "$BIN"/gov-*; do
	name=$(basename "$tool")
	wide=$("$tool" --help | py -c 'import sys, unicodedata
for line in sys.stdin:
    line = line.rstrip("\n")
    if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) > 80:
        print(line)')
	is "$name --help fits 80 columns" "$wide" ""
done

done_testing
