#!/bin/sh
# The text form is for a terminal: text from the data (a cell, a name, a
# title, a reason, a license number) reaches it with every control
# character a space, and so do the messages on standard error.  An escape sequence in a bidder's name cannot clear
# the officer's screen or retitle the window, a line break in a title
# cannot make a line of its own, a tab cannot shift a column.  The ndjson
# form keeps the text exact.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/server.sh"

# The text planted everywhere: CSI clear screen, a line break, a tab, an
# OSC window title ended by BEL, DEL, and CSI as a C1 character (U+009B).
BAD='a\033[2Jb\nc\td\033]0;owned\007e\177f\302\2332Jg'
bad() { printf "$BAD"; }
# what the text form shows for it: each control character a space
SHOWN='a [2Jb c d ]0;owned e f 2Jg'
SHOWN_RE='a \[2Jb c d \]0;owned e f 2Jg' # the same as a regular expression

# controls FILE: the control bytes in FILE other than line feeds (and
# tabs, which some text forms put between columns), C1 ones too.
controls() {
	py -c '
import re, sys
data = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", data)))' "$1"
}

# --- gov-check: the VALUE column and the message
{ printf 'id,name\n1,"'; bad; printf '"\n'; } >c.csv
printf '{"fields":[{"name":"id","type":"integer"},{"name":"name","type":"string","constraints":{"maxLength":2}}]}' >c.json
gov-check -s c.json --format text c.csv >check.txt
is "gov-check text: no control character" "$(controls check.txt)" 0
is "gov-check text: the finding on one line, its value cut to the column" \
	"$(sed -n 3p check.txt)" \
	"     2    2  name             max-length       error   a [2Jb c d ]0;owned e… length 27, maximum 2"
gov-check -s c.json --format ndjson c.csv >check.ndjson
like "gov-check ndjson: the value exact (DEL and CSI are valid JSON)" \
	"$(head -1 check.ndjson)" \
	"\"value\":\"a\\\\u001b\\[2Jb\\\\nc\\\\td\\\\u001b\\]0;owned\\\\u0007e$(printf '\177')f$(printf '\302\233')2Jg\""

# --- a message on standard error that quotes the data: one line
{ printf 'n\n"1'; bad; printf '"\n'; } >n.csv
printf '{"fields":[{"name":"n","type":"integer"}]}' >n.json
gov-records -s n.json n.csv >records.ndjson 2>records.err
is "gov-records' warning: no control character" "$(controls records.err)" 0
is "gov-records' warning: one line, the value shown with spaces" \
	"$(cat records.err)" \
	"gov-records: n.csv:2: value '1$SHOWN' of 'n' is not of its type, kept as text"

# --- gov-records' text form: a key (a header cell) and a value
{ printf '"k'; bad; printf '",n\n"'; bad; printf '",1\n'; } >r.csv
gov-records --format text r.csv >records.txt
is "gov-records text: no control character" "$(controls records.txt)" 0
is "gov-records text: key and value with spaces, keys aligned" "$(cat records.txt)" \
"r.csv:2
  k$SHOWN  $SHOWN
  n                             1"

# --- gov-profile: the cells of its table
{ printf 'name,n\n"'; bad; printf '",1\n'; } >p.csv
gov-profile --format text p.csv >profile.txt
is "gov-profile text: no control character" "$(controls profile.txt)" 0
is "gov-profile text: one line per field" "$(wc -l <profile.txt)" 4
like "gov-profile text: the value shown with spaces" "$(sed -n 3p profile.txt)" \
	"a \[2Jb c d ]0;owned e f 2Jg \(1\)$"

# --- gov-license: a verdict's license number, a revocation's reason
export GOVKIT_DB="$SCRATCH/lic.db"
py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
print(json.dumps({"type": "license", "license_no": "L-" + bad, "license_type": "x"}))' "$BAD" >l.jsonl
gov-license verify --format text --today 2026-01-01 l.jsonl >verify.txt
is "gov-license verify text: no control character" "$(controls verify.txt)" 0
is "gov-license verify text: the license number shown with spaces" \
	"$(head -1 verify.txt)" "L-$SHOWN: invalid"
