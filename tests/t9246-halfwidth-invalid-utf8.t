#!/bin/sh
# utf8_halfwidth: a full-width form is EF BC 81..BF or EF BD 80..9E, the
# third byte a continuation byte.  EF BD followed by an ASCII 'Q' (bytes
# not valid UTF-8) was decoded as the full-width 'ｑ' and the 'Q' eaten
# with it, so gov-report took the argument '2025<EF BD>Q3' for 2025Q3;
# the quarter parser before utf8_halfwidth refused it, as it does again.
. "$(dirname "$0")/lib.sh"

R="gov-report --today $T_TODAY"
run $R plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

bad=$(printf '2025\357\275Q3')
run $R quarter "$bad"
is "EF BD then 'Q3': exit 2" "$RC" 2
is "EF BD then 'Q3': no records" "$OUT" ""
is "EF BD then 'Q3': named" "$ERR" \
	"gov-report: invalid quarter '$bad', expected YYYYQn, 'current' or 'previous'"

bad=$(printf '2025\357\274\3613')
run $R quarter "$bad"
is "EF BC F1 then '3' (F1 no continuation byte): exit 2" "$RC" 2

run $R status --quarter "$(printf '2025\357\275Q3')"
is "status --quarter EF BD then 'Q3': exit 2" "$RC" 2

# The full-width forms themselves are still taken.
run $R quarter 2025Q3
want=$OUT
run $R quarter '２０２５ｑ３'
is "full-width 2025q3: exit 0" "$RC" 0
is "full-width 2025q3: the records of 2025Q3" "$OUT" "$want"

done_testing
