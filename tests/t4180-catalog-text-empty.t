#!/bin/sh
# gov-catalog --format text: an empty list or object says "(none)", as
# gov-bid and gov-submit say it; not nothing after the colon (an empty
# related: or matched: read as a value cut off) and not "none", which is
# a share type.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
gov-catalog demand add "$S/demands.jsonl" >/dev/null
printf '%s\n' '{"code":"102001001/000001","related":[]}' | gov-catalog add >/dev/null

run gov-catalog --format text show 102001001/000001
is "show: exit 0" "$RC" 0
like "an empty related list" "$OUT" '^related: +\(none\)$'
unlike "no field empty after its colon (items: heads its list)" \
	"$(printf '%s\n' "$OUT" | grep -v '^items:$')" '^[a-z_]+: *$'

run gov-catalog --format text lists
is "lists: exit 0" "$RC" 0
is "a demand nothing matched" \
	"$(printf '%s\n' "$OUT" | grep -c '^matched: *(none)$')" 1
unlike "no field empty after its colon (items: heads its list)" \
	"$(printf '%s\n' "$OUT" | grep -v '^items:$')" '^[a-z_]+: *$'

run gov-catalog --format text validate --today "$T_TODAY"
like "an empty by_check" "$OUT" '^by_check: +\(none\)$'

done_testing
