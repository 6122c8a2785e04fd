#!/bin/sh
# gov-report plan load and gov-license sync keep the rule of t9110: when
# their records cannot be written (standard output closed or full, an -o
# file that cannot be written) they store nothing and exit 2, so that the
# re-run a job makes on exit 2 loads the plan or the revocations once and
# prints what it did ("loaded", "new"), not "unchanged" or "new":0 for
# records the user never saw.  A reader that stops reading is no failure.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/t9lib.sh"
. "$T_DIR/server.sh"


# ---- gov-report plan load
R="gov-report --today $T_TODAY"
PLAN=$(expected report-mini-plan.json)
for how in closed full; do
	lost $how $R plan load "$PLAN"
	is "plan load, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "plan load, output $how: said once" "$ERR" "gov-report: $want"
	is "plan load, output $how: no plan stored" "$(q 'SELECT count(*) FROM report_plan')" 0
done
run $R plan load "$PLAN" -o /dev/full
is "plan load -o /dev/full: exit 2" "$RC" 2
is "plan load -o /dev/full: said" "$ERR" \
	"gov-report: unable to write '/dev/full': No space left on device"
is "plan load -o /dev/full: no plan stored" "$(q 'SELECT count(*) FROM report_plan')" 0
run $R plan load "$PLAN"
is "plan load, then: exit 0" "$RC" 0
like "plan load, then: the plan shown loaded, not unchanged" "$OUT" '"plan":"mini".*"state":"loaded"'

# a changed plan whose record is lost: the plan stays as it was
sed 's/测试行动方案/改过的方案/' "$PLAN" >changed.json
before=$(q "SELECT json FROM report_plan WHERE id = 'mini'")
lost full $R plan load changed.json
is "changed plan, output full: exit 2" "$RC" 2
is "changed plan, output full: the plan as it was" \
	"$(q "SELECT json FROM report_plan WHERE id = 'mini'")" "$before"
run $R plan load changed.json
like "changed plan, then: shown updated" "$OUT" '"state":"updated"'

# one run, one transaction: a plan that cannot be loaded loads none
sed 's/"mini"/"other"/' "$PLAN" >other.json
printf '{"plan": ' >broken.json
run $R plan load other.json broken.json
is "a good plan, then a broken one: exit 2" "$RC" 2
is "a good plan, then a broken one: the good one not loaded either" \
	"$(q "SELECT count(*) FROM report_plan WHERE id = 'other'")" 0

# a reader gone away is no failure
{ sleep 0.3; $R plan load other.json 2>pipe.err; echo $? >pipe.rc; } | true
is "plan load | true: exit 0" "$(cat pipe.rc)" 0
is "plan load | true: quiet" "$(cat pipe.err)" ""
is "plan load | true: loaded" "$(q "SELECT count(*) FROM report_plan WHERE id = 'other'")" 1

# ---- gov-license sync
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'http_retries = 0\nhttp_connect_timeout = 2\nhttp_timeout = 5\n' \
	>"$XDG_CONFIG_HOME/govkit/config"
server_start
server_control '{"revocations":[{"license_no":"S-1","revoked_at":"2025-09-02T09:30:00Z","reason":"r1"},{"license_no":"S-2","revoked_at":"2025-09-03T09:30:00Z","reason":"r2"}]}'
for how in closed full; do
	lost $how gov-license sync
	is "sync, output $how: exit 2" "$RC" 2
	eval "want=\$msg_$how"
	is "sync, output $how: said once" "$ERR" "gov-license: $want"
	is "sync, output $how: no revocation stored" "$(q 'SELECT count(*) FROM license_revocation')" 0
	is "sync, output $how: no position stored" "$(q 'SELECT count(*) FROM license_sync')" 0
done
run gov-license sync -o /dev/full
is "sync -o /dev/full: exit 2" "$RC" 2
is "sync -o /dev/full: said" "$ERR" \
	"gov-license: unable to write '/dev/full': No space left on device"
is "sync -o /dev/full: no revocation stored" "$(q 'SELECT count(*) FROM license_revocation')" 0
run gov-license sync
is "sync, then: exit 0" "$RC" 0
is "sync, then: both shown new" "$OUT" \
	'{"type":"sync","received":2,"new":2,"since":null,"until":"2025-09-03T09:30:00Z","asked":null}'

# a position already stored is not moved by a sync whose record is lost
server_control '{"revocations":[{"license_no":"S-3","revoked_at":"2025-09-04T09:30:00Z","reason":"r3"}]}'
lost full gov-license sync
is "second sync, output full: exit 2" "$RC" 2
is "second sync, output full: the position as it was" \
	"$(q 'SELECT since FROM license_sync')" "2025-09-03T09:30:00Z"
is "second sync, output full: S-3 not stored" \
	"$(q "SELECT count(*) FROM license_revocation WHERE license_no = 'S-3'")" 0

{ sleep 0.3; gov-license sync 2>pipe.err; echo $? >pipe.rc; } | true
is "sync | true: exit 0" "$(cat pipe.rc)" 0
is "sync | true: quiet" "$(cat pipe.err)" ""
is "sync | true: S-3 stored" \
	"$(q "SELECT count(*) FROM license_revocation WHERE license_no = 'S-3'")" 1
is "sync | true: the position moved" "$(q 'SELECT since FROM license_sync')" "2025-09-04T09:30:00Z"

done_testing
