#!/bin/zsh -f
# tests/zshcomp.zsh DIR LINE...: what zsh's completion offers for each LINE,
# the completions of DIR on fpath.  An interactive zsh is started on a
# pseudo-terminal (zsh/zpty) with compinit; for each LINE it is typed,
# followed by TAB, and every word the completion functions hand to compadd
# (those that match what is typed) is written down.  Output: for each LINE
# a line "== LINE", then the words offered, sorted, one a line.
# Files are completed in the current folder.
emulate -L zsh
zmodload zsh/zpty || exit 2
(( $# >= 1 )) || { print -u2 "usage: zshcomp.zsh DIR LINE..."; exit 2 }
dir=${1:A}
shift
log=$(mktemp "${TMPDIR:-/tmp}/zshcomp.XXXXXX") || exit 2
trap 'rm -f -- $log; zpty -d zc 2>/dev/null' EXIT

# The shell under test: no start-up files, no prompt, no listing nor menu
# on TAB (so no "do you wish to see all" question eats the next keys).
# zpty joins its words into one command line that it parses again: the
# log's path is quoted for it, or a TMPDIR holding a blank splits it.
zpty zc env -u ZDOTDIR ZC_LOG=${(q)log} zsh -f -i || exit 2
zpty -w zc "PS1='' PS2='' RPS1='' PROMPT_EOL_MARK=''; unsetopt autolist listambiguous automenu menucomplete; setopt nobeep"
zpty -w zc "fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
# compadd, as a function, sees every word the completion offers: those
# that match are logged (-O), then added as the builtin would.  The calls
# that only ask (-O, -A, -D) go straight to the builtin.
zpty -w zc 'compadd() { if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi; local -a zc_m; builtin compadd -O zc_m "$@"; (( $#zc_m )) && print -rl -- $zc_m >>$ZC_LOG; builtin compadd "$@"; }'
# TAB completes, empties the line and prints a numbered marker, all in
# one widget: the terminal stays in ZLE's raw mode between lines (in the
# line discipline's cooked mode keys typed ahead could be eaten).
zpty -w zc 'zc_n=0; zc-tab() { [[ -n $BUFFER ]] && zle complete-word; BUFFER=; print -n "ZC${zc_n}END:"; (( zc_n++ )); }; zle -N zc-tab; bindkey "^I" zc-tab'
zpty -w -n zc $'\t'
zpty -r zc reply '*ZC0END:*' || exit 2

n=0
for line; do
	n=$((n + 1))
	: >$log
	zpty -w -n zc "$line"$'\t'
	zpty -r zc reply "*ZC${n}END:*" || exit 2
	print -r -- "== $line"
	sort -u -- $log
done
