#!/bin/sh
# The zsh completions, run in zsh: tests/zshcomp.zsh types each line below
# into an interactive zsh (compinit, completions/zsh on fpath), presses
# TAB and reads the words offered.  Every tool: its subcommands, its
# options before and after a subcommand or a file, the files an option or
# an operand takes, the values of an enumerated option (--opt VALUE and
# --opt=VALUE, as getopt_long takes both).
. "$(dirname "$0")/lib.sh"

if ! command -v zsh >/dev/null 2>&1; then
	fail "zsh is installed (scripts/install-deps)"
	done_testing
fi

# The folder files are completed in: one of each kind the tools read.
mkdir files files/sub
cd files || exit 1
touch a.csv b.json c.jsonl d.txt e.xlsx f.pem

# help_opts TOOL: the long options of TOOL --help, sorted
help_opts() { "$1" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# Each case: LINE|WORDS, the words offered (sorted as sort(1) does in
# LC_ALL=C) when TAB is pressed at the end of LINE; @help stands for the
# long options of the tool's --help.
ALL='a.csv b.json c.jsonl d.txt e.xlsx f.pem sub'
DATA='a.csv c.jsonl d.txt e.xlsx sub'
JSONL='b.json c.jsonl sub'
JSON='b.json sub'
DELIM=', ; tab |'
ENC='gb18030 gbk utf-16 utf-16be utf-16le utf-32be utf-32le utf-8'
cases="gov-bid |explain groups score
gov-bid --lang en |explain groups score
gov-bid --|@help
gov-bid score --|@help
gov-bid explain --|@help
gov-bid score --lang |en zh
gov-bid groups --format=|ndjson text
gov-bid score --min-level |high low medium
gov-bid score --from=|govkit ocds
gov-bid score -c |$ALL
gov-bid score -o |$ALL
gov-bid score |$JSONL
gov-bid score --no-pairs |$JSONL
gov-bid explain |
gov-bid explain T1 |$JSONL
gov-catalog |add demand describe export history list lists match pull push show validate
gov-catalog --db x.db |add demand describe export history list lists match pull push show validate
gov-catalog --|@help
gov-catalog list --|@help
gov-catalog export --format |ckan datapackage dcat ndjson text xlsx
gov-catalog --format=|ckan datapackage dcat ndjson text xlsx
gov-catalog list --share-type=|conditional none unconditional
gov-catalog list --update-cycle |daily irregular monthly quarterly realtime weekly yearly
gov-catalog describe -d |$DELIM
gov-catalog describe --encoding=|$ENC
gov-catalog describe |$DATA
gov-catalog describe --header-row 2 |$DATA
gov-catalog demand |add list
gov-catalog --user me demand |add list
gov-catalog add |$JSONL
gov-catalog --db |$ALL
gov-catalog push --cacert |$ALL
gov-check |$DATA
gov-check --|@help
gov-check a.csv --|@help
gov-check -s |$JSON
gov-check --schema=|$JSON
gov-check -sb|b.json
gov-check --format=|ndjson text
gov-check -d |$DELIM
gov-check --encoding=|$ENC
gov-check --skip=min|min-length minimum
gov-check --skip=type,f|foreign-key format freshness
gov-check --ref users=|$ALL
gov-check --ref=users=b|b.json
gov-check --db |$ALL
gov-check -o |$ALL
gov-license |canon keygen revoke sign sync verify
gov-license verify --|--cache-ttl --db --format --help --jobs --no-mask --online --output --today --trust --version --warn-days
gov-license sign --|--db --format --help --key --key-id --output --version
gov-license keygen --alg |ed25519 sm2
gov-license keygen --alg=|ed25519 sm2
gov-license verify --format=|ndjson text
gov-license sign --key |f.pem sub
gov-license sign --key=|f.pem sub
gov-license verify --trust |- $JSON
gov-license verify --trust=|- $JSON
gov-license verify |$JSONL
gov-license canon |$JSONL
gov-license verify -o |$ALL
gov-profile |$DATA
gov-profile --|@help
gov-profile a.csv --|@help
gov-profile --format=|ndjson text
gov-profile -d |$DELIM
gov-profile --encoding |$ENC
gov-profile -o |$ALL
gov-records |a.csv d.txt e.xlsx sub
gov-records --|@help
gov-records a.csv --|@help
gov-records -s |$JSON
gov-records --format=|ndjson text
gov-records -d |$DELIM
gov-records --encoding=|$ENC
gov-report |add history missing plan quarter status template
gov-report --db x.db |add history missing plan quarter status template
gov-report --|@help
gov-report add --|@help
gov-report quarter --|@help
gov-report add |$JSONL
gov-report --format |md ndjson text
gov-report status --format=|md ndjson text
gov-report quarter --lang |en zh
gov-report template --quarter=|current previous
gov-report plan |load
gov-report plan load |$JSON
gov-report --plan p1 plan load |$JSON
gov-report quarter |current previous
gov-report -o |$ALL
gov-report history --db |$ALL
gov-submit |$JSONL
gov-submit --|@help
gov-submit b.json --|@help
gov-submit -e |catalog findings licenses profiles progress risks verdicts
gov-submit --endpoint=|catalog findings licenses profiles progress risks verdicts
gov-submit --cacert |f.pem sub
gov-submit --format=|ndjson text
gov-submit --db |$ALL
gov-xlsx |$JSONL
gov-xlsx --|@help
gov-xlsx b.json --|@help
gov-xlsx -o |e.xlsx sub
gov-xlsx --output=|e.xlsx sub
gov-xlsx -oe|e.xlsx
gov-xlsx --type=tender|tender tender-risk
gov-xlsx -t fin|finding
gov-xlsx -l |$JSON"

# One zsh for every case: the lines as arguments; its answer, for each
# line in turn, "== LINE" and the words, made one "LINE|WORD WORD ..." line.
printf '%s\n' "$cases" >"$SCRATCH/cases"
sed 's/|.*//' "$SCRATCH/cases" >"$SCRATCH/lines"
(
	set --
	while IFS= read -r l; do set -- "$@" "$l"; done <"$SCRATCH/lines"
	LC_ALL=C timeout 60 zsh -f "$T_DIR/zshcomp.zsh" "$T_TOP/completions/zsh" "$@"
) | awk '/^== / { if (n++) printf "\n"; printf "%s|", substr($0, 4); sep = ""; next }
	{ printf "%s%s", sep, $0; sep = " " }
	END { if (n) printf "\n" }' >"$SCRATCH/got"
is "zshcomp.zsh answered every line" "$(sed 's/|.*//' "$SCRATCH/got")" \
	"$(cat "$SCRATCH/lines")"

i=0
while IFS= read -r c; do
	i=$((i + 1))
	line=${c%%|*}
	want=${c#*|}
	[ "$want" = @help ] && want=$(help_opts "${line%% *}")
	have=$(sed -n "${i}s/^[^|]*|//p" "$SCRATCH/got")
	is "zsh: '$line<TAB>' offers: $want" "$have" "$want"
done <"$SCRATCH/cases"
done_testing
