#!/bin/sh
# An api address with a password in it (`api = https://USER:PASSWORD@HOST/`)
# is a secret in the configuration file as a token is: the file is
# refused (exit 2, a message naming it and saying why, never the
# password) when group or others may read it, by every tool that reads
# it; only its owner may read it (chmod 600): then it is read.  A user
# without a password, or an '@' after the host, holds no secret.  A
# password is what libcurl, which sends it, reads as one: after one,
# two or three slashes.
. "$(dirname "$0")/lib.sh"

mkdir -p "$XDG_CONFIG_HOME/govkit"
CFG=$XDG_CONFIG_HOME/govkit/config
PW=s3cr3t-pass-4711
unset GOVKIT_TOKEN GOVKIT_TOKEN_FILE GOVKIT_API
: > all.out
keep() { printf '%s\n%s\n' "$OUT" "$ERR" >> all.out; }

printf 'api = https://officer:%s@api.example.gov.cn/v1\n' "$PW" > "$CFG"
for mode in 644 640 604 620 710; do
	case $mode in
	644 | 640 | 604) why="readable by others" ;;
	620) why="writable by others" ;;
	710) why="open to others" ;;
	esac
	chmod $mode "$CFG"
	run gov-submit --status; keep
	is "api with a password, mode $mode: exit 2" "$RC" 2
	is "api with a password, mode $mode: the file named, and why" "$ERR" \
	   "gov-submit: config file '$CFG' holds a password in its api address and is $why (mode $mode); to fix it, run: chmod 600 $(shq "$CFG")"
done

chmod 644 "$CFG"
run gov-license sync; keep
is "gov-license sync, config 644 with a password: exit 2" "$RC" 2
is "gov-license sync: message" "$ERR" \
   "gov-license: config file '$CFG' holds a password in its api address and is readable by others (mode 644); to fix it, run: chmod 600 $(shq "$CFG")"
run gov-catalog push; keep
is "gov-catalog push, config 644 with a password: exit 2" "$RC" 2
is "gov-catalog push: message" "$ERR" \
   "gov-catalog: config file '$CFG' holds a password in its api address and is readable by others (mode 644); to fix it, run: chmod 600 $(shq "$CFG")"

# libcurl reads an address with one slash or three after the scheme as
# it reads one with two, and sends its password: as much a secret.
for api in "https:/officer:$PW@api.example.gov.cn/v1" \
	   "https:///officer:$PW@api.example.gov.cn/v1" \
	   "HTTPS://officer:$PW@api.example.gov.cn/v1"; do
	printf 'api = %s\n' "$api" > "$CFG"
	chmod 644 "$CFG"
	run gov-submit --status; keep
	is "api ${api%%:$PW*}:PASSWORD@..., mode 644: refused, exit 2" \
	   "$RC:$ERR" \
	   "2:gov-submit: config file '$CFG' holds a password in its api address and is readable by others (mode 644); to fix it, run: chmod 600 $(shq "$CFG")"
done
printf 'api = https://officer:%s@api.example.gov.cn/v1\n' "$PW" > "$CFG"

chmod 600 "$CFG"
run gov-submit --status; keep
is "api with a password, mode 600: read, exit 0" "$RC" 0
is "api with a password, mode 600: no message" "$ERR" ""

# No password, no secret: 644 is fine.
for api in https://officer@api.example.gov.cn/v1 \
	   'https://api.example.gov.cn/v1/x@y' \
	   'https://api.example.gov.cn/v1?u=a:b@c' \
	   https://api.example.gov.cn/v1; do
	printf 'api = %s\n' "$api" > "$CFG"
	chmod 644 "$CFG"
	run gov-submit --status; keep
	is "api $api, mode 644: read, exit 0" "$RC" 0
	is "api $api, mode 644: no message" "$ERR" ""
done

is "the password in no output or message" "$(grep -c -F -- "$PW" all.out)" 0

done_testing
