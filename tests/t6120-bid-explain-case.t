#!/bin/sh
# gov-bid explain, read as the auditor reads it: each Art. 40 signal cites
# the item of Art. 40 of 招标投标法实施条例 that names its fact (a shared
# document hash is item (4), 投标文件异常一致, not (5), 相互混装), the
# platform's forensics are evidence for item (1), and bids filed moments
# apart are no Art. 40 fact at all.  The case says where its record is
# (file:line); a tender id given twice is named on standard error with
# both lines, by score as by explain, and explain shows every tender of
# that id, not the first alone.  A case in Chinese has its notes in Chinese.
. "$(dirname "$0")/lib.sh"

cat >in.jsonl <<'JSON'
{"type":"tender","tender":"A40","ceiling_price":1000000,"winner":"B1","bids":[{"bidder":"B1","price":900000,"doc_author":"x1","agent":"g1","project_manager":"p1","doc_hash":"h1","deposit_account":"a1","ip":"10.0.0.1","submitted_at":"2024-04-30T10:00:00+08:00"},{"bidder":"B2","price":913457,"doc_author":"x1","agent":"g1","project_manager":"p1","doc_hash":"h1","deposit_account":"a1","ip":"10.0.0.1","submitted_at":"2024-04-30T10:00:05+08:00"},{"bidder":"B3","price":951234,"submitted_at":"2024-04-30T12:00:00+08:00"}]}
JSON
# the line under a signal's evidence: its basis
basis() { printf '%s\n' "$OUT" | grep -A1 -F "[$1" | sed -n '2s/^ *//p'; }

run gov-bid explain --lang zh A40 in.jsonl
is "zh: exit 0" "$RC" 0
is "zh same-doc-author: item (1)" "$(basis same-doc-author)" \
	"《招标投标法实施条例》第四十条第（一）项：不同投标人的投标文件由同一单位或者个人编制的，视为投标人相互串通投标。请调取投标文件属性（制作人、制作机器码）核实。"
is "zh same-agent: item (2)" "$(basis same-agent)" \
	"《招标投标法实施条例》第四十条第（二）项：不同投标人委托同一单位或者个人办理投标事宜的，视为投标人相互串通投标。请调取投标文件中的授权委托书核实。"
is "zh same-project-manager: item (3)" "$(basis same-project-manager)" \
	"《招标投标法实施条例》第四十条第（三）项：不同投标人的投标文件载明的项目管理成员为同一人的，视为投标人相互串通投标。请核实该项目负责人的注册证书和所在单位。"
is "zh same-doc-hash: item (4), abnormally identical" "$(basis same-doc-hash)" \
	"《招标投标法实施条例》第四十条第（四）项：不同投标人的投标文件异常一致的，视为投标人相互串通投标。请比对这些投标文件。"
is "zh same-deposit-account: item (6)" "$(basis same-deposit-account)" \
	"《招标投标法实施条例》第四十条第（六）项：不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标。请调取投标保证金的银行转账记录核实。"
is "zh same-ip: evidence for item (1)" "$(basis same-ip)" \
	"这些投标在电子交易平台留下的痕迹相同，是《招标投标法实施条例》第四十条第（一）项“不同投标人的投标文件由同一单位或者个人编制”的佐证，有此情形的视为投标人相互串通投标。请调取电子交易平台的递交日志核实。"
is "zh close-submission: not an Art. 40 fact" "$(basis close-submission)" \
	"递交时间相近本身不属于《招标投标法实施条例》第四十条所列情形，只是核查线索：请调取电子交易平台的递交日志，核对这些投标的IP地址、MAC地址和CA证书。"

run gov-bid explain A40 in.jsonl
is "en: exit 0" "$RC" 0
is "en same-doc-hash: item (4)" "$(basis same-doc-hash)" \
	"Art. 40 of the Regulations on the Implementation of the Bidding Law, item (4): bid documents of different bidders that are abnormally identical are deemed collusive. Compare these bid documents."
