#!/bin/sh
# JSON Lines saved as UTF-32 (PowerShell's Out-File -Encoding utf32, some
# Windows exports).  With a byte-order mark, UTF-32LE's (FF FE 00 00) was
# refused as UTF-16LE, the wrong encoding named; UTF-32BE's (00 00 FE FF),
# and either without a mark, were read as UTF-8: a finding or an error for
# each line (gov-check, gov-catalog validate: "control character at column
# 2"; gov-profile: "invalid UTF-8 at byte 3"; gov-license verify: an
# invalid verdict for each).  Every JSON Lines reader now refuses such a
# file once, naming UTF-32LE or UTF-32BE and the remedy, exit 2, as t0037
# does UTF-16: told by the BOM, or without one by a code point in every
# group of four bytes, its high bytes NUL (utf32_lookalike, shared with the
# CSV reader).
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'{"type":"entry","code":"A1","name":"张三","provider":"p"}' \
	'{"type":"entry","code":"A2","name":"李四","provider":"p"}' >u8.jsonl
iconv -f utf-8 -t utf-32le u8.jsonl >le.jsonl
iconv -f utf-8 -t utf-32be u8.jsonl >be.jsonl
{ printf '\377\376\000\000'; cat le.jsonl; } >bomle.jsonl
{ printf '\000\000\376\377'; cat be.jsonl; } >bombe.jsonl

run gov-report --today $T_TODAY plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

NO_BOM='without a byte-order mark; save it as UTF-8 (JSON Lines are not read in UTF-32)'
BOM='(it begins with a byte-order mark); save it as UTF-8 (JSON Lines are not read in UTF-32)'

for cmd in "gov-check" "gov-check --jsonl" "gov-profile" "gov-profile --jsonl" \
	"gov-xlsx -o out.xlsx" "gov-submit --endpoint people" \
	"gov-catalog add" "gov-catalog validate" \
	"gov-report --today $T_TODAY add" "gov-license verify" "gov-bid score"; do
	tool=${cmd%% *}
	# gov-submit says so too when a run queued nothing
	case $tool in
	gov-submit) after="
gov-submit: nothing queued" ;;
	*) after= ;;
	esac
	for b in le be bomle bombe; do
		case $b in
		le) what="looks like UTF-32LE $NO_BOM" ;;
		be) what="looks like UTF-32BE $NO_BOM" ;;
		bomle) what="is UTF-32LE $BOM" ;;
		bombe) what="is UTF-32BE $BOM" ;;
		esac
		case $cmd in
		*--jsonl) ;; # standard input only
		*)
			run $cmd $b.jsonl
			is "$cmd $b.jsonl: refused once, exit 2" "$RC:$OUT:$ERR" \
				"2::$tool: '$b.jsonl' $what$after"
			;;
		esac
		case $cmd in
		gov-check | gov-profile) ;; # stdin is CSV unless --jsonl
		*)
			run_in $b.jsonl $cmd -
			is "$cmd - <$b.jsonl: refused once, exit 2" "$RC:$OUT:$ERR" \
				"2::$tool: '(stdin)' $what$after"
			;;
		esac
	done
done
ok "gov-xlsx: no workbook left" [ ! -e out.xlsx ]
run gov-catalog list
is "gov-catalog: no entry added" "$OUT" ""

# From a pipe that gives the file in two parts: gov-check reads on to its
# 64 KiB or the end; gov-license verify tells it by what has come
two_parts() { head -c 60 "$1"; sleep 1; tail -c +61 "$1"; }
two_parts le.jsonl | gov-check --jsonl - >out 2>err
is "gov-check, a pipe in two parts: refused" "$?:$(cat out err)" \
	"2:gov-check: '(stdin)' looks like UTF-32LE $NO_BOM"
two_parts be.jsonl | gov-license verify >out 2>err
is "gov-license verify, a pipe in two parts: refused" "$?:$(cat out err)" \
	"2:gov-license: '(stdin)' looks like UTF-32BE $NO_BOM"

