#!/bin/sh
# Every tool: --help on stdout with exit 0, --version, an unknown option
# is exit 2 with a hint; every --long option of --help is in the bash
# completion, the zsh completion and the man page; man pages lint clean.
. "$(dirname "$0")/lib.sh"

for exe in "$BIN"/gov-*; do
	tool=$(basename "$exe")
	run "$exe" --help
	is "$tool --help exits 0" "$RC" 0
	like "$tool --help starts with Usage" "$OUT" "^Usage: $tool"
	is "$tool --help writes nothing to stderr" "$ERR" ""
	run "$exe" --version
	is "$tool --version" "$OUT" "$tool (govkit) 0.1.0"
	run "$exe" --no-such-option
	is "$tool unknown option exits 2" "$RC" 2
	like "$tool unknown option hints at --help" "$ERR" "try '$tool --help'"

	opts=$("$exe" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
	for f in "completions/bash/$tool" "completions/zsh/_$tool" "man/$tool.1"; do
		if [ ! -f "$T_TOP/$f" ]; then
			fail "$f exists"
			continue
		fi
		missing=""
		for o in $opts; do
			name=${o#--}
			case $f in
			man/*)
				# mdoc may escape every hyphen: Fl \-exact\-limit
				pat=$(printf '%s' "$name" | sed 's/-/\\\\?-/g')
				grep -Eq -- "Fl \\\\?-$pat( |$)" "$T_TOP/$f" || missing="$missing $o" ;;
			*) grep -Eq -- "(^|[^a-z-])$o([^a-z0-9-]|$)" "$T_TOP/$f" || missing="$missing $o" ;;
			esac
		done
		is "$f covers every option of $tool --help" "$missing" ""
	done
done

if command -v mandoc >/dev/null 2>&1; then
	for page in "$T_TOP"/man/*.[0-9]; do
		run mandoc -Tlint -Wwarning "$page"
		is "$(basename "$page") lints clean" "$OUT$ERR" ""
	done
else
	fail "mandoc is installed (scripts/install-deps)"
fi

# A page read in an 80-column terminal: no table or literal wider than it.
if command -v groff >/dev/null 2>&1; then
	for page in "$T_TOP"/man/*.[0-9]; do
		run groff -k -mandoc -Tutf8 -rLL=80n -ww "$page"
		is "$(basename "$page") fits 80 columns" \
			"$(printf '%s\n' "$ERR" | grep "can't break line")" ""
	done
else
	fail "groff is installed (scripts/install-deps)"
fi
done_testing
