#!/bin/sh
# A message about the schema names it as the schema: `gov-check -s /tmp
# d.csv` said "unable to read '/tmp': Is a directory", the words a data
# file that cannot be read gets, and a schema that is not JSON at all
# (a CSV given to -s by mistake, an empty standard input) "d.csv:1:1: not
# valid JSON", as though the data were at fault.  gov-records loads its
# schema the same way.
. "$(dirname "$0")/lib.sh"

printf 'a,b\n1,2\n' >d.csv
mkdir folder

run gov-check -s folder d.csv
is "a folder as the schema" "$RC|$OUT|$ERR" \
	"2||gov-check: unable to read schema 'folder': Is a directory"
run gov-check -s missing.json d.csv
is "a missing schema" "$RC|$OUT|$ERR" \
	"2||gov-check: unable to open schema 'missing.json': No such file or directory"
run gov-check -s d.csv d.csv
is "the data given as the schema" "$RC|$OUT|$ERR" \
	"2||gov-check: d.csv:1:1: not valid JSON (the schema)"
run_in /dev/null gov-check -s - d.csv
is "an empty standard input as the schema" "$RC|$OUT|$ERR" \
	"2||gov-check: (stdin):1:1: not valid JSON (the schema)"
printf '{"fields": [{"name": "a"}]} ,\n' >after.json
run gov-check -s after.json d.csv
is "text after the schema: said once" "$RC|$ERR" \
	"2|gov-check: after.json:1:29: not valid JSON (text after the schema)"
run gov-check folder
is "a folder as the data: not called the schema" "$RC|$ERR" \
	"2|gov-check: unable to read 'folder': Is a directory"

run gov-records -s folder d.csv
is "gov-records: a folder as the schema" "$RC|$OUT|$ERR" \
	"2||gov-records: unable to read schema 'folder': Is a directory"

done_testing
