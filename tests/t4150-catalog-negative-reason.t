#!/bin/sh
# gov-catalog match: a demand that is negative (what is missing is held by
# resources not shared) but also wants an item no resource holds at all.
# The reason said the not-shared resource "holds what is missing", which
# was not so, and never named the item nobody holds: the unit was told to
# seek the legal basis for something the catalog does not have.  Now each
# not-shared resource is said with the items it holds, and the items no
# resource provides are named as a partial match names them.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
printf '%s\n' '{"code":"323001001/000002","name":"档案鉴定销毁记录","provider":"市档案馆","items":[{"name":"销毁清册号","type":"C"}],"share_type":"none","share_basis":"《档案管理违法违纪行为处分规定》"}' |
	gov-catalog add >/dev/null
cat >d.jsonl <<'EOF'
{"type":"demand","id":"N-1","unit":"市委政法委","need":"档案与企业信息","items":["档号","企业名称","不存在项","档号","销毁清册号","也没有"]}
{"type":"demand","id":"N-2","unit":"市委政法委","need":"档案","items":["档号","题名"]}
EOF
gov-catalog demand add d.jsonl >/dev/null

run gov-catalog match N-1
is "negative: status" "$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["status"])')" negative
is "negative: each not-shared resource with what it holds, then what nothing holds" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["reason"])')" \
	"partly met; only '323001001/000001' (未开放档案目录, 市档案馆) holds 档号, not shared: 《中华人民共和国档案法》第二十七条：档案自形成之日起满二十五年向社会开放，涉及国家安全或者重大利益的可以延期开放; '323001001/000002' (档案鉴定销毁记录, 市档案馆) holds 销毁清册号, not shared: 《档案管理违法违纪行为处分规定》; no resource in the catalog provides 不存在项, 也没有"
is "negative: the missing items" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["missing"])')" \
	"['档号', '不存在项', '档号', '销毁清册号', '也没有']"

# One not-shared resource holding all that is missing: said as before.
run gov-catalog match N-2
like "one resource holds all that is missing" "$OUT" \
	"\"reason\":\"only '323001001/000001' \\(未开放档案目录, 市档案馆\\) holds what is missing, not shared: 《中华人民共和国档案法》第二十七条：[^\"]*延期开放\"\\}"

done_testing
