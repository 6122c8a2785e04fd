#!/bin/sh
# A bad line in the configuration file: exit 2 with the file and line,
# nothing queued, and (in the sanitizer build) nothing leaked.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
CFG=$XDG_CONFIG_HOME/govkit/config
printf '{"type":"finding","row":1}\n' > one.jsonl

printf 'api = http://127.0.0.1:1\njunk\n' > "$CFG"
run_in one.jsonl gov-submit
is "no '=': exit 2" "$RC" 2
is "no '=': the file and line named" "$ERR" \
   "gov-submit: $CFG:2: expected 'key = value'"
is "no '=': nothing printed" "$OUT" ""

printf 'api = http://127.0.0.1:1\nhttp_retries = 1\n = x\n' > "$CFG"
run_in one.jsonl gov-submit
is "empty key: exit 2" "$RC" 2
is "empty key: the file and line named" "$ERR" "gov-submit: $CFG:3: empty key"

run gov-submit --status
is "bad config: --status refuses too" "$RC" 2

rm "$CFG"
run gov-submit --status
is "nothing was queued by the refused runs" "$OUT" ""

done_testing