is "en same-deposit-account: item (6)" "$(basis same-deposit-account)" \
	"Art. 40 of the Regulations on the Implementation of the Bidding Law, item (6): bid deposits of different bidders paid from the account of the same unit or person are deemed collusive. Check the deposits' bank transfer records."
is "en close-submission: not an Art. 40 fact" "$(basis close-submission)" \
	"Not a fact of Art. 40 by itself: bids filed moments apart may come from one hand. Check the platform's submission log (IP, MAC address, CA certificate) for these bids."
unlike "en: no signal is said to be deemed collusive by Art. 40 as a whole" "$OUT" \
	'^ *Art\. 40 of the Regulations on the Implementation of the Bidding Law deems'
# where the record is, and an id given twice
cat >dup.jsonl <<'JSON'
{"type":"tender","tender":"T-1","title":"first","winner":"A","bids":[{"bidder":"A","price":900},{"bidder":"B","price":950},{"bidder":"C","price":990}]}
{"type":"tender","tender":"T-2","title":"other","winner":"A","bids":[{"bidder":"A","price":900},{"bidder":"B","price":950}]}
{"type":"tender","tender":"T-1","title":"second","winner":"B","bids":[{"bidder":"A","price":900,"deposit_account":"a1"},{"bidder":"B","price":800,"deposit_account":"a1"}]}
JSON
dup_err="gov-bid: dup.jsonl:3: tender 'T-1' again, first at dup.jsonl:1: each is scored as a tender of its own"
run gov-bid explain A40 in.jsonl
is "explain: the record's file and line" "$(printf '%s\n' "$OUT" | sed -n 2p)" "Record: in.jsonl:1"
run gov-bid explain --lang zh T-2 dup.jsonl
is "explain zh: the record's file and line" "$(printf '%s\n' "$OUT" | sed -n 2p)" "记录：dup.jsonl:2"
is "explain, a unique id: the repeat of another still named" "$ERR" "$dup_err"
is "explain, a unique id: exit 1 all the same (input reported)" "$RC" 1
run gov-bid score --format ndjson --no-pairs --no-parties dup.jsonl
is "score, an id given twice: both lines named" "$ERR" "$dup_err"
is "score, an id given twice: exit 1" "$RC" 1
is "score, an id given twice: both tenders scored" "$(printf '%s\n' "$OUT" | grep -c '"tender":"T-1"')" 2
run gov-bid explain T-1 dup.jsonl
is "explain, an id given twice: both lines named" "$ERR" "$dup_err"
is "explain, an id given twice: exit 1" "$RC" 1
is "explain, an id given twice: both tenders, each with its record" \
	"$(printf '%s\n' "$OUT" | grep -E '^(Tender|Record:|Risk score)')" \
	'Tender T-1 "first"
Record: dup.jsonl:1
Risk score 0 of 100: low
Tender T-1 "second"
Record: dup.jsonl:3
Risk score 70 of 100: high'
run gov-bid explain --format ndjson T-1 dup.jsonl
is "explain --format ndjson, an id given twice: a record each" \
	"$(printf '%s\n' "$OUT" | grep -o '"tender":"T-1","score":[0-9]*')" \
	'"tender":"T-1","score":0
"tender":"T-1","score":70'
# the notes of a case in Chinese are in Chinese
cat >notes.jsonl <<'JSON'
{"type":"tender","tender":"N-1","minimum_price":500,"winner":"B","bids":[{"bidder":"A","price":400},{"bidder":"B","price":900},{"bidder":"C","price":950},{"bidder":"D"}]}
JSON
run gov-bid explain --lang zh N-1 notes.jsonl
is "explain zh: the notes in Chinese" "$(printf '%s\n' "$OUT" | sed -n '/^说明：/,/^$/p')" \
'说明：
  - 无报价的投标未纳入报价筛查
  - 低于最低限价的报价按否决计'
