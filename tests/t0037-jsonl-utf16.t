#!/bin/sh
# JSON Lines saved as UTF-16 ("Unicode text" of Notepad or an exporter,
# with or without a byte-order mark) were read as UTF-8, line by line:
# gov-check gave a finding for each line ("the line is not valid JSON"),
# the readers of common/jsonl.c (gov-profile, gov-xlsx, gov-submit,
# gov-catalog add and validate, gov-report add, gov-bid) an error for
# each ("control character at column 2", "invalid UTF-8 at byte 1"),
# gov-license verify an invalid verdict for each.  Every JSON Lines reader
# now refuses such a file once, naming it and the remedy, exit 2, as it
# refuses a file it cannot open: told by a BOM, or without one as the CSV
# reader tells it (NULs in one byte of the pairs of the first 64 KiB:
# utf16_lookalike, shared).  JSON is UTF-8 (RFC 8259), and a line of
# UTF-16 does not end at the byte 0x0A, so it is not read on a BOM either
# (--encoding utf-16le is refused for JSON Lines as before).
. "$(dirname "$0")/lib.sh"

printf '%s\n' \
	'{"type":"entry","code":"A1","name":"张三","provider":"p"}' \
	'{"type":"entry","code":"A2","name":"李四","provider":"p"}' >u8.jsonl
iconv -f utf-8 -t utf-16le u8.jsonl >le.jsonl
iconv -f utf-8 -t utf-16be u8.jsonl >be.jsonl
{ printf '\377\376'; cat le.jsonl; } >bomle.jsonl
{ printf '\376\377'; cat be.jsonl; } >bombe.jsonl

run gov-report --today $T_TODAY plan load "$(expected report-mini-plan.json)"
is "plan loaded" "$RC" 0

NO_BOM='without a byte-order mark; save it as UTF-8 (JSON Lines are not read in UTF-16)'
BOM='(it begins with a byte-order mark); save it as UTF-8 (JSON Lines are not read in UTF-16)'

# tool NAME ARGS...: the tool's command without its input
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
	for f in le be bomle bombe; do
		case $f in
		le) what="looks like UTF-16LE $NO_BOM" ;;
		be) what="looks like UTF-16BE $NO_BOM" ;;
		bomle) what="is UTF-16LE $BOM" ;;
		bombe) what="is UTF-16BE $BOM" ;;
		esac
		case $cmd in
		*--jsonl) ;; # standard input only
		*)
			run $cmd $f.jsonl
			is "$cmd $f.jsonl: refused once, exit 2" "$RC:$OUT:$ERR" \
				"2::$tool: '$f.jsonl' $what$after"
			;;
		esac
		case $cmd in
		gov-check | gov-profile) ;; # stdin is CSV unless --jsonl
		*)
			run_in $f.jsonl $cmd -
			is "$cmd - <$f.jsonl: refused once, exit 2" "$RC:$OUT:$ERR" \
				"2::$tool: '(stdin)' $what$after"
			;;
		esac
	done
done
ok "gov-xlsx: no workbook left" [ ! -e out.xlsx ]
run gov-catalog list
is "gov-catalog: no entry added" "$OUT" ""

# From a pipe that gives the file in two parts: gov-check reads on to its
# 64 KiB or the end; gov-license verify (which answers a pipe's lines as
# they come) tells it by what has come
two_parts() { head -c 60 "$1"; sleep 1; tail -c +61 "$1"; }
two_parts le.jsonl | gov-check --jsonl - >out 2>err
is "gov-check, a pipe in two parts: refused" "$?:$(cat out err)" \
	"2:gov-check: '(stdin)' looks like UTF-16LE $NO_BOM"
two_parts be.jsonl | gov-license verify >out 2>err
is "gov-license verify, a pipe in two parts: refused" "$?:$(cat out err)" \
	"2:gov-license: '(stdin)' looks like UTF-16BE $NO_BOM"

# gov-license verify goes on to the next file, as past one it cannot open
printf '%s\n' '{"license_no":"TL-1"}' '{"license_no":"TL-2"}' >lic.jsonl
run gov-license verify le.jsonl lic.jsonl
is "gov-license verify, a UTF-16 file then a UTF-8 one: exit 2, named" \
	"$RC:$ERR" "2:gov-license: 'le.jsonl' looks like UTF-16LE $NO_BOM"
is "... the UTF-8 file's two lines given their verdicts" \
	"$(printf '%s\n' "$OUT" | grep -c '"type":"verdict"')" 2

# Chinese text alone has few NULs (U+4E00 one in the other byte): told too
printf '{"姓名":"张一","单位":"市大数据局"}\n' | iconv -f utf-8 -t utf-16le >zh.jsonl
run gov-check zh.jsonl
is "Chinese only, gov-check: refused" "$RC:$OUT:$ERR" \
	"2::gov-check: 'zh.jsonl' looks like UTF-16LE $NO_BOM"
run gov-catalog add zh.jsonl
is "Chinese only, gov-catalog add: refused" "$RC:$OUT:$ERR" \
	"2::gov-catalog: 'zh.jsonl' looks like UTF-16LE $NO_BOM"

# An encoding given is no way in: UTF-16 is refused by name, a GBK
# reading of it is no reading
run gov-check --encoding gbk le.jsonl
is "gov-check --encoding gbk: refused as UTF-16" "$RC:$OUT:$ERR" \
	"2::gov-check: 'le.jsonl' looks like UTF-16LE $NO_BOM"
run gov-profile --encoding gbk be.jsonl
is "gov-profile --encoding gbk: refused as UTF-16" "$RC:$OUT:$ERR" \
	"2::gov-profile: 'be.jsonl' looks like UTF-16BE $NO_BOM"
run gov-check --encoding utf-16le le.jsonl
is "gov-check --encoding utf-16le: refused as before" "$RC:$OUT:$ERR" \
	"2::gov-check: 'le.jsonl': JSON Lines cannot be read in utf-16le: a line must end at byte 0x0A and its brackets be ASCII (utf-8, gbk, gb18030, ...)"

# Named .json: taken for JSON Lines and refused the same (a UTF-16LE
# one was 'a JSON document', a UTF-16BE one read as CSV)
cp le.jsonl le.json
cp be.jsonl be.json
for f in le be; do
	case $f in le) e=UTF-16LE ;; be) e=UTF-16BE ;; esac
	run gov-check $f.json
	is "gov-check $f.json: refused as JSON Lines" "$RC:$OUT:$ERR" \
		"2::gov-check: '$f.json' looks like $e $NO_BOM"
	run gov-catalog add $f.json
	is "gov-catalog add $f.json: refused as JSON Lines" "$RC:$OUT:$ERR" \
		"2::gov-catalog: '$f.json' looks like $e $NO_BOM"
done

# UTF-8 with a stray NUL or two is no UTF-16: each line is judged as
# before, the good ones read
printf '{"a":"x\000y"}\n{"a":"z"}\n{"a":"w"}\n' >nul8.jsonl
run gov-profile --format ndjson nul8.jsonl
is "UTF-8 with a NUL: the line named, as before" "$RC:$ERR" \
	"2:gov-profile: nul8.jsonl:1: invalid JSON: control character at column 8"
run gov-check --format ndjson nul8.jsonl
is "gov-check, UTF-8 with a NUL: not refused, the three lines read, the NUL's line named" \
	"$RC:$ERR:$(printf '%s\n' "$OUT" | jq -c '[.type, .row // .rows, .message]')" \
	'1::["finding",1,"the line holds a control character at column 8"]
["summary",3,null]'
done_testing
