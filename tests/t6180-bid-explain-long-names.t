#!/bin/sh
# gov-bid evidence with many bidders of long names (a Chinese firm's
# name is 50 bytes and more): the names that do not fit are counted,
# never cut, and the sentence keeps its fact (the shared account); a
# shared value too long for the evidence is cut at a character.  Before,
# the list of names was cut at 256 bytes, inside a name and inside a
# character in the English text, and the fact after it was lost.
. "$(dirname "$0")/lib.sh"

bids= i=0
for n in 一 二 三 四 五 六 七 八 九 十; do
	i=$((i + 1))
	bids="$bids${bids:+,}{\"bidder\":\"内蒙古通辽市第${n}建筑工程有限责任公司\",\"price\":$((90000 + i)),\"deposit_account\":\"6222020200112233445\"}"
done
printf '{"type":"tender","tender":"L-1","winner":"内蒙古通辽市第一建筑工程有限责任公司","bids":[%s]}\n' "$bids" >long.jsonl
# valid: the output file is whole UTF-8
valid() { iconv -f UTF-8 -t UTF-8 "$SCRATCH/.out" >/dev/null 2>&1 && echo yes || echo no; }
why() { printf '%s\n' "$OUT" | grep -F "[$1"; }

run gov-bid explain L-1 long.jsonl
is "en: exit 0" "$RC" 0
is "en: the text is UTF-8" "$(valid)" yes
is "en: four names whole, the rest counted, the account kept" "$(why same-deposit-account)" \
	"  1. [same-deposit-account, weight 0.70] the bids of 内蒙古通辽市第一建筑工程有限责任公司, 内蒙古通辽市第二建筑工程有限责任公司, 内蒙古通辽市第三建筑工程有限责任公司, 内蒙古通辽市第四建筑工程有限责任公司 and 6 others had their deposits paid from the same account: deposit_account = 6222020200112233445"
run gov-bid explain --lang zh L-1 long.jsonl
is "zh: exit 0" "$RC" 0
is "zh: the text is UTF-8" "$(valid)" yes
is "zh: four names whole, the total counted, the account kept" "$(why same-deposit-account)" \
	"  1. [same-deposit-account，权重0.70] 内蒙古通辽市第一建筑工程有限责任公司、内蒙古通辽市第二建筑工程有限责任公司、内蒙古通辽市第三建筑工程有限责任公司、内蒙古通辽市第四建筑工程有限责任公司等10家的投标保证金从同一账户转出：6222020200112233445（deposit_account）"
run gov-bid score --no-pairs --no-parties long.jsonl
is "score: the record's evidence says the same, its bidders all ten" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; r=json.loads(sys.stdin.readline()); print([s["evidence"] for s in r["signals"] if s["signal"]=="same-deposit-account"][0]); print(len(r["signals"][0]["bidders"]))')" \
	"the bids of 内蒙古通辽市第一建筑工程有限责任公司, 内蒙古通辽市第二建筑工程有限责任公司, 内蒙古通辽市第三建筑工程有限责任公司, 内蒙古通辽市第四建筑工程有限责任公司 and 6 others had their deposits paid from the same account: deposit_account = 6222020200112233445
10"

# a preparer's name of 200 characters (600 bytes): cut at a character
author=$(printf '某%.0s' $(seq 200))
printf '{"type":"tender","tender":"L-2","winner":"A","bids":[{"bidder":"A","price":900,"doc_author":"%s"},{"bidder":"B","price":950,"doc_author":"%s"}]}\n' "$author" "$author" >author.jsonl
run gov-bid explain L-2 author.jsonl
is "en, a long shared value: exit 0" "$RC" 0
is "en, a long shared value: the text is UTF-8" "$(valid)" yes
like "en, a long shared value: cut after a whole character" "$(why same-doc-author)" \
	'^  1\. \[same-doc-author, weight 0\.60\] the bids of A and B were prepared by the same document author or machine: doc_author = (某)+$'
run gov-bid explain --lang zh L-2 author.jsonl
is "zh, a long shared value: the text is UTF-8" "$(valid)" yes
like "zh, a long shared value: cut after a whole character" "$(why same-doc-author)" \
	'^  1\. \[same-doc-author，权重0\.60\] A和B的投标文件由同一制作人或同一机器编制：(某)+$'
done_testing
