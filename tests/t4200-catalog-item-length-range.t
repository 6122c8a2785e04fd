#!/bin/sh
# gov-catalog add: an item's length is kept in catalog_item.length as a
# 64-bit integer when it is one.  A length past that range (1e300, as
# validate reports it) was cast from its double all the same: undefined
# behaviour in C (the sanitizer build's float-cast-overflow report), and
# on x86 -9223372036854775808 in the database.  Such a length is now NULL
# there, as a length that is not a number is; the record keeps it as given.
. "$(dirname "$0")/lib.sh"

cat >big.jsonl <<'JSON'
{"code":"901001001/000001","name":"大长度","items":[{"name":"a","type":"C","length":1e300},{"name":"b","type":"C","length":-1e300},{"name":"c","type":"C","length":18},{"name":"d","type":"C","length":"18"},{"name":"e","type":"N","length":9.3e18},{"name":"f","type":"N","length":9.2e18}]}
JSON

run gov-catalog add big.jsonl
is "add: exit 0" "$RC" 0
is "add: created" "$OUT" '{"type":"change","code":"901001001/000001","action":"created","fields":["code","name","items"]}'
is "add: nothing on stderr" "$ERR" ""
is "lengths past 64 bits are NULL, the others kept" \
	"$(q "SELECT seq || ':' || coalesce(length, 'NULL') FROM catalog_item ORDER BY seq" | tr '\n' ' ')" \
	"1:NULL 2:NULL 3:18 4:NULL 5:NULL 6:9200000000000000000 "
is "the record keeps the length as given" \
	"$(q "SELECT json_extract(record, '\$.length') FROM catalog_item WHERE seq = 1")" "1.0e+300"

run gov-catalog show 901001001/000001
is "show: exit 0" "$RC" 0
like "show: the length as given" "$OUT" '"name":"a","type":"C","length":1e\+300'

done_testing
