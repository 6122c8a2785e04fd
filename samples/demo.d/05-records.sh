# A GBK export with Chinese headers (as older systems write them) into
# records, and the records into a workbook; personal data masked.
set -eu
gov-records -s samples/records/grid-staff.schema.json \
	samples/records/grid-staff-gbk.csv >samples/out/grid-staff.jsonl
gov-xlsx -o samples/out/grid-staff.xlsx samples/out/grid-staff.jsonl
echo "gov-records: $(wc -l <samples/out/grid-staff.jsonl) records from samples/records/grid-staff-gbk.csv (GBK)"
echo "gov-xlsx: samples/out/grid-staff.xlsx"
