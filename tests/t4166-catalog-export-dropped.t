#!/bin/sh
# gov-catalog export: a value of a JSON type its field does not take,
# stored by an earlier build (add and pull refuse it now), is named on
# standard error by each export that leaves it out, once per entry and
# member, and the export, written, exits 1 (as a text cut to Excel's
# limit).  The exports left it out without a word, exit 0.  What each
# writes is as before: the file of an entry with the value is the file
# of the entry without it.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1760486400
mkdir -p "$XDG_CONFIG_HOME/govkit"
printf 'catalog_publisher = 市大数据中心\n' >"$XDG_CONFIG_HOME/govkit/config"
cat >good.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000502","name":"类型","provider":"市局","summary":"s","category":"c","format":"csv","share_type":"unconditional","share_method":"api","update_cycle":"monthly","published":"2025-01-01","items":[{"name":"a","type":"C","length":5},{"name":"t5","type":"C","length":3},{"name":"x","type":"N"}],"related":["101001001/000503","101001001/000504"]}
{"type":"entry","code":"101001001/000503","name":"n","items":[{"name":"a","type":"C"}]}
EOF2
gov-catalog add good.jsonl >/dev/null

# as an earlier build stored them: the entry's record and its items' rows
cp "$GOVKIT_DB" bad.db
sqlite3 bad.db "UPDATE catalog_entry SET record = json_set(record, '\$.name', 5, '\$.summary', json('[\"a\",\"b\"]'), '\$.category', json('{\"a\":1}'), '\$.share_method', json('true'), '\$.related', json('[\"101001001/000503\",7]')) WHERE code = '101001001/000502';
UPDATE catalog_item SET record = json_set(record, '\$.length', json('true')) WHERE code = '101001001/000502' AND seq = 1;
UPDATE catalog_item SET record = json_set(record, '\$.type', 5) WHERE code = '101001001/000502' AND seq = 2;
UPDATE catalog_item SET record = json_set(record, '\$.name', 9) WHERE code = '101001001/000502' AND seq = 3;"

# without FORMAT EXPR...: bad.db with what the export leaves out removed,
# an entry path ('$.name') or an item's ('2 $.type'), as FORMAT.db
without() {
	_f=$1; shift
	cp bad.db "$_f.db"
	for _x in "$@"; do
		case $_x in
		'$'*) sqlite3 "$_f.db" "UPDATE catalog_entry SET record = json_remove(record, '$_x') WHERE code = '101001001/000502'" ;;
		*) sqlite3 "$_f.db" "UPDATE catalog_item SET record = json_remove(record, '${_x#* }') WHERE code = '101001001/000502' AND seq = ${_x%% *}" ;;
		esac
	done
}
W="gov-catalog: export: entry 101001001/000502:"

run gov-catalog --db bad.db export --format ckan
is "ckan: the text fields named, exit 1" "$RC:$ERR" \
"1:$W name is a number, not text: left out of the CKAN package
$W summary is a list, not text: left out of the CKAN package
$W category is an object, not text: left out of the CKAN package
$W share_method is true or false, not text: left out of the CKAN package"
printf '%s\n' "$OUT" >bad.ckan
without ckan '$.name' '$.summary' '$.category' '$.share_method'
gov-catalog --db ckan.db export --format ckan >ckan.out 2>&1
same_file "ckan: the packages of the entry without them" bad.ckan ckan.out

run gov-catalog --db bad.db export --format dcat
is "dcat: what it carries named, exit 1" "$RC:$ERR" \
"1:$W name is a number, not text: left out of the DCAT catalog
$W summary is a list, not text: left out of the DCAT catalog
$W category is an object, not text: left out of the DCAT catalog
$W related[2] is a number, not a code (text): left out of the DCAT catalog"
printf '%s\n' "$OUT" >bad.dcat
without dcat '$.name' '$.summary' '$.category' '$.related[1]'
gov-catalog --db dcat.db export --format dcat >dcat.out 2>&1
same_file "dcat: the catalog of the entry without them" bad.dcat dcat.out

run gov-catalog --db bad.db export --format datapackage
is "datapackage: what it carries named, exit 1" "$RC:$ERR" \
"1:$W name is a number, not text: left out of the Data Package
$W summary is a list, not text: left out of the Data Package
$W items[1].length is true or false, not a number or text: left out of the Data Package
$W items[2].type is a number, not text: left out of the Data Package
$W items[3].name is a number, not text: left out of the Data Package"
printf '%s\n' "$OUT" >bad.datapackage
without datapackage '$.name' '$.summary' '1 $.length' '2 $.type' '3 $.name'
gov-catalog --db datapackage.db export --format datapackage >datapackage.out 2>&1
same_file "datapackage: the package of the entry without them" \
	bad.datapackage datapackage.out

run gov-catalog --db bad.db export --format xlsx -o bad.xlsx
is "xlsx: what the workbook loses named, exit 1" "$RC:$OUT:$ERR" \
"1::$W category is an object, not text: left out of the workbook
$W items[1].length is true or false, not a number or text: left out of the workbook
$W items[2].type is a number, not text: left out of the workbook
$W items[3].name is a number, not text: left out of the workbook"
without xlsx '$.category' '1 $.length' '2 $.type' '3 $.name'
run gov-catalog --db xlsx.db export --format xlsx -o xlsx.xlsx
is "xlsx: without them, exit 0" "$RC:$OUT:$ERR" "0::"
same_file "xlsx: the workbook of the entry without them" bad.xlsx xlsx.xlsx
is "xlsx: the number, true and the list written as before" \
	"$(gov-records --no-mask bad.xlsx | head -1 | grep -o '"信息资源名称":"[^"]*"\|"信息资源摘要":"[^"]*"\|"共享方式":"[^"]*"\|"关联资源代码":"[^"]*"' | tr '\n' ' ')" \
	'"信息资源名称":"5" "信息资源摘要":"a; b" "共享方式":"TRUE" "关联资源代码":"101001001/000503; 7" '

run gov-catalog --db bad.db export --format ndjson
is "ndjson: the entry as stored, nothing lost, exit 0" "$RC:$ERR:$(printf '%s\n' "$OUT" | head -1)" \
'0::{"type":"entry","code":"101001001/000502","name":5,"provider":"市局","provider_code":null,"summary":["a","b"],"category":{"a":1},"format":"csv","items":[{"name":"a","type":"C","length":true,"description":null},{"name":"t5","type":5,"length":3,"description":null},{"name":9,"type":"N","description":null}],"share_type":"unconditional","share_condition":null,"share_basis":null,"share_method":true,"open_type":null,"update_cycle":"monthly","published":"2025-01-01","related":["101001001/000503",7]}'

# a catalog of values of the right types: no word, exit 0, as before
for f in ckan dcat datapackage ndjson; do
	run gov-catalog export --format $f
	is "$f: a sound catalog, exit 0" "$RC:$ERR" "0:"
done
run gov-catalog export --format xlsx -o good.xlsx
is "xlsx: a sound catalog, exit 0" "$RC:$ERR" "0:"

done_testing
