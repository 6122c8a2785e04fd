#!/bin/sh
# A workbook written with -o FILE.xlsx and killed with SIGKILL (the OOM
# killer, `timeout -s KILL` in a cron job) while it is written leaves
# nothing in FILE's folder, as t9172's outputs do.  Before, libxlsxwriter
# was given a named temporary .FILE.xlsx.XXXXXX/FILE.xlsx beside it, left
# behind by SIGKILL; now it is given /proc/self/fd/N, a file without a name
# (O_TMPFILE) in the folder, named only at commit.
. "$(dirname "$0")/lib.sh"

mkdir out
mkfifo in
# enough rows that writing the workbook takes a while (level 9: slower)
awk 'BEGIN { for (i = 1; i <= 100000; i++)
	printf "{\"id\":%d,\"name\":\"n%d\",\"v\":%d.5}\n", i, i, i }' >recs.jsonl

# writing PID: until PID writes its workbook (a file in out/, or one of
# its descriptors on one), 20 s.
writing() {
	i=0
	while [ "$i" -lt 2000 ]; do
		[ -n "$(ls -A out)" ] && return 0
		for fd in /proc/"$1"/fd/*; do
			case $(readlink "$fd" 2>/dev/null) in
			"$SCRATCH"/out/*) return 0 ;;
			esac
		done
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

GOVKIT_XLSX_LEVEL=9 gov-xlsx -o out/book.xlsx <in 2>kill.err &
pid=$!
exec 3>in
cat recs.jsonl >&3
exec 3>&- # end of input: the workbook is written now
writing "$pid"
seen=$?
kill -9 "$pid"
wait "$pid" 2>/dev/null
rc=$?
is "gov-xlsx: killed while writing its workbook" "$seen $rc" "0 137"
is "gov-xlsx killed with SIGKILL: nothing left in the folder" \
	"$(ls -A out)" ""
rm -rf out
mkdir out

# A run that finishes gets its workbook, in the mode of any new file, and
# nothing else beside it; a second run replaces it.
printf '{"a":1}\n' >one.jsonl
umask 022
run gov-xlsx -o out/book.xlsx one.jsonl
is "a finished run: exit 0" "$RC" 0
is "a finished run: the workbook and nothing else" "$(ls -A out)" book.xlsx
is "a finished run: mode 0666 less the umask" "$(stat -c %a out/book.xlsx)" 644
like "a finished run: a workbook" "$(od -An -c -N2 out/book.xlsx)" 'P +K'
umask 077
printf '{"a":2}\n{"a":3}\n' >two.jsonl
run gov-xlsx -o out/book.xlsx two.jsonl
is "a second run: exit 0" "$RC" 0
is "a second run replaces it" \
	"$(gov-records --sheet records out/book.xlsx | tail -n 1)" '{"a":"3"}'
is "... in the mode of a new file" "$(stat -c %a out/book.xlsx)" 600
is "... and leaves nothing else" "$(ls -A out)" book.xlsx
umask 022

# A run that fails leaves the workbook there as it was, and nothing else.
printf '{"a":\n' >bad.jsonl
run gov-xlsx -o out/book.xlsx bad.jsonl
is "a failed run: exit 2" "$RC" 2
is "a failed run: the old workbook kept" \
	"$(gov-records --sheet records out/book.xlsx | tail -n 1)" '{"a":"3"}'
is "... and nothing else" "$(ls -A out)" book.xlsx

# A bare name: the workbook in the current folder.
(cd out && gov-xlsx -o bare.xlsx ../one.jsonl)
is "-o a bare name: written in the current folder" \
	"$(gov-records --sheet records out/bare.xlsx)" '{"a":"1"}'

# gov-report's workbook goes the same way.
gov-report plan load "$T_TOP"/samples/plan/digital-tongliao-plan.json >/dev/null
run gov-report template 2025Q4 --unit gongxinju --today "$T_TODAY" \
	-o out/tpl.xlsx
is "gov-report template: exit 0" "$RC" 0
is "gov-report template: the workbook and nothing else" \
	"$(ls -A out | tr '\n' ' ')" "bare.xlsx book.xlsx tpl.xlsx "

done_testing
