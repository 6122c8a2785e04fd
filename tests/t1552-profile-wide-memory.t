#!/bin/sh
# gov-profile on a CSV of a million columns (a header of 7 MB, as a
# broken or hostile export may be; t0005 reads 1,048,576 fields): the
# profile record was built whole as a cJSON tree before it was printed,
# about 2 KB a field, and the text table and the schema draft were made
# from that tree: 2.6 GB for two rows, 3 GB for the draft.  The fields are
# made and printed one at a time now; what stays is each column's own
# state (under 1 KB).  Every line of each output is compared, through its
# MD5: the same bytes as for a narrow file.
. "$(dirname "$0")/lib.sh"

LIMIT=300
# a million columns, in 1.4 GB of address space, twice what the fields'
# state takes; under the sanitizers or valgrind, which reserve address
# space for themselves and run ten times slower, the same outputs of a
# hundred thousand columns, without the bound
mem="ulimit -v 1400000;" n=1000000
if [ "${GOVKIT_SAN:-0}" = 1 ] || [ "${GOVKIT_VALGRIND:-0}" = 1 ]; then
	mem= n=100000
fi
export n

py - <<'PY'
import hashlib, os
n = int(os.environ['n'])
names = ['c%d' % i for i in range(n)]
with open('wide.csv', 'w') as f:
    f.write(','.join(names) + '\n')
    f.write(','.join('1' for i in range(n)) + '\n')
    f.write(','.join('2' for i in range(n)) + '\n')
# the profile record, one line
rec = ('{"type":"profile","file":"wide.csv","encoding":"utf-8","delimiter":",",'
       '"rows":2,"blank_rows":0,"fields":[' +
       ','.join('{"name":"%s","type":"integer","format":null,"nulls":0,'
                '"distinct":2,"distinct_exact":true,"min":1,"max":2,'
                '"mean":1.5,"min_length":1,"max_length":1,"top":'
                '[{"value":"1","count":1},{"value":"2","count":1}]}' % c
                for c in names) + ']}\n')
# the schema draft as cJSON prints it
field = ('{\n\t\t\t"name":\t"%s",\n\t\t\t"type":\t"integer",\n'
         '\t\t\t"constraints":\t{\n\t\t\t\t"required":\ttrue,\n'
         '\t\t\t\t"minimum":\t0,\n\t\t\t\t"maximum":\t10\n\t\t\t}\n\t\t}')
schema = ('{\n\t"fields":\t[' + ', '.join(field % c for c in names) +
          '],\n\t"missingValues":\t[""]\n}\n')
# the text table
w = max(len('FIELD'), max(len(c) for c in names))
text = ('wide.csv: 2 rows, %d fields, utf-8, delimiter ,\n' % n +
        '%-*s  TYPE     FORMAT  NULLS  DISTINCT  LENGTH  MIN  MAX  MEAN  TOP\n'
        % (w, 'FIELD') +
        ''.join('%-*s  integer              0         2       1  1    2     1.5  '
                '1 (1), 2 (1)\n' % (w, c) for c in names))
for name, s in (('rec', rec), ('schema', schema), ('text', text)):
    open(name + '.md5', 'w').write(hashlib.md5(s.encode()).hexdigest() + '\n')
PY

md5() { md5sum <out | cut -d' ' -f1; }
run sh -c "$mem exec timeout $LIMIT gov-profile --format ndjson wide.csv >out"
is "a million columns, ndjson: exit 0, every field's record as for a narrow file" \
	"$RC:$ERR:$(md5)" "0::$(cat rec.md5)"
run sh -c "$mem exec timeout $LIMIT gov-profile --schema --format text wide.csv >out"
is "the schema draft: exit 0, every field" "$RC:$ERR:$(md5)" \
	"0::$(cat schema.md5)"
run sh -c "$mem exec timeout $LIMIT gov-profile --format text wide.csv >out"
is "the text table: exit 0, every line" "$RC:$ERR:$(md5)" \
	"0::$(cat text.md5)"
rm -f wide.csv out
done_testing
