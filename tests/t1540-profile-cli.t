#!/bin/sh
# gov-profile: options, errors and exit codes, the text form, -o.
. "$(dirname "$0")/lib.sh"

printf 'id_no,name,phone,amount,day\n150502199001011236,王伟,13812345678,12.5,2024-01-02\n150502198512120021,李娜,,3,2024-02-03\n,"张""三""",13912345678,-1,\n' >p.csv

run gov-profile --help
is "--help exits 0" "$RC" 0
like "--help: usage line" "$OUT" '^Usage: gov-profile \[--schema\] \[options\] FILE\.\.\.'
for o in --schema --top --exact-limit --delimiter --encoding --jsonl --sheet --no-mask --output --format --help --version; do
	like "--help lists $o" "$OUT" "$o"
done
run gov-profile --version
is "--version" "$OUT" "gov-profile (govkit) $(sed -n 's/^#define GOVKIT_VERSION "\(.*\)"/\1/p' "$T_TOP/common/govkit.h")"

run gov-profile --bogus p.csv
is "unknown option: exit 2" "$RC" 2
is "unknown option: message" "$ERR" "gov-profile: unknown option '--bogus'
try 'gov-profile --help'"
is "unknown option: no output" "$OUT" ""
run gov-profile --top 0 p.csv
is "--top 0: exit 2" "$RC" 2
like "--top 0: message" "$ERR" "invalid value '0' for --top"
run gov-profile --format xml p.csv
is "--format xml: exit 2" "$RC" 2
run gov-profile -d ab p.csv
is "two-character delimiter: exit 2" "$RC" 2

run gov-profile missing.csv
is "missing file: exit 2" "$RC" 2
is "missing file: message" "$ERR" "gov-profile: unable to open 'missing.csv': No such file or directory"
: >empty.csv
run gov-profile empty.csv
is "empty file: exit 2" "$RC" 2
is "empty file: message" "$ERR" "gov-profile: empty.csv: file is empty"
# JSON Lines with no record (nothing, or blank lines): the same, as gov-check
for f in empty.jsonl blank.jsonl; do
	[ $f = blank.jsonl ] && printf '\n  \n' >$f || : >$f
	run gov-profile --format ndjson $f
	is "$f: exit 2, nothing printed" "$RC:$OUT" "2:"
	is "$f: message" "$ERR" "gov-profile: $f: file is empty"
done
printf '{"a":1}\n{bad\n' >bad.jsonl
run gov-profile bad.jsonl
is "bad JSON Lines: exit 2" "$RC" 2
like "bad JSON Lines: names the line" "$ERR" "^gov-profile: bad.jsonl:2: invalid JSON"

# One bad file among good ones: the good ones are still profiled.
run gov-profile p.csv missing.csv p.csv
is "mixed: exit 2" "$RC" 2
is "mixed: two profiles" "$(printf '%s\n' "$OUT" | grep -c '"type":"profile"')" 2

# The text form.
run gov-profile --format text p.csv
is "text: exit 0" "$RC" 0
printf '%s\n' "$OUT" >got.txt
same_file "text form" got.txt "$(expected profile-cli.txt)"

# Standard input, and -o writes atomically.
run_in p.csv gov-profile
like "stdin: file is -" "$OUT" '^\{"type":"profile","file":"-",'
run gov-profile -o out.jsonl p.csv
is "-o: exit 0, nothing on stdout" "$RC:$OUT" "0:"
like "-o: the record in the file" "$(cat out.jsonl)" '^\{"type":"profile","file":"p.csv",.*\}$'
run gov-profile -o out2.jsonl p.csv missing.csv
is "-o with a failed input: exit 2" "$RC" 2
ok "-o with a failed input: no file left" [ ! -e out2.jsonl ]
is "-o with a failed input: no temporary left" "$(ls | grep -c 'out2')" 0

# A .json file: JSON Lines when its first line is a record; a JSON
# document (a Table Schema given as data, say) is refused by name.
printf '%s\n' '{"a":1,"b":"x"}' '{"a":2,"b":"y"}' >recs.json
run gov-profile recs.json
like "a .json of one record a line: JSON Lines" "$OUT" '"file":"recs.json","encoding":"utf-8","delimiter":null,"rows":2,'
printf '%s\n' '{' '  "fields": [{"name": "a", "type": "integer"}]' '}' >s.schema.json
run gov-profile --schema s.schema.json
is "a JSON document: exit 2" "$RC" 2
is "a JSON document: says so" "$ERR" "gov-profile: s.schema.json: a JSON document, not a table of records (JSON Lines hold one record a line; to check data against a Table Schema: gov-check -s SCHEMA DATA)"
is "a JSON document: nothing printed" "$OUT" ""

# A closed pipe ends quietly.
py -c "
print('v')
for i in range(20000): print(i)" >long.csv
gov-profile --top 1000 long.csv long.csv long.csv 2>err.txt | head -c 10 >/dev/null
is "closed pipe: nothing on stderr" "$(cat err.txt)" ""
done_testing
