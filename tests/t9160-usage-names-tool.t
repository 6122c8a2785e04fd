#!/bin/sh
# A usage error names the tool as every diagnostic does ('gov-license:
# unrecognized option ...'), however the tool was run.  Before, getopt's
# own messages named argv[0]: the path of a tool run by its path (as in a
# crontab: '/usr/local/bin/gov-check: unrecognized option'), and for
# gov-license the command word ('verify: unrecognized option '--bogus''),
# which names no tool at all.  gov-records, gov-report and gov-submit
# did the same when run by their path.
. "$(dirname "$0")/lib.sh"

first() { printf '%s\n' "$ERR" | head -1; }

for cmd in "gov-license verify" "gov-license sign" "gov-license revoke" \
	"gov-license sync" "gov-license keygen" "gov-license"; do
	run "$BIN"/$cmd --bogus
	is "$cmd --bogus: named by the tool" "$(first)" \
		"gov-license: unrecognized option '--bogus'"
	is "$cmd --bogus: exit 2" "$RC" 2
	run "$BIN"/$cmd -Z
	is "$cmd -Z: named by the tool" "$(first)" "gov-license: invalid option -- 'Z'"
done
run "$BIN"/gov-license verify -o
is "gov-license verify -o (no argument): named by the tool" "$(first)" \
	"gov-license: option requires an argument -- 'o'"

for cmd in gov-check "gov-bid score" "gov-bid groups" gov-catalog gov-profile gov-xlsx \
	gov-records "gov-report status" gov-submit; do
	tool=${cmd%% *}
	run "$BIN"/$cmd --bogus
	like "$cmd run by its path, --bogus: named by the tool" "$(first)" \
		"^$tool: (unrecognized|unknown) option '--bogus'\$"
	is "$cmd run by its path, --bogus: exit 2" "$RC" 2
	is "$cmd run by its path, --bogus: the hint" "$(printf '%s\n' "$ERR" | sed -n 2p)" \
		"try '$tool --help'"
done
run "$BIN"/gov-check -o
is "gov-check -o (no argument), run by its path: named by the tool" "$(first)" \
	"gov-check: option requires an argument -- 'o'"

done_testing