gov-license revoke L-1 --reason "$(bad)" --date 2026-01-02 --format text >revoke.txt
is "gov-license revoke text: no control character" "$(controls revoke.txt)" 0
is "gov-license revoke text: the reason shown with spaces" "$(cat revoke.txt)" \
	"L-1 revoked 2026-01-02 (local): $SHOWN"
gov-license revoke --list --format text >list.txt
is "gov-license revoke --list text: the same" "$(cat list.txt)" \
	"L-1 revoked 2026-01-02 (local): $SHOWN"
# a right-to-left override would show the rest of the line reversed
gov-license revoke L-2 --reason "$(printf 'paid \342\200\256 0001')" --date 2026-01-02 --format text >rlo.txt
is "gov-license revoke text: a bidirectional override a space" "$(cat rlo.txt)" \
	"L-2 revoked 2026-01-02 (local): paid   0001"
gov-license revoke --list --format ndjson >list.ndjson
like "gov-license revoke --list ndjson: the reason exact" "$(cat list.ndjson)" \
	'"reason":"a\\u001b\[2Jb\\nc\\td'
# the register's revocation: its revoked_at, kept as sent when it is no
# date, was printed raw in the text list
server_start
server_control "$(py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
print(json.dumps({"revocations": [{"license_no": "L-2", "revoked_at": "2026-01-03" + bad,
                                   "reason": "r"}]}))' "$BAD")"
gov-license sync --format text >sync.txt 2>sync.err
gov-license revoke --list --format text >list2.txt
server_stop
is "gov-license revoke --list text, a register's bad date: no control character" \
	"$(controls list2.txt)" 0
is "... its date shown with spaces, one line" "$(grep '^L-2 ' list2.txt)" \
	"L-2 revoked 2026-01-03$SHOWN (sync): r"

# --- gov-submit --status: a rejected record is shown as JSON, in which DEL
# and C1 controls stay as they are
export GOVKIT_DB="$SCRATCH/submit.db"
py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
print(json.dumps({"type": "finding", "value": "v" + bad, "_reject": "no"}))' "$BAD" >rej.jsonl
server_start
gov-submit rej.jsonl >/dev/null 2>&1
server_stop
gov-submit --status --format text >status.txt
is "gov-submit --status text: no control character" "$(controls status.txt)" 0
like "gov-submit --status text: the record on one line, escaped or spaces" \
	"$(grep '"value"' status.txt)" \
	'^    \{"type":"finding","value":"va\\u001b\[2Jb\\nc\\td\\u001b\]0;owned\\u0007e f 2Jg"'

# --- gov-catalog: list (tab-separated), show, history
export GOVKIT_DB="$SCRATCH/cat.db"
py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
e = json.loads(open(sys.argv[2]).readline())
e["name"] = bad
print(json.dumps(e, ensure_ascii=False))' "$BAD" "$T_TOP/samples/catalog/entries.jsonl" >e.jsonl
gov-catalog add --format text e.jsonl >add.txt
is "gov-catalog add text: no control character" "$(controls add.txt)" 0
code=$(py -c 'import json; print(json.loads(open("e.jsonl").readline())["code"])')
gov-catalog list --format text >clist.txt
is "gov-catalog list text: no control character" "$(controls clist.txt)" 0
is "gov-catalog list text: one line, five columns" \
	"$(awk -F '\t' '{ print NR, NF, $2 }' clist.txt)" "1 5 $SHOWN"
gov-catalog show "$code" --format text >show.txt
is "gov-catalog show text: no control character" "$(controls show.txt)" 0
is "gov-catalog show text: the name on its line" "$(grep '^name:' show.txt)" \
	"name:            $SHOWN"
gov-catalog history "$code" --format text >history.txt
is "gov-catalog history text: no control character" "$(controls history.txt)" 0
is "gov-catalog history text: one line" "$(wc -l <history.txt)" 1

