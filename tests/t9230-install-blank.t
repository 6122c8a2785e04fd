#!/bin/sh
# make install and uninstall take a DESTDIR and a PREFIX holding a blank
# (a packager's staging folder under "/home/x/build area", an office's
# PREFIX '/opt/gov kit'), whatever TMPDIR is: every file lands under the
# whole path, nothing under a piece of it, and uninstall takes them away.
. "$(dirname "$0")/lib.sh"

root="$SCRATCH/dest dir"
prefix='/opt/gov kit'
mkdir "$root"
run make -s -C "$T_TOP" install DESTDIR="$root" PREFIX="$prefix"
is "make install with blanks exits 0" "$RC:$ERR" "0:"
for exe in "$T_TOP"/bin/gov-*; do
	tool=$(basename "$exe")
	ok "$tool installed" test -x "$root$prefix/bin/$tool"
	ok "$tool.1 installed" test -f "$root$prefix/share/man/man1/$tool.1"
	ok "$tool bash completion installed" test -f "$root$prefix/share/bash-completion/completions/$tool"
	ok "$tool zsh completion installed" test -f "$root$prefix/share/zsh/vendor-completions/_$tool"
done
ok "govkit.7 installed" test -f "$root$prefix/share/man/man7/govkit.7"
ok "govkit-schema.5 installed" test -f "$root$prefix/share/man/man5/govkit-schema.5"
# Nothing went to a piece of the path: the scratch folder holds only what
# the test and lib.sh made, and "dest dir" only opt/.
is "nothing under a piece of DESTDIR" "$(ls -A "$SCRATCH" | grep -v '^\.' | sort | tr '\n' ' ')" "dest dir home "
is "nothing under a piece of PREFIX" "$(ls -A "$root/opt")" "gov kit"
run "$root$prefix/bin/gov-records" --version
is "installed binary runs" "$OUT" "gov-records (govkit) 0.1.0"
run make -s -C "$T_TOP" uninstall DESTDIR="$root" PREFIX="$prefix"
is "make uninstall with blanks exits 0" "$RC:$ERR" "0:"
is "uninstall leaves no file" "$(find "$root" -type f | wc -l)" 0
done_testing
