#!/bin/sh
# gov-submit reads its input as every tool reads JSON Lines (jl_next),
# and keeps of each line exactly its object, which a batch's body puts
# between commas (fuzz_submit_input).  Before, a line with more after
# its object ("{...} {...}", a line cut and joined to the next) was
# queued as it was, and the batch it went in, every record of it, was
# refused by the central API as "body is not JSON"; a "\u0000" in a
# string passed; a CR before the object, or a BOM on a line past the
# first, was kept in the record's text.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

# Refused, the whole input: exit 2, where and why, nothing queued.
printf '{"type":"finding","row":1}\n{"type":"finding","row":2} {"type":"finding","row":3}\n' >glued.jsonl
printf '{"type":"finding","row":1,"file":"a.csv","check":"format","dimension":"accuracy"},"score":86.6}\n' >cut.jsonl
printf '{"type":"finding","value":"A\\u0000B"}\n' >nul.jsonl
printf '{"type":"finding\\u0000x","row":1}\n' >nultype.jsonl
printf '[{"type":"finding"}]\n' >array.jsonl
for c in "glued.jsonl:2: invalid JSON at column 28" \
	"cut.jsonl:1: invalid JSON at column 82" \
	"nul.jsonl:1: invalid JSON: \\u0000 in a string at column 29" \
	"nultype.jsonl:1: invalid JSON: \\u0000 in a string at column 17" \
	"array.jsonl:1: expected a JSON object"; do
	f=${c%%:*}
	run gov-submit "$f"
	is "$f: exit 2, nothing out" "$RC:$OUT" "2:"
	is "$f: where and why, nothing queued" "$ERR" "gov-submit: $c
gov-submit: nothing queued"
	is "$f: the outbox is empty" "$(q 'SELECT count(*) FROM outbox_record')" 0
done

# Taken: white space, a CR or a BOM around the object is not the record's.
export GOVKIT_DB=$SCRATCH/taken.db
printf '\r{"type":"finding","row":1}\n\357\273\277{"type":"finding","row":2}\n \t{"type":"finding","row":3} \t\r\n' >ws.jsonl
run gov-submit ws.jsonl
is "white space around: kept queued (no API), exit 3" "$RC" 3
is "white space around: exactly the objects queued" \
	"$(q 'SELECT hex(body) FROM outbox_record ORDER BY id')" \
	"$(printf '%s\n' '{"type":"finding","row":1}' '{"type":"finding","row":2}' \
		'{"type":"finding","row":3}' | while read -r l; do
		printf '%s' "$l" | od -An -tx1 | tr -d ' \n' | tr a-f A-F; echo
	done)"

# And delivered so: the central API takes the batch, every record.
server_start
run gov-submit --flush
is "white space around: delivered, exit 0" "$RC:$ERR" "0:"
is "white space around: the three records at the server" \
	"$(server_records findings | wc -l)" 3
printf '{"type":"finding","row":4}\n{"type":"finding","row":5}\n' >good.jsonl
run gov-submit good.jsonl glued.jsonl
is "a good file before a glued one: exit 2, nothing sent" \
	"$RC:$(server_records findings | wc -l)" "2:3"

done_testing
