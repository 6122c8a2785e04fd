#!/bin/sh
# gov-bid: a trading centre's export writes a bid's status in Chinese
# (有效, 无效, 废标, 撤回, ...); each was "unknown status" and the bid left
# out of the screens, so a Chinese export had no screen at all.  Now the
# Chinese words are the contract's statuses: 有效/合格 valid; 无效, 否决,
# 被否决, 不合格, 废标, 作废 disqualified; 撤回, 已撤回, 撤销 withdrawn.
. "$(dirname "$0")/lib.sh"

cat >zh.jsonl <<'EOF2'
{"type":"tender","tender":"ZH","winner":"A","bids":[{"bidder":"A","price":950000,"status":"有效"},{"bidder":"B","price":960000,"status":"合格"},{"bidder":"C","price":990000,"status":"有效"},{"bidder":"D","price":800000,"status":"废标"},{"bidder":"E","price":700000,"status":"撤回"},{"bidder":"F","price":600000,"status":"否决"}]}
{"type":"tender","tender":"EN","winner":"A","bids":[{"bidder":"A","price":950000,"status":"valid"},{"bidder":"B","price":960000},{"bidder":"C","price":990000,"status":"valid"},{"bidder":"D","price":800000,"status":"disqualified"},{"bidder":"E","price":700000,"status":"withdrawn"},{"bidder":"F","price":600000,"status":"disqualified"}]}
{"type":"tender","tender":"ODD","bids":[{"bidder":"A","price":950000,"status":"待定"},{"bidder":"B","price":960000},{"bidder":"C","price":990000}]}
EOF2
run gov-bid score --format ndjson --screens --no-pairs --no-parties zh.jsonl
is "only the word no status is named" "$RC|$ERR" \
	"1|gov-bid: zh.jsonl:3: tender 'ODD': bid of 'A': unknown status '待定' left out of the screens"
rec() { printf '%s\n' "$OUT" | grep "\"tender\":\"$1\"" | sed 's/"tender":"[A-Z]*",//'; }
is "the Chinese statuses score as the English ones" "$(rec ZH)" "$(rec EN)"
like "... three valid bids of six" "$(rec ZH)" '"bids":6,"valid_bids":3,'

done_testing