# --- gov-report: the plan's titles and names in status, quarter, missing
export GOVKIT_DB="$SCRATCH/report.db"
py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
p = json.load(open(sys.argv[2]))
p["plan"]["title"] = "P" + bad
p["tasks"][0]["title"] = "T" + bad
p["tasks"][0]["milestones"][0]["target"] = "M" + bad
p["units"][0]["name"] = "U" + bad
json.dump(p, open("plan.json", "w"), ensure_ascii=False)' "$BAD" "$(expected report-mini-plan.json)"
R="gov-report --today $T_TODAY --lang en"
$R plan load plan.json --format text >load.txt
is "gov-report plan load text: no control character" "$(controls load.txt)" 0
$R status --format text >status.txt
is "gov-report status text: no control character" "$(controls status.txt)" 0
is "gov-report status text: the plan's title on the first line" \
	"$(head -1 status.txt)" "P$SHOWN: 2025 Q4"
like "gov-report status text: the task's title at the end of its line" \
	"$(cat status.txt)" "  T$SHOWN
"
like "gov-report status text: the milestone's target" "$(cat status.txt)" \
	" M$SHOWN
"
$R quarter 2025Q3 --format text >quarter.txt
is "gov-report quarter text: no control character" "$(controls quarter.txt)" 0
like "gov-report quarter text: the unit's name" "$(cat quarter.txt)" \
	"missing U$SHOWN_RE \\(a\\):"
$R quarter 2025Q3 --format md >quarter.md
is "gov-report quarter md: no control character" "$(controls quarter.md)" 0
like "gov-report quarter md: the task's title inert, on its row" "$(cat quarter.md)" \
	'^\| 1 \| Ta \\\[2Jb c d \\\]0;owned e f 2Jg \|'  # [ and ] escaped
$R missing 2025Q3 --format text >missing.txt
is "gov-report missing text: no control character" "$(controls missing.txt)" 0
is "gov-report missing text: the plan's title on the first line" \
	"$(head -1 missing.txt)" "P$SHOWN: 2025 Q3"
is "gov-report missing text: one line per unit, after the two of the head" \
	"$(grep -c '^missing ' missing.txt)" "$(sed 1,3d missing.txt | grep -c .)"

# --- gov-bid: score, explain
py -c '
import json, sys
bad = sys.argv[1].encode().decode("unicode_escape").encode("latin-1").decode()
for line in open(sys.argv[2]):
    t = json.loads(line)
    if t.get("type") != "tender":
        continue
    t["tender"] = "T" + bad
    for b in t["bids"]:
        b["bidder"] = "B" + bad + b["bidder"]
        b["doc_author"] = "A" + bad
    t["winner"] = t["bids"][0]["bidder"]
    print(json.dumps(t, ensure_ascii=False))
    break' "$BAD" "$T_TOP/samples/bids/market.jsonl" >b.jsonl
gov-bid score --format text b.jsonl >score.txt
is "gov-bid score text: no control character" "$(controls score.txt)" 0
like "gov-bid score text: the tender on one line" "$(head -1 score.txt)" \
	"^T$SHOWN_RE +[0-9]+ (high|medium|low) .*same-doc-author"
tender=$(py -c 'import json; print(json.loads(open("b.jsonl").readline())["tender"])')
gov-bid explain "$tender" b.jsonl >explain.txt
is "gov-bid explain: found by its exact id, exit 0" "$?" 0
is "gov-bid explain: no control character" "$(controls explain.txt)" 0
like "gov-bid explain: the tender's header" "$(head -1 explain.txt)" \
	"^Tender T$SHOWN_RE "
like "gov-bid explain: the evidence's value" "$(cat explain.txt)" \
	"doc_author = A$SHOWN_RE"
gov-bid explain --format ndjson "$tender" b.jsonl >explain.ndjson
like "gov-bid explain ndjson: the id exact" "$(cat explain.ndjson)" \
	'"tender":"Ta\\u001b\[2Jb\\nc\\td'
done_testing
