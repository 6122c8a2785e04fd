#!/bin/sh
# A Table Schema pattern is an XML Schema regular expression; gov-check
# compiles it with PCRE2.  XML Schema's class subtraction "[a-z-[aeiou]]"
# (a consonant) means another set to PCRE2, without a word: a-z, '-',
# '[' and the vowels, then a literal ']'.  It is refused, with its column.
. "$(dirname "$0")/lib.sh"

printf 'a\nbcd\n' >d.csv
cat >sub.json <<'JSON'
{"fields": [{"name": "a", "constraints": {"pattern": "[a-z-[aeiou]]+"}}]}
JSON
run gov-check --format ndjson -s sub.json d.csv
is "class subtraction: exit 2" "$RC" 2
like "names the place and the way out" "$ERR" \
	"sub.json: fields\[0\]\.constraints\.pattern: column 5: class subtraction '-\[' of XML Schema is not supported"

# what PCRE2 and XML Schema read alike still loads
for pat in '[a-z]-[0-9]+' '[a-z\\-\\[]+' '[[:alpha:]-]+' '\\Q-[\\E[a-]' '[b-]+'; do
	printf '{"fields": [{"name": "a", "constraints": {"pattern": "%s"}}]}\n' "$pat" >ok.json
	run gov-check --format ndjson -s ok.json d.csv
	is "$pat loads" "$ERR" ""
done

cat >lookahead.json <<'JSON'
{"fields": [{"name": "a", "constraints": {"pattern": "((?![aeiou])[a-z])+"}}]}
JSON
printf 'a\nbcd\nbad\n' >v.csv
run gov-check --format ndjson -s lookahead.json v.csv
like "the lookahead form checks consonants" "$OUT" '"row":3,.*"check":"pattern"'
unlike "bcd passes" "$OUT" '"row":2,'

done_testing