# gov-license verify goes on to the next file, as past one it cannot open
printf '%s\n' '{"license_no":"TL-1"}' '{"license_no":"TL-2"}' >lic.jsonl
run gov-license verify bomle.jsonl lic.jsonl
is "gov-license verify, a UTF-32 file then a UTF-8 one: exit 2, named" \
	"$RC:$ERR" "2:gov-license: 'bomle.jsonl' is UTF-32LE $BOM"
is "... the UTF-8 file's two lines given their verdicts" \
	"$(printf '%s\n' "$OUT" | grep -c '"type":"verdict"')" 2

# Chinese text alone: told too
printf '{"姓名":"张一","单位":"市大数据局"}\n' | iconv -f utf-8 -t utf-32le >zh.jsonl
run gov-check zh.jsonl
is "Chinese only, gov-check: refused" "$RC:$OUT:$ERR" \
	"2::gov-check: 'zh.jsonl' looks like UTF-32LE $NO_BOM"
run gov-catalog add zh.jsonl
is "Chinese only, gov-catalog add: refused" "$RC:$OUT:$ERR" \
	"2::gov-catalog: 'zh.jsonl' looks like UTF-32LE $NO_BOM"

# An encoding given is no way in: UTF-32 is refused by name, a GBK reading
# of it is no reading, and --encoding utf-32le is no encoding JSON Lines
# are read in
run gov-check --encoding gbk le.jsonl
is "gov-check --encoding gbk: refused as UTF-32" "$RC:$OUT:$ERR" \
	"2::gov-check: 'le.jsonl' looks like UTF-32LE $NO_BOM"
run gov-profile --encoding gbk bombe.jsonl
is "gov-profile --encoding gbk: refused as UTF-32" "$RC:$OUT:$ERR" \
	"2::gov-profile: 'bombe.jsonl' is UTF-32BE $BOM"
run gov-check --encoding utf-32le le.jsonl
is "gov-check --encoding utf-32le: refused" "$RC:$OUT:$ERR" \
	"2::gov-check: 'le.jsonl': JSON Lines cannot be read in utf-32le: a line must end at byte 0x0A and its brackets be ASCII (utf-8, gbk, gb18030, ...)"

# Named .json: taken for JSON Lines and refused the same
for b in le be bomle bombe; do
	cp $b.jsonl $b.json
	case $b in
	le) what="looks like UTF-32LE $NO_BOM" ;;
	be) what="looks like UTF-32BE $NO_BOM" ;;
	bomle) what="is UTF-32LE $BOM" ;;
	bombe) what="is UTF-32BE $BOM" ;;
	esac
	run gov-check $b.json
	is "gov-check $b.json: refused as JSON Lines" "$RC:$OUT:$ERR" \
		"2::gov-check: '$b.json' $what"
	run gov-catalog add $b.json
	is "gov-catalog add $b.json: refused as JSON Lines" "$RC:$OUT:$ERR" \
		"2::gov-catalog: '$b.json' $what"
done

# UTF-16 is still named UTF-16: lines of one character in UTF-16LE (each
# four bytes a code point below U+10FFFF), and a UTF-16LE BOM
printf '1\n2\n3\n4\n5\n' | iconv -f utf-8 -t utf-16le >one16.jsonl
run gov-check one16.jsonl
is "UTF-16LE, one character a line: named UTF-16LE" "$RC:$OUT:$ERR" \
	"2::gov-check: 'one16.jsonl' looks like UTF-16LE without a byte-order mark; save it as UTF-8 (JSON Lines are not read in UTF-16)"
{ printf '\377\376'; iconv -f utf-8 -t utf-16le u8.jsonl; } >bom16.jsonl
run gov-profile bom16.jsonl
is "UTF-16LE with a BOM: named UTF-16LE" "$RC:$OUT:$ERR" \
	"2::gov-profile: 'bom16.jsonl' is UTF-16LE (it begins with a byte-order mark); save it as UTF-8 (JSON Lines are not read in UTF-16)"

# UTF-8 with NULs is no UTF-32: each line judged as before
printf '{"a":"x\000\000\000y"}\n{"a":"z"}\n' >nul8.jsonl
run gov-profile --format ndjson nul8.jsonl
is "UTF-8 with NULs: the line named, as before" "$RC:$ERR" \
	"2:gov-profile: nul8.jsonl:1: invalid JSON: control character at column 8"
done_testing
