#!/bin/sh
# make install and uninstall honour PREFIX and DESTDIR: binaries, man
# pages, bash and zsh completions; uninstall takes them away again.
. "$(dirname "$0")/lib.sh"

root=$SCRATCH/root
run make -s -C "$T_TOP" install DESTDIR="$root" PREFIX=/opt/govkit
is "make install exits 0" "$RC" 0
for exe in "$T_TOP"/bin/gov-*; do
	tool=$(basename "$exe")
	ok "$tool installed" test -x "$root/opt/govkit/bin/$tool"
	ok "$tool.1 installed" test -f "$root/opt/govkit/share/man/man1/$tool.1"
	ok "$tool bash completion installed" test -f "$root/opt/govkit/share/bash-completion/completions/$tool"
	ok "$tool zsh completion installed" test -f "$root/opt/govkit/share/zsh/vendor-completions/_$tool"
done
ok "govkit.7 installed" test -f "$root/opt/govkit/share/man/man7/govkit.7"
run "$root/opt/govkit/bin/gov-records" --version
is "installed binary runs" "$OUT" "gov-records (govkit) 0.1.0"
run make -s -C "$T_TOP" uninstall DESTDIR="$root" PREFIX=/opt/govkit
is "make uninstall exits 0" "$RC" 0
is "uninstall leaves no file" "$(find "$root" -type f | wc -l)" 0
done_testing
