#!/bin/sh
# gov-profile takes the first row as the header: in a file without one,
# that row's ID and mobile numbers become field names, and are masked
# there as gov-records masks its keys (a repeated one keeps its column).
. "$(dirname "$0")/lib.sh"

printf '15050219900101123X,张三,13933681148,13933681148\n150502198502023456,李四,13933681149,13933681149\n' > nohdr.csv
run gov-profile --format ndjson nohdr.csv
is "exit 0" "$RC" 0
names=$(printf '%s\n' "$OUT" | py -c '
import json, sys
for f in json.loads(sys.stdin.readline())["fields"]:
    print(f["name"], f.get("header"))')
is "names masked, the repeated one too" "$names" \
'150502********123X None
张三 None
139****1148 None
139****1148_4 139****1148'
unlike "no number whole" "$OUT" '15050219900101123X|13933681148'

run gov-profile --format text nohdr.csv
unlike "text: no number whole" "$OUT" '15050219900101123X|13933681148'
like "text: the masked name" "$OUT" '139\*\*\*\*1148 '

run gov-profile --schema nohdr.csv
unlike "schema draft: no number whole" "$OUT" '15050219900101123X|13933681148'

run gov-profile --format ndjson --no-mask nohdr.csv
like "--no-mask: the names as they are" "$OUT" '"name":"15050219900101123X"'
done_testing
