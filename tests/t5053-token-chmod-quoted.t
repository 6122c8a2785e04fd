#!/bin/sh
# A token file, or a config file holding a token, that others may read is
# refused, and the message said "chmod 600 it": no command to paste.  It
# now ends with the chmod, its path quoted as a POSIX shell reads it (a
# blank, a quote), as gov-license's chmod; pasted into sh -c it makes
# the file the user's alone, and the run then goes through.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

server_start
DIR="$SCRATCH/city's keys"
mkdir -p "$DIR"
TOK="$DIR/api token"
printf '%s\n' "$SERVER_TOKEN" >"$TOK"
chmod 644 "$TOK"
printf '{"type":"finding","row":2}\n' >t.jsonl

GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=$TOK run gov-submit --endpoint findings t.jsonl
is "token file readable by others: exit 2" "$RC" 2
is "token file: the chmod, its path quoted" "$ERR" \
	"gov-submit: token file '$TOK' is readable by others (mode 644); to fix it, run: chmod 600 '$SCRATCH/city'\\''s keys/api token'"
run sh -c "${ERR##*, run: }"
is "pasted into sh -c: mode 600" "$RC:$(stat -c %a "$TOK")" 0:600
GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=$TOK run gov-submit --endpoint findings t.jsonl
is "then the run goes through" "$RC:$(server_records findings | wc -l)" 0:1

# A config file holding a token, under a home with a blank in it.
export XDG_CONFIG_HOME="$SCRATCH/my config"
CFG="$XDG_CONFIG_HOME/govkit/config"
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'token = %s\n' "$SERVER_TOKEN" >"$CFG"
chmod 640 "$CFG"
GOVKIT_TOKEN= run gov-submit --endpoint findings t.jsonl
is "config readable by its group: exit 2" "$RC" 2
is "config: the chmod, its path quoted" "$ERR" \
	"gov-submit: config file '$CFG' holds a token and is readable by others (mode 640); to fix it, run: chmod 600 '$SCRATCH/my config/govkit/config'"
run sh -c "${ERR##*, run: }"
is "pasted into sh -c: mode 600" "$RC:$(stat -c %a "$CFG")" 0:600
GOVKIT_TOKEN= run gov-submit --endpoint findings t.jsonl
is "then the run goes through" "$RC:$(server_records findings | wc -l)" 0:2

# A relative path that begins with '-': as it is, chmod would take it for
# its options (chmod: invalid option -- 't'); ./ before it, it is the file.
export XDG_CONFIG_HOME="$SCRATCH/no config"
printf '%s\n' "$SERVER_TOKEN" >./-tok
chmod 644 ./-tok
GOVKIT_TOKEN= GOVKIT_TOKEN_FILE=-tok run gov-submit --endpoint findings t.jsonl
is "token file -tok: exit 2" "$RC" 2
is "token file -tok: the chmod names ./-tok" "$ERR" \
	"gov-submit: token file '-tok' is readable by others (mode 644); to fix it, run: chmod 600 ./-tok"
run sh -c "${ERR##*, run: }"
is "pasted into sh -c: mode 600" "$RC:$(stat -c %a ./-tok)" 0:600

done_testing
