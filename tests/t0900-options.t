#!/bin/sh
# Every tool: --help on stdout with exit 0, --version, an unknown option
# is exit 2 with a hint; every --long option of --help is in the bash
# completion, the zsh completion and the man page, and the completions offer
# no other option and the subcommands of --help; man pages lint clean.
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

	# ... and offers no option that the tool does not have.
	for f in "completions/bash/$tool" "completions/zsh/_$tool"; do
		[ -f "$T_TOP/$f" ] || continue
		extra=""
		for o in $(grep -oE -- '(^|[^a-z0-9-])--[a-z][a-z0-9-]*' "$T_TOP/$f" |
			grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
			printf '%s\n' "$opts" | grep -qxF -- "$o" || extra="$extra $o"
		done
		is "$f offers no option $tool --help lacks" "$extra" ""
	done

	# The subcommands of --help (its usage lines and its Commands list)
	# are those the completions offer where a subcommand goes.
	subs=$("$exe" --help | awk -v t="$tool" '
		/^Commands:/ { cmds = 1; next }
		cmds && /^$/ { cmds = 0 }
		cmds && /^  [a-z]/ { print $1; next }
		/^Usage: gov-/ || /^       gov-/ {
			for (i = 1; i <= NF; i++) if ($i == t) break
			for (i++; i <= NF; i++) {
				if ($i ~ /^[a-z][a-z-]*$/) { print $i; break }
				if ($i !~ /^[[-]/ && $i !~ /[]]$/) break
			}
		}' | sort -u | tr '\n' ' ')
	bash_subs=$(bash -c 'shopt -s extglob; . "$1"
		COMP_WORDS=("$2" ""); COMP_CWORD=1
		$(complete -p "$2" | sed "s/.*-F \([^ ]*\).*/\1/")
		[ -n "$3" ] && printf "%s\n" "${COMPREPLY[@]}"' _ \
		"$T_TOP/completions/bash/$tool" "$tool" "$subs" | sort -u | tr '\n' ' ')
	is "completions/bash/$tool offers the subcommands of --help" "$bash_subs" "$subs"
	zsh_subs=$({ sed -n "s/^[[:space:]]*'\([a-z][a-z-]*\):.*/\1/p" \
		"$T_TOP/completions/zsh/_$tool"
		grep -o '[a-z][a-z-]*\\:' "$T_TOP/completions/zsh/_$tool" |
			sed 's/\\://'; } | sort -u | tr '\n' ' ')
	is "completions/zsh/_$tool offers the subcommands of --help" "$zsh_subs" "$subs"
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
