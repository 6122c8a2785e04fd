#!/bin/sh
# gov-bid explain names each bidder's firm beside its id, where the input
# gives one: a bid's "name" (govkit tender records), a tenderer's "name"
# or that of the release's party of its id (OCDS; a consortium's names
# joined by " + ", in the order of its joined id).  The first name the
# input gives an id is that bidder's in every tender of the case; it is
# masked as ids are, and made printable on a terminal.  Before, explain
# showed ids only (911506215579799299, P-A), and the auditor, who opens
# the case file by firm name, had to look each one up.  score's records,
# and explain's own tender-risk record (--format ndjson), do not change:
# the evidence names bidders by id, as before.
. "$(dirname "$0")/lib.sh"

cat >n.jsonl <<'JSON'
{"type":"tender","tender":"N-1","title":"道路维修","ceiling_price":1000000,"winner":"911506215579799299","bids":[{"bidder":"911506215579799299","name":"通辽市路桥建设有限公司","price":900000,"deposit_account":"a1"},{"bidder":"91150621033577927L","name":"Horqin Road & Bridge Co., Ltd.","price":950000,"deposit_account":"a1"},{"bidder":"C-3","price":990000}]}
{"type":"tender","tender":"N-2","winner":"C-3","bids":[{"bidder":"911506215579799299","name":"通辽市路桥有限公司","price":800000},{"bidder":"C-3","name":"Chen 13812345678","price":700000}]}
JSON
# the same tenders without names
cat >nn.jsonl <<'JSON'
{"type":"tender","tender":"N-1","title":"道路维修","ceiling_price":1000000,"winner":"911506215579799299","bids":[{"bidder":"911506215579799299","price":900000,"deposit_account":"a1"},{"bidder":"91150621033577927L","price":950000,"deposit_account":"a1"},{"bidder":"C-3","price":990000}]}
{"type":"tender","tender":"N-2","winner":"C-3","bids":[{"bidder":"911506215579799299","price":800000},{"bidder":"C-3","price":700000}]}
JSON
cat >o.jsonl <<'JSON'
{"ocid":"ocds-n1","buyer":{"id":"BUY-1","name":"City"},"parties":[{"id":"P-A","name":"甲建设有限公司","roles":["tenderer","supplier"]},{"id":"P-B","name":"Beta Works Ltd","roles":["tenderer"]},{"id":"P-C","name":"丙公司","roles":["tenderer"]}],"tender":{"title":"Bridge","value":{"amount":500000,"currency":"CNY"}},"bids":{"details":[{"status":"valid","tenderers":[{"id":"P-A"}],"value":{"amount":450000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-B","name":"Beta Works"}],"value":{"amount":470000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-C"},{"id":"P-B"}],"value":{"amount":470000,"currency":"CNY"}},{"status":"valid","tenderers":[{"id":"P-D"}],"value":{"amount":480000,"currency":"CNY"}}]},"awards":[{"status":"active","suppliers":[{"id":"P-A","name":"甲建设有限公司"}]}]}
JSON
# the case up to its screens, which no name changes
upto_screens() { printf '%s\n' "$OUT" | sed '/^Screens/,$d;/^筛查指标/,$d'; }
bids_of() { printf '%s\n' "$OUT" | sed -n '/^Bids (/,/^$/p'; }

run gov-bid explain N-1 n.jsonl
is "en: exit 0, nothing on stderr" "$RC|$ERR" "0|"
cat >want <<'EOF'
Tender N-1 "道路维修"
Record: n.jsonl:1
Category: (none)
Currency: (not given)
Ceiling price: 1,000,000.00
Winner: 911506215579799299 (通辽市路桥建设有限公司)

Bids (3, 3 valid with a price), lowest first:
   1. 911506215579799299 (通辽市路桥建设有限公司)                 900,000.00  valid  winner  90.0% of ceiling
   2. 91150621033577927L (Horqin Road & Bridge Co., Ltd.)         950,000.00  valid  95.0% of ceiling
   3. C-3 (Chen 138****5678)                                      990,000.00  valid  99.0% of ceiling

Risk score 70 of 100: high
Why:
  1. [same-deposit-account, weight 0.70] the bids of 911506215579799299 and 91150621033577927L had their deposits paid from the same account: deposit_account = a1
     Art. 40 of the Regulations on the Implementation of the Bidding Law, item (6): bid deposits of different bidders paid from the account of the same unit or person are deemed collusive. Check the deposits' bank transfer records.
     Bids: 1. 911506215579799299 (通辽市路桥建设有限公司) 900,000.00; 2. 91150621033577927L (Horqin Road & Bridge Co., Ltd.) 950,000.00
