#!/bin/sh
# gov-bid explain: a statistical screen that fired is said in the words
# an auditor reads it by.  Before, "cv = 0.01499 is below the lower fence
# 0.02312" was followed only by the screens' common basis: cv, spd, rd,
# rdnor, ks, winner_ratio were named and never explained (in English and
# in Chinese).  Now the line of the basis begins with what the screen
# measures and which way points to collusion; the other signals' lines,
# and the records, are unchanged.
. "$(dirname "$0")/lib.sh"

M=$T_TOP/samples/bids/market.jsonl
# the basis line of signal $2 in tender $1's case ($3: --lang)
basis() {
	gov-bid explain --lang "$3" "$1" "$M" 2>/dev/null |
		grep -A1 -F "[$2" | sed -n '2s/^     //p'
}
SCR_EN=" A statistical screen (Imhof 2017; Huber and Imhof 2019): collusive bids are typically less dispersed, with a gap between the winner and the cover bids. A screen is a reason to look, not proof."
SCR_ZH="统计筛查指标（Imhof 2017；Huber & Imhof 2019）：串通投标的报价通常更集中，中标价与陪标价之间有明显间隔。筛查结果只是核查线索，不是证据。"

is "cv, en" "$(basis T-150102-0000002 screen-cv en)" \
	"cv, the coefficient of variation, is the standard deviation of the valid bids divided by their mean: low when the bids lie close together.$SCR_EN"
is "cv, zh" "$(basis T-150102-0000002 screen-cv zh)" \
	"cv（变异系数）= 有效报价的标准差 ÷ 平均值，报价越集中越低。$SCR_ZH"
is "spd, zh" "$(basis T-150102-0000002 screen-spd zh)" \
	"spd（价差率）=（最高报价 - 最低报价）÷ 最低报价，报价越集中越低。$SCR_ZH"
is "ks, en" "$(basis T-150103-0000026 screen-ks en)" \
	"ks is the Kolmogorov-Smirnov distance of the bids from an even spread between the lowest and the highest: high when they are unevenly spread.$SCR_EN"
is "rd, en" "$(basis T-150103-0000163 screen-rd en)" \
	"rd, the relative distance, is the gap between the two lowest bids divided by the standard deviation of the losing bids: high when the losing bids are bunched well above the lowest.$SCR_EN"
is "the subset screens, zh" "$(basis T-150103-0000005 screen-subset zh)" \
	"cv3、cv4、spd3、spd4、rd3、rd4是在价格相邻的每3份、4份报价上计算的同类指标，可发现只有部分投标人参与的串通。$SCR_ZH"
is "winner_ratio, en" "$(basis T-150103-0000114 winner-ratio en)" \
	"winner_ratio is the winning bid divided by the ceiling price: high when the winner took nearly the whole budget.$SCR_EN"
is "near-ceiling, zh" "$(basis T-150101-0000035 near-ceiling zh)" \
	"陪标报价常定在最高投标限价之下不远处。$SCR_ZH"
for s in screen-altrd:T-150101-0000367 screen-kurt:T-150103-0000028 \
	screen-skew:T-150103-0000028; do
	like "${s%%:*}: defined, en" "$(basis "${s#*:}" "${s%%:*}" en)" \
		"^$(printf %s "${s%%:*}" | sed "s/screen-//") is "
done
is "another family's basis as before" \
	"$(basis T-150103-0000026 R028 en)" \
	"An Open Contracting Partnership Cardinal red flag."
done_testing