run gov-bid explain N-1 notes.jsonl
like "explain en: the notes in English" "$OUT" '^  - bids under the minimum price counted as disqualified$'
# a cancelled tender is still scored (its bids were filed); explain says so
cat >cancel.jsonl <<'JSON'
{"type":"tender","tender":"C-1","status":"cancelled","bids":[{"bidder":"A","price":900,"project_manager":"p1"},{"bidder":"B","price":950,"project_manager":"p1"}]}
JSON
run gov-bid explain C-1 cancel.jsonl
is "explain: a cancelled tender says so" "$(printf '%s\n' "$OUT" | sed -n 3,6p)" 'Category: (none)
Currency: (not given)
Winner: (not given)
Status: cancelled, no award: no win and no loss in the signals across tenders'
run gov-bid explain --lang zh C-1 cancel.jsonl
like "explain zh: a cancelled tender says so" "$OUT" '^状态：已终止（cancelled），未授标：跨项目信号不计其中标与落标$'
# the prices of a case are in the record's currency, and the case says
# which: the tender's, else its first bid's (the ones it compares); none
# is assumed (CNY or other) when the record names none
cat >cur.jsonl <<'JSON'
{"type":"tender","tender":"M-1","currency":"CNY","ceiling_price":1000,"winner":"A","bids":[{"bidder":"A","price":900},{"bidder":"B","price":950},{"bidder":"C","price":990}]}
{"type":"tender","tender":"M-2","ceiling_price":1000,"winner":"A","bids":[{"bidder":"A","price":900,"currency":"USD"},{"bidder":"B","price":950,"currency":"USD"},{"bidder":"C","price":990,"currency":"EUR"}]}
{"type":"tender","tender":"M-3","winner":"A","bids":[{"bidder":"A","price":900},{"bidder":"B","price":950}]}
JSON
run gov-bid explain M-1 cur.jsonl
is "explain: the tender's currency, before its prices" \
	"$(printf '%s\n' "$OUT" | sed -n 3,5p)" 'Category: (none)
Currency: CNY
Ceiling price: 1,000.00'
run gov-bid explain --lang zh M-1 cur.jsonl
is "explain zh: the tender's currency" \
	"$(printf '%s\n' "$OUT" | sed -n 4p)" '币种：CNY'
run gov-bid explain M-2 cur.jsonl
is "explain: the first bid's currency when the tender names none" \
	"$(printf '%s\n' "$OUT" | sed -n '/^Currency:/p;/ C  /p')" 'Currency: USD
   3. C                                         -  valid'
run gov-bid explain M-3 cur.jsonl
is "explain: no currency in the record, none assumed" \
	"$(printf '%s\n' "$OUT" | grep -E '^Currency:')" 'Currency: (not given)'
run gov-bid explain --lang zh M-3 cur.jsonl
is "explain zh: no currency in the record" \
	"$(printf '%s\n' "$OUT" | grep -E '^币种：')" '币种：（未载明）'
# no English in the Chinese case's own text: a category the record does
# not name, the direction of each screen in Chinese brackets
is "explain zh: no category in the record" \
	"$(printf '%s\n' "$OUT" | grep -E '^类别：')" '类别：（未载明）'
run gov-bid explain --lang zh M-1 cur.jsonl
is "explain zh: the screens' directions in Chinese brackets" \
	"$(printf '%s\n' "$OUT" | sed -n '/^筛查指标/,$p' | sed -n '2,3p')" \
'  cv              0.04763  （越低越可疑）
  spd                 0.1  （越低越可疑）'
# OCDS: the currency of the tender's value (the prices kept are in it)
cat >cur-ocds.jsonl <<'JSON'
{"ocid":"ocds-1","tender":{"id":"t","value":{"amount":1000,"currency":"EUR"}},"bids":{"details":[{"id":"b1","status":"valid","tenderers":[{"id":"A"}],"value":{"amount":900,"currency":"EUR"}},{"id":"b2","status":"valid","tenderers":[{"id":"B"}],"value":{"amount":950,"currency":"EUR"}}]}}
JSON
run gov-bid explain --from ocds ocds-1 cur-ocds.jsonl
is "explain --from ocds: the tender's currency" \
	"$(printf '%s\n' "$OUT" | grep -E '^(Currency|Ceiling price):')" 'Currency: EUR
Ceiling price: 1,000.00'
done_testing
