#!/bin/sh
# XDG_CONFIG_HOME and XDG_DATA_HOME holding a relative path are ignored, as
# the XDG Base Directory spec says they must be: the defaults under HOME
# are used.  Before, the configuration was read and the database made
# below whatever folder the tool ran in ('~/.local/share' set without the
# shell expanding it, as in a systemd unit or a crontab, made
# './~/.local/share/govkit/govkit.db').
. "$(dirname "$0")/lib.sh"
unset GOVKIT_DB
mkdir -p work/rel/govkit "$HOME/.config/govkit"
cd work

# ---- XDG_CONFIG_HOME
printf 'read from the relative folder\n' >rel/govkit/config
printf 'read from the default folder\n' >"$HOME/.config/govkit/config"
for rel in rel ./rel; do
	run env XDG_CONFIG_HOME=$rel gov-submit --status
	is "XDG_CONFIG_HOME=$rel: ignored, the default file read" "$ERR" \
		"gov-submit: $HOME/.config/govkit/config:1: expected 'key = value'"
	is "XDG_CONFIG_HOME=$rel: exit 2 (its bad line)" "$RC" 2
done
rm "$HOME/.config/govkit/config"
run env XDG_CONFIG_HOME=rel gov-submit --status
is "XDG_CONFIG_HOME=rel, no default file: runs (exit 0)" "$RC" 0
is "XDG_CONFIG_HOME=rel, no default file: quiet" "$ERR" ""
run env XDG_CONFIG_HOME="$PWD/rel" gov-submit --status
is "XDG_CONFIG_HOME absolute: still used" "$ERR" \
	"gov-submit: $PWD/rel/govkit/config:1: expected 'key = value'"
rm rel/govkit/config

# ---- XDG_DATA_HOME
rm -rf "$XDG_DATA_HOME"
run env XDG_DATA_HOME='~/.local/share' gov-license revoke TL-XDG-1 --reason r --date 2025-01-01
is "XDG_DATA_HOME='~/.local/share': exit 0" "$RC" 0
is "XDG_DATA_HOME='~/.local/share': nothing made in the current folder" "$(ls -A | grep -v '^rel$')" ""
is "XDG_DATA_HOME='~/.local/share': the database of the default place" \
	"$(sqlite3 "$HOME/.local/share/govkit/govkit.db" 'SELECT license_no FROM license_revocation')" TL-XDG-1
run env XDG_DATA_HOME=data gov-license revoke --list --format ndjson
like "XDG_DATA_HOME=data: the same database read" "$OUT" '"license_no":"TL-XDG-1"'
ok "XDG_DATA_HOME=data: no ./data" test ! -e data
run env XDG_DATA_HOME="$SCRATCH/abs" gov-license revoke --list
ok "XDG_DATA_HOME absolute: still used" test -s "$SCRATCH/abs/govkit/govkit.db"

done_testing
