#!/bin/sh
# gov-bid explain: each signal says which bids of the list it concerns,
# by their number in the list, bidder and price (the auditor opens the
# case file at those bids): "Bids: 2. C 990,000.00; 3. B 990,000.00",
# "所涉投标：第2份 C，报价990,000.00；...".  A bid without a price (or
# with one in another currency, OCDS) says its price was not compared; a
# screen, which concerns every valid bid, cites none.  Before, a
# signal named bidders only (its evidence, as in score's records, still
# does, with prices such as 415000.00 ungrouped), and the auditor had to
# match them to the list by eye.
. "$(dirname "$0")/lib.sh"

cat >m.jsonl <<'JSON'
{"type":"tender","tender":"S-1","ceiling_price":1000000,"winner":"A","bids":[{"bidder":"C","price":990000,"deposit_account":"a1"},{"bidder":"A","price":900000},{"bidder":"B","price":990000,"deposit_account":"a1"},{"bidder":"D","status":"withdrawn","deposit_account":"a1"}]}
JSON

nopr="gov-bid: m.jsonl:1: tender 'S-1': 1 bid without a price: left out of the price screens"
run gov-bid explain S-1 m.jsonl
is "en: exit 1, the bid without a price named" "$RC|$ERR" "1|$nopr"
is "en: the list the signals cite" "$(printf '%s\n' "$OUT" | sed -n '/^Bids (/,/^$/p')" \
'Bids (4, 3 valid with a price), lowest first:
   1. A                                900,000.00  valid  winner  90.0% of ceiling
   2. C                                990,000.00  valid  99.0% of ceiling
   3. B                                990,000.00  valid  99.0% of ceiling
   4. D                                         -  withdrawn'
cat >want.en <<'EOF'
Why:
  1. [same-deposit-account, weight 0.70] the bids of C, B and D had their deposits paid from the same account: deposit_account = a1
     Art. 40 of the Regulations on the Implementation of the Bidding Law, item (6): bid deposits of different bidders paid from the account of the same unit or person are deemed collusive. Check the deposits' bank transfer records.
     Bids: 2. C 990,000.00; 3. B 990,000.00; 4. D (price not compared)
  2. [R028, weight 0.30] B and C submitted identical prices (Cardinal R028)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 2. C 990,000.00; 3. B 990,000.00
  3. [R024, weight 0.10] the second-lowest bid is only 10% above the winning bid, at or below the fence 10% (Cardinal R024)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 1. A 900,000.00; 2. C 990,000.00
  4. [R058, weight 0.05] the second-lowest bid is 10% above the winning bid, at or above the fence 10% (Cardinal R058)
     An Open Contracting Partnership Cardinal red flag.
     Bids: 1. A 900,000.00
Notes:
EOF
is "en: each signal with its bids" "$(printf '%s\n' "$OUT" | sed -n '/^Why:/,/^Notes:/p')" \
	"$(cat want.en)"

run gov-bid explain --lang zh S-1 m.jsonl
is "zh: exit 1" "$RC" 1
cat >want.zh <<'EOF'
依据：
  1. [same-deposit-account，权重0.70] C、B和D的投标保证金从同一账户转出：a1（deposit_account）
     《招标投标法实施条例》第四十条第（六）项：不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标。请调取投标保证金的银行转账记录核实。
     所涉投标：第2份 C，报价990,000.00；第3份 B，报价990,000.00；第4份 D，报价未参与比较
  2. [R028，权重0.30] B和C报价相同（Cardinal R028）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第2份 C，报价990,000.00；第3份 B，报价990,000.00
  3. [R024，权重0.10] 次低价仅比中标价高10%，不高于全部项目的下界10%（Cardinal R024）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第1份 A，报价900,000.00；第2份 C，报价990,000.00
  4. [R058，权重0.05] 次低价比中标价高10%，不低于全部项目的上界10%（Cardinal R058）
     开放合同伙伴关系 Cardinal 红旗指标。
     所涉投标：第1份 A，报价900,000.00
说明：
EOF
is "zh: each signal with its bids" "$(printf '%s\n' "$OUT" | sed -n '/^依据：/,/^说明：/p')" \
	"$(cat want.zh)"

# a screen concerns every valid bid: no bids line under it
run gov-bid explain T-150103-0000026 "$T_TOP/samples/bids/market.jsonl"
is "en, a screen: its basis, then the next signal" \
	"$(printf '%s\n' "$OUT" | grep -A2 -F '[screen-spd' | sed -n '3s/^ *\([0-9]*\.\).*/\1/p')" "4."
is "en, the sample market: identical prices at 2 and 3" \
	"$(printf '%s\n' "$OUT" | grep -A2 -F '[identical-prices' | sed -n 3p)" \
	"     Bids: 2. 911501032457691243 415,000.00; 3. 91150103960256772E 415,000.00"
# OCDS: the same list and numbers
cp "$T_DIR/expected/bid-ocds.jsonl" ocds.jsonl
run gov-bid explain --from ocds --lang zh ocds-currency ocds.jsonl
is "zh, OCDS: the bids by number, bidder and price" \
	"$(printf '%s\n' "$OUT" | grep -F '所涉投标：第1份 A，报价450,000.00；')" \
	"     所涉投标：第1份 A，报价450,000.00；第2份 C，报价470,000.00"
done_testing