EOF
is "en: the winner, the bids and the signal's bids with their names" \
	"$(upto_screens)" "$(cat want)"

run gov-bid explain --lang zh N-1 n.jsonl
is "zh: exit 0, nothing on stderr" "$RC|$ERR" "0|"
cat >want <<'EOF'
项目 N-1「道路维修」
记录：n.jsonl:1
类别：（未载明）
币种：（未载明）
最高投标限价：1,000,000.00
中标人：911506215579799299（通辽市路桥建设有限公司）

投标（3份，其中有效报价3份，按报价从低到高）：
   1. 911506215579799299（通辽市路桥建设有限公司）                 900,000.00  有效  中标  限价的90.0%
   2. 91150621033577927L（Horqin Road & Bridge Co., Ltd.）         950,000.00  有效  限价的95.0%
   3. C-3（Chen 138****5678）                                      990,000.00  有效  限价的99.0%

风险评分：70分（满分100），等级：高
依据：
  1. [same-deposit-account，权重0.70] 911506215579799299和91150621033577927L的投标保证金从同一账户转出：a1（deposit_account）
     《招标投标法实施条例》第四十条第（六）项：不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标。请调取投标保证金的银行转账记录核实。
     所涉投标：第1份 911506215579799299（通辽市路桥建设有限公司），报价900,000.00；第2份 91150621033577927L（Horqin Road & Bridge Co., Ltd.），报价950,000.00
EOF
is "zh: the names in full-width brackets" "$(upto_screens)" "$(cat want)"

# the first name an id is given counts, in every tender; a phone number
# in a name is masked as in an id
run gov-bid explain N-2 n.jsonl
cat >want <<'EOF'
Bids (2, 2 valid with a price), lowest first:
   1. C-3 (Chen 138****5678)                              700,000.00  valid  winner
   2. 911506215579799299 (通辽市路桥建设有限公司)         800,000.00  valid
EOF
is "an id's first name, a phone number in a name masked" "$(bids_of)" \
	"$(cat want)"
run gov-bid explain --no-mask N-2 n.jsonl
is "--no-mask: the name whole" \
	"$(printf '%s\n' "$OUT" | grep -F '   1. C-3')" \
	"   1. C-3 (Chen 13812345678)                              700,000.00  valid  winner"

# a name's control characters cannot act on the terminal
printf '{"type":"tender","tender":"E-1","bids":[{"bidder":"A","name":"X\\u001b[2JY","price":1}]}\n' >e.jsonl
run gov-bid explain E-1 e.jsonl
is "a name made printable" "$(printf '%s\n' "$OUT" | grep -F '   1. A')" \
	"   1. A (X [2JY)                             1.00  valid"

run gov-bid explain --from ocds ocds-n1 o.jsonl
is "OCDS en: exit 0" "$RC" 0
cat >want <<'EOF'
Tender ocds-n1 "Bridge"
Record: o.jsonl:1
Buyer: BUY-1
Category: (none)
Currency: CNY
Ceiling price: 500,000.00
Winner: P-A (甲建设有限公司)

Bids (4, 4 valid with a price), lowest first:
   1. P-A (甲建设有限公司)                      450,000.00  valid  winner  90.0% of ceiling
   2. P-B (Beta Works)                          470,000.00  valid  94.0% of ceiling
   3. P-B+P-C (Beta Works Ltd + 丙公司)         470,000.00  valid  94.0% of ceiling
   4. P-D                                       480,000.00  valid  96.0% of ceiling

Risk score 40 of 100: medium
Why:
  1. [R028, weight 0.30] P-B and P-C submitted identical prices (Cardinal R028)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 2. P-B (Beta Works) 470,000.00; 3. P-B+P-C (Beta Works Ltd + 丙公司) 470,000.00
  2. [R024, weight 0.10] the second-lowest bid is only 4.444% above the winning bid, at or below the fence 4.444% (Cardinal R024)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 1. P-A (甲建设有限公司) 450,000.00; 2. P-B (Beta Works) 470,000.00
  3. [R058, weight 0.05] the second-lowest bid is 4.444% above the winning bid, at or above the fence 4.444% (Cardinal R058)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 1. P-A (甲建设有限公司) 450,000.00
Notes:
  - consortium bids scored as one bidder (ids joined by '+')
EOF
is "OCDS en: parties' names, a tenderer's own, a consortium's" \
	"$(upto_screens)" "$(cat want)"
