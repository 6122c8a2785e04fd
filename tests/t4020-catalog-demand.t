#!/bin/sh
# gov-catalog demand, match, lists: the demand list matched against the
# catalog by resource and by information items, and the three lists.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
run gov-catalog demand add --user wang "$S/demands.jsonl"
is "demand add: exit 0" "$RC" 0
is "demand add: six created" "$(printf '%s\n' "$OUT" | grep -c '"action":"created"')" 6

run gov-catalog match
is "match: exit 0" "$RC" 0
printf '%s\n' "$OUT" >match.jsonl
same_file "match: every demand with status and reason" match.jsonl "$(expected catalog-match.jsonl)"
status_of() { printf '%s\n' "$OUT" | grep "\"demand\":\"$1\"" | py -c 'import json,sys; r=json.load(sys.stdin); print(r["status"])'; }
is "by items, unconditional: satisfied" "$(status_of XQ-2025-001)" satisfied
is "by items, conditional entry: conditional" "$(status_of XQ-2025-002)" conditional
is "only a not-shared entry: negative" "$(status_of XQ-2025-003)" negative
is "one item nowhere: partial" "$(status_of XQ-2025-004)" partial
is "nothing in the catalog: unsatisfied" "$(status_of XQ-2025-005)" unsatisfied
is "by resource code: satisfied" "$(status_of XQ-2025-006)" satisfied
like "negative: the reason gives the legal basis" "$OUT" '"reason":"only .323001001/000001. \(未开放档案目录, 市档案馆\) holds what is missing, not shared: 《中华人民共和国档案法》第二十七条'
like "unsatisfied: the reason" "$OUT" "\"reason\":\"resource '跨境电商进出口数据' is not in the catalog\""

run gov-catalog match XQ-2025-004
is "match one demand" "$(printf '%s\n' "$OUT" | wc -l)" 1
like "partial: names what is missing" "$OUT" '"missing":\["月用电量"\],"reason":"no resource in the catalog provides 月用电量"'

run gov-catalog --format text match XQ-2025-004
is "match: text form" "$OUT" "XQ-2025-004	市发展改革委	partial	no resource in the catalog provides 月用电量"

run gov-catalog lists
is "lists: exit 0" "$RC" 0
printf '%s\n' "$OUT" >lists.jsonl
same_file "lists: responsibility, demand, negative" lists.jsonl "$(expected catalog-lists.jsonl)"
is "lists: 13 responsibility records" "$(grep -c '"type":"responsibility"' lists.jsonl)" 13
is "lists: 6 demand records" "$(grep -c '"type":"demand"' lists.jsonl)" 6
is "lists: the negative list" "$(grep '"type":"negative"' lists.jsonl)" '{"type":"negative","code":"323001001/000001","name":"未开放档案目录","provider":"市档案馆","provider_code":"111505001150501121","share_basis":"《中华人民共和国档案法》第二十七条：档案自形成之日起满二十五年向社会开放，涉及国家安全或者重大利益的可以延期开放"}'

run gov-catalog demand list
is "demand list: same as the demand list of lists" "$OUT" "$(grep '"type":"demand"' lists.jsonl)"
run gov-catalog --format text demand list
is "demand list, text: the items by name" \
	"$(printf '%s\n' "$OUT" | sed -n '/^id: *XQ-2025-001$/,/^basis:/p' | grep '^  - ')" \
	"  - 统一社会信用代码
  - 企业名称
  - 经营状态"

# A second entry of the same provider joins its responsibility record.
printf '%s\n' '{"code":"323001001/000002","name":"开放档案目录","provider":"市档案馆","provider_code":"111505001150501121","share_type":"unconditional","share_method":"file","update_cycle":"yearly"}' | gov-catalog add >/dev/null
run gov-catalog lists
like "responsibility: both resources of a unit" "$OUT" '"provider":"市档案馆","provider_code":"111505001150501121","count":2,'

# A demand without id gets the next free one; without unit it is refused.
printf '%s\n' '{"unit":"市教育局","need":"学生资助对象户籍","items":["公民身份号码"]}' '{"need":"无单位"}' >d2.jsonl
run gov-catalog demand add d2.jsonl
is "demand without unit: exit 1" "$RC" 1
is "demand without unit: message" "$ERR" "gov-catalog: d2.jsonl:2: a demand needs its unit and need"
is "demand without id: numbered" "$OUT" '{"type":"change","demand":"D-0007","action":"created"}'
run gov-catalog history D-0007
like "demand history" "$OUT" '^\{"type":"history","demand":"D-0007","seq":[0-9]+,"action":"created","who":"[^"]+","at":"[^"]+","changes":\{"id":\{"from":null,"to":"D-0007"\}'

# Updating a demand is audited too.
printf '%s\n' '{"id":"XQ-2025-004","unit":"市发展改革委","need":"企业用电量","items":["统一社会信用代码"]}' >d3.jsonl
run gov-catalog demand add --user li d3.jsonl
is "demand update" "$OUT" '{"type":"change","demand":"XQ-2025-004","action":"updated"}'
run gov-catalog match XQ-2025-004
like "updated demand now satisfied" "$OUT" '"status":"satisfied"'
run gov-catalog history XQ-2025-004
like "demand history: who changed it" "$(printf '%s\n' "$OUT" | sed -n 2p)" '"action":"updated","who":"li"'

run gov-catalog demand
is "demand without subcommand: exit 2" "$RC" 2
run gov-catalog demand frob
is "demand frob: exit 2" "$RC" 2

done_testing
