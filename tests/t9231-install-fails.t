#!/bin/sh
# make install stops, exit 2, when a man page or a completion cannot be
# installed (a full disk, a read-only folder; here a folder standing
# where the file goes): the loops that install them went on and ended in
# "true", so a packager's build said it had installed what it had not.
. "$(dirname "$0")/lib.sh"

# blocked N PATH: make install into DESTDIR root.N, a folder at PATH
# (under PREFIX /opt/govkit) standing in the way of the file there
blocked() {
	root=$SCRATCH/root.$1
	mkdir -p "$root/opt/govkit/$2"
	run make -s -C "$T_TOP" install DESTDIR="$root" PREFIX=/opt/govkit
	is "$2 blocked: make install exits 2" "$RC" 2
	like "... install names the file" "$ERR" \
		"^install: cannot overwrite directory '$root/opt/govkit/$2' with non-directory"
	like "... make says install failed" "$ERR" "\\*\\*\\* \\[Makefile:[0-9]+: install\\] Error 1$"
}
blocked 1 share/man/man1/gov-check.1
blocked 5 share/man/man5/govkit-schema.5
blocked 7 share/man/man7/govkit.7
blocked b share/bash-completion/completions/gov-records
blocked z share/zsh/vendor-completions/_gov-xlsx

# With nothing in the way it is installed and exits 0 (t0910 checks what).
run make -s -C "$T_TOP" install DESTDIR="$SCRATCH/root.ok" PREFIX=/opt/govkit
is "nothing in the way: exit 0, no message" "$RC:$ERR" "0:"
done_testing
