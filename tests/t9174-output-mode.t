#!/bin/sh
# -o FILE over a file that is there: the new file gets 0666 less the
# umask, as a new file does, less the permissions the file it replaces
# had not.  Before, it got 0666 less the umask: a file of unmasked
# personal data that its owner had made 0600 was readable by everyone
# again after the next run (a cron job) wrote it.
. "$(dirname "$0")/lib.sh"

umask 022
printf 'name,phone\n张三,13812345678\n' >in.csv

# gov-records (written through a FILE*)
run gov-records -o new.jsonl in.csv
is "a new file: 0644 under umask 022" "$RC:$(stat -c %a new.jsonl)" "0:644"
printf 'old\n' >private.jsonl
chmod 600 private.jsonl
run gov-records --no-mask -o private.jsonl in.csv
is "over a 0600 file: still 0600, the records in it" \
	"$RC:$(stat -c %a private.jsonl):$(cat private.jsonl)" \
	'0:600:{"name":"张三","phone":"13812345678"}'
chmod 640 private.jsonl
run gov-records --no-mask -o private.jsonl in.csv
is "over a 0640 file: 0640" "$RC:$(stat -c %a private.jsonl)" "0:640"
chmod 644 private.jsonl
(umask 077 && gov-records -o private.jsonl in.csv)
is "over a 0644 file under umask 077: 0600, as a new file" \
	"$?:$(stat -c %a private.jsonl)" "0:600"

# gov-xlsx (a workbook: written through a temporary name)
gov-records --no-mask in.csv >in.jsonl
run gov-xlsx -o new.xlsx in.jsonl
is "gov-xlsx, a new workbook: 0644" "$RC:$(stat -c %a new.xlsx)" "0:644"
printf 'old\n' >private.xlsx
chmod 600 private.xlsx
run gov-xlsx -o private.xlsx in.jsonl
is "gov-xlsx over a 0600 file: still 0600, a workbook" \
	"$RC:$(stat -c %a private.xlsx):$(head -c 2 private.xlsx)" "0:600:PK"

# a link at FILE is replaced, not followed: the new file's mode is not
# taken from what the link points to
printf 'x\n' >target
chmod 600 target
ln -s target link.jsonl
run gov-records -o link.jsonl in.csv
is "over a link to a 0600 file: a new file, 0644; the target untouched" \
	"$RC:$(stat -c %F:%a link.jsonl):$(stat -c %a target):$(cat target)" \
	"0:regular file:644:600:x"
done_testing
