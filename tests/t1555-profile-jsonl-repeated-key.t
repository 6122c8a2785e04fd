#!/bin/sh
# gov-profile: a JSON Lines key written twice in one record
# ({"v":1,"v":500}) counts once, by its last value, as gov-check validates
# it and pandas reads it, where the profile counted the first: the draft
# then said maximum 10 and gov-check with it failed the 500 it had not
# seen.
. "$(dirname "$0")/lib.sh"

printf '{"id":1,"v":1,"v":500}\n{"id":2,"v":7}\n' >r.jsonl
run gov-profile --format ndjson r.jsonl
is "repeated key: exit 0" "$RC" 0
like "repeated key: the last value counted" "$OUT" '\{"name":"v","type":"integer","format":null,"nulls":0,"distinct":2,"distinct_exact":true,"min":7,"max":500,"mean":253.5,"min_length":1,"max_length":3,"top":\[\{"value":"500","count":1\},\{"value":"7","count":1\}\]\}'
run gov-profile --schema --format ndjson r.jsonl
is "repeated key: the draft" "$OUT" '{"fields":[{"name":"id","type":"integer","constraints":{"required":true,"minimum":0,"maximum":10}},{"name":"v","type":"integer","constraints":{"required":true,"minimum":0,"maximum":1000}}],"missingValues":[""],"primaryKey":["id"]}'
printf '%s\n' "$OUT" >r.schema.json
run gov-check -s r.schema.json --format ndjson r.jsonl
is "gov-check with the draft: exit 0" "$RC" 0
like "gov-check with the draft: no finding" "$OUT" '"findings":0,'

# A first value of another kind does not make the column "any"; the
# fields keep the order their keys first come in; a key whose last value
# is empty is no value, and a record with no other value is blank.
printf '{"b":"n/a","a":2,"b":3}\n{"b":4,"a":5}\n{"a":"x","a":""}\n' >o.jsonl
run gov-profile --format ndjson o.jsonl
is "repeated key: exit 0 (2)" "$RC" 0
like "repeated key: fields in order, the last values" "$OUT" '"rows":3,"blank_rows":1,"fields":\[\{"name":"b","type":"integer","format":null,"nulls":0,"distinct":2,.*"min":3,"max":4,.*\{"name":"a","type":"integer","format":null,"nulls":0,"distinct":2,.*"min":2,"max":5,'

done_testing
