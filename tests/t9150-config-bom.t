#!/bin/sh
# A configuration file saved with a UTF-8 byte order mark (Windows
# Notepad's "UTF-8") is read as without it.  Before, the mark stayed on
# the first key: a first line 'license_trust = ...' (or 'api = ...') set a
# key named '\357\273\277license_trust' that nothing asks for, so the trust
# file was silently unused (every verdict indeterminate, exit 1), and a
# first comment line was 'expected key = value' (exit 2).
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses
CFG=$XDG_CONFIG_HOME/govkit/config
mkdir -p "$XDG_CONFIG_HOME/govkit"
bom() { printf '\357\273\277'; }

verdicts() { printf '%s\n' "$OUT" | sed -n 's/.*"license_no":"\([^"]*\)","verdict":"\([^"]*\)".*/\1 \2/p'; }

run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" --format ndjson "$S/licenses.jsonl"
want=$(verdicts); want_rc=$RC

{ bom; printf 'license_trust = %s\n' "$S/trust.json"; } >"$CFG"
run gov-license verify --today "$T_TODAY" --format ndjson "$S/licenses.jsonl"
is "BOM, first line a key: the trust file of the config is used" "$(verdicts)" "$want"
is "BOM, first line a key: exit as with --trust" "$RC" "$want_rc"
is "BOM, first line a key: quiet" "$ERR" ""

{ bom; printf '# govkit\r\nlicense_trust = %s\r\n' "$S/trust.json"; } >"$CFG"
run gov-license verify --today "$T_TODAY" --format ndjson "$S/licenses.jsonl"
is "BOM, first line a comment, CRLF: read" "$(verdicts)" "$want"
is "BOM, first line a comment, CRLF: quiet" "$ERR" ""

# gov-bid --config reads its file the same way
B=$T_TOP/samples/bids
head -50 "$B/market.jsonl" >market.jsonl
run gov-bid score --config "$B/bid.conf" --format ndjson market.jsonl
want=$OUT; want_rc=$RC
{ bom; cat "$B/bid.conf"; } >bom.conf
run gov-bid score --config bom.conf --format ndjson market.jsonl
is "gov-bid --config with a BOM: exit as without" "$RC" "$want_rc"
is "gov-bid --config with a BOM: quiet" "$ERR" ""
is "gov-bid --config with a BOM: the same scores" "$OUT" "$want"
{ bom; printf 'weight.same-ip = 0.9\n'; } >bom.conf
run gov-bid score --config bom.conf --format ndjson market.jsonl
is "gov-bid --config, BOM then a key: the key is known" "$ERR" ""

# the mark only counts at the very start: elsewhere it is still refused
{ printf '# first\n'; bom; printf 'weight.same-ip = 0.9\n'; } >mid.conf
run gov-bid score --config mid.conf market.jsonl
is "a BOM on line 2 is no BOM: exit 2" "$RC" 2

done_testing