run gov-bid explain --from ocds --lang zh ocds-n1 o.jsonl
is "OCDS zh: exit 0" "$RC" 0
cat >want <<'EOF'
项目 ocds-n1「Bridge」
记录：o.jsonl:1
采购人：BUY-1
类别：（未载明）
币种：CNY
最高投标限价：500,000.00
中标人：P-A（甲建设有限公司）

投标（4份，其中有效报价4份，按报价从低到高）：
   1. P-A（甲建设有限公司）                      450,000.00  有效  中标  限价的90.0%
   2. P-B（Beta Works）                          470,000.00  有效  限价的94.0%
   3. P-B+P-C（Beta Works Ltd + 丙公司）         470,000.00  有效  限价的94.0%
   4. P-D                                        480,000.00  有效  限价的96.0%

风险评分：40分（满分100），等级：中
依据：
  1. [R028，权重0.30] P-B和P-C报价相同（Cardinal R028）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第2份 P-B（Beta Works），报价470,000.00；第3份 P-B+P-C（Beta Works Ltd + 丙公司），报价470,000.00
  2. [R024，权重0.10] 次低价仅比中标价高4.444%，不高于全部项目的下界4.444%（Cardinal R024）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第1份 P-A（甲建设有限公司），报价450,000.00；第2份 P-B（Beta Works），报价470,000.00
  3. [R058，权重0.05] 次低价比中标价高4.444%，不低于全部项目的上界4.444%（Cardinal R058）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第1份 P-A（甲建设有限公司），报价450,000.00
说明：
  - 联合体投标按一个投标人计（成员代码以“+”相连）
EOF
is "OCDS zh: the same names" "$(upto_screens)" "$(cat want)"

# without names: as before, the ids alone in a column of 24
run gov-bid explain N-1 nn.jsonl
cat >want <<'EOF'
Tender N-1 "道路维修"
Record: nn.jsonl:1
Category: (none)
Currency: (not given)
Ceiling price: 1,000,000.00
Winner: 911506215579799299

Bids (3, 3 valid with a price), lowest first:
   1. 911506215579799299               900,000.00  valid  winner  90.0% of ceiling
   2. 91150621033577927L               950,000.00  valid  95.0% of ceiling
   3. C-3                              990,000.00  valid  99.0% of ceiling

Risk score 70 of 100: high
Why:
  1. [same-deposit-account, weight 0.70] the bids of 911506215579799299 and 91150621033577927L had their deposits paid from the same account: deposit_account = a1
     Art. 40 of the Regulations on the Implementation of the Bidding Law, item (6): bid deposits of different bidders paid from the account of the same unit or person are deemed collusive. Check the deposits' bank transfer records.
     Bids: 1. 911506215579799299 900,000.00; 2. 91150621033577927L 950,000.00
EOF
is "no names: the ids alone" "$(upto_screens)" "$(cat want)"
run gov-bid explain --lang zh N-1 nn.jsonl
cat >want <<'EOF'
项目 N-1「道路维修」
记录：nn.jsonl:1
类别：（未载明）
币种：（未载明）
最高投标限价：1,000,000.00
中标人：911506215579799299

投标（3份，其中有效报价3份，按报价从低到高）：
   1. 911506215579799299               900,000.00  有效  中标  限价的90.0%
   2. 91150621033577927L               950,000.00  有效  限价的95.0%
   3. C-3                              990,000.00  有效  限价的99.0%

风险评分：70分（满分100），等级：高
依据：
  1. [same-deposit-account，权重0.70] 911506215579799299和91150621033577927L的投标保证金从同一账户转出：a1（deposit_account）
     《招标投标法实施条例》第四十条第（六）项：不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标。请调取投标保证金的银行转账记录核实。
     所涉投标：第1份 911506215579799299，报价900,000.00；第2份 91150621033577927L，报价950,000.00
EOF
is "no names, zh: the ids alone" "$(upto_screens)" "$(cat want)"

# the records do not change: score's, and explain's tender-risk
run gov-bid score n.jsonl
printf '%s\n' "$OUT" >named.out
run gov-bid score nn.jsonl
is "score: the same records with names and without" \
	"$(cat named.out)" "$OUT"
run gov-bid explain --format ndjson N-1 n.jsonl
printf '%s\n' "$OUT" >named.out
run gov-bid explain --format ndjson N-1 nn.jsonl
is "explain --format ndjson: the same tender-risk record" \
	"$(cat named.out)" "$OUT"
done_testing
