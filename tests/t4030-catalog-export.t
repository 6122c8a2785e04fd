#!/bin/sh
# gov-catalog export: CKAN package dicts, DCAT JSON-LD, a Data Package whose
# schemas gov-check accepts, the XLSX catalog table, entry records.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null

run gov-catalog export
is "export without --format: exit 2" "$RC" 2
run gov-catalog export --format rdfxml
is "unknown export format: exit 2" "$RC" 2
like "unknown export format: named" "$ERR" "unknown export format 'rdfxml'"
run gov-catalog export --format xlsx
is "xlsx without -o: exit 2" "$RC" 2

# ---- CKAN
run gov-catalog export --format ckan
is "ckan: exit 0" "$RC" 0
printf '%s\n' "$OUT" >ckan.jsonl
same_file "ckan: the package dicts" ckan.jsonl "$(expected catalog-ckan.jsonl)"
cat >check.py <<'PY'
import json, re
bad = []
n = 0
for line in open("ckan.jsonl"):
    p = json.loads(line)
    n += 1
    extras = {x["key"]: x["value"] for x in p["extras"]}
    if not re.fullmatch(r"[a-z0-9_-]{2,100}", p["name"]):
        bad.append("name " + p["name"])
    if "/" not in extras["identifier"]:
        bad.append("identifier " + extras["identifier"])
    if p["name"] != extras["identifier"].replace("/", "-"):
        bad.append("slug " + p["name"])
    for k in ("title", "notes", "resources"):
        if not p.get(k):
            bad.append(k + " missing in " + p["name"])
    if json.loads(extras["items"])[0]["name"] == "":
        bad.append("items")
print(n, bad)
PY
run py check.py
is "ckan: valid names, the code kept as identifier" "$OUT" "13 []"

# ---- DCAT
run gov-catalog export --format dcat -o catalog.jsonld
is "dcat: exit 0" "$RC" 0
cat >check.py <<'PY'
import json
doc = json.load(open("catalog.jsonld"))
assert doc["@type"] == "dcat:Catalog"
assert doc["@context"]["dct"] == "http://purl.org/dc/terms/"
assert doc["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
need = ["dct:title", "dct:description", "dct:publisher", "dct:identifier",
        "dct:accessRights", "dct:accrualPeriodicity", "dct:issued",
        "dcat:distribution"]
missing = []
rights = {}
freq = {}
for d in doc["dcat:dataset"]:
    assert d["@type"] == "dcat:Dataset"
    for k in need:
        if k not in d:
            missing.append((d["dct:identifier"], k))
    rights[d["dct:identifier"]] = d["dct:accessRights"]["@id"].rsplit("/", 1)[1]
    freq[d["dct:identifier"]] = d["dct:accrualPeriodicity"]["@id"].rsplit("/", 1)[1]
    assert d["dcat:distribution"][0]["@type"] == "dcat:Distribution"
    assert d["dct:publisher"]["foaf:name"]["@value"]
print(len(doc["dcat:dataset"]), missing, rights["101001001/000001"],
      rights["102001001/000001"], rights["323001001/000001"],
      freq["101001001/000001"], freq["102001001/000001"],
      freq["339001001/000001"], freq["314001001/000001"],
      freq["323001001/000001"])
PY
run py check.py
is "dcat: every dataset has the required properties, mapped" "$OUT" "13 [] RESTRICTED PUBLIC NON_PUBLIC UPDATE_CONT DAILY QUARTERLY ANNUAL IRREG"
run py -c '
import json
d = [x for x in json.load(open("catalog.jsonld"))["dcat:dataset"] if x["dct:identifier"] == "102001001/000001"][0]
print(d["dct:issued"], d["dct:publisher"]["dct:identifier"], d["@id"])'
is "dcat: issued date, publisher code, dataset IRI" "$OUT" "{'@value': '2024-03-15', '@type': 'xsd:date'} 11150500115050016P urn:govkit:catalog:102001001-000001"

# ---- Data Package: resources carry Table Schemas gov-check accepts.
run gov-catalog export --format datapackage -o datapackage.json
is "datapackage: exit 0" "$RC" 0
cat >check.py <<'PY'
import json
dp = json.load(open("datapackage.json"))
assert dp["profile"] == "tabular-data-package"
types = {"C": "string", "N": "number", "D": "date", "T": "datetime",
         "L": "boolean", "I": "integer", "F": "number", "B": "number"}
entries = {}
for r in dp["resources"]:
    assert r["path"] and r["name"] and r["schema"]["fields"]
    with open("schema-%s.json" % r["name"], "w") as f:
        json.dump(r["schema"], f, ensure_ascii=False)
    with open("header-%s.csv" % r["name"], "w") as f:
        f.write(",".join(x["name"] for x in r["schema"]["fields"]) + "\n")
print(len(dp["resources"]), sorted({x["type"] for r in dp["resources"] for x in r["schema"]["fields"]}))
PY
run py check.py
is "datapackage: a schema per resource, every type mapped" "$OUT" "13 ['date', 'datetime', 'integer', 'number', 'string']"
accepted=0
for s in schema-*.json; do
	name=${s#schema-}; name=${name%.json}
	if gov-check -s "$s" "header-$name.csv" >/dev/null 2>err.txt && [ ! -s err.txt ]; then
		accepted=$((accepted + 1))
	else
		fail "gov-check -s accepts $s" "$(cat err.txt)"
	fi
done
is "gov-check -s accepts every schema" "$accepted" 13
run gov-check -s schema-102001001-000001.json "$S/market-entities.csv"
is "the data described passes its catalog schema" "$RC" 0
sed 's/^91150502MA0N000758,/91150502MA0N000759,/' "$S/market-entities.csv" >bad.csv
run gov-check -s schema-102001001-000001.json bad.csv
is "a wrong USCC fails the catalog schema" "$RC" 1
like "the format finding" "$OUT" '"field":"统一社会信用代码","check":"format"'

# ---- XLSX: the catalog table with Chinese headers and values.
run gov-catalog export --format xlsx -o catalog.xlsx
is "xlsx: exit 0" "$RC" 0
is "xlsx: nothing on stdout" "$OUT" ""
cat >check.py <<'PY'
import openpyxl
ws = openpyxl.load_workbook("catalog.xlsx").active
rows = list(ws.iter_rows(values_only=True))
print(ws.title, len(rows) - 1)
print(" ".join(rows[0]))
r = [x for x in rows if x[0] == "323001001/000001"][0]
print(r[8], r[12], r[13], r[14].date())
print(rows[2][7])
PY
run py check.py
is "xlsx: headers, labels, items, dates" "$OUT" "资源目录 13
信息资源代码 信息资源名称 信息资源提供方 信息资源提供方代码 信息资源摘要 信息资源分类 信息资源格式 信息项信息 共享类型 共享条件 不予共享依据 共享方式 开放属性 更新周期 发布日期 关联资源代码
不予共享 不予开放 不定期 2024-08-15
统一社会信用代码(C,18); 企业名称(C,200); 法定代表人(C,50); 成立日期(D,10); 注册资本(N,20); 登记机关(C,100); 经营状态(C,10)"

# A summary longer than an Excel cell holds: cut, named, exit 1.
py -c 'import json; print(json.dumps({"type": "entry", "code": "101001001/000001", "name": "长摘要", "summary": "摘" * 40000}, ensure_ascii=False))' |
	gov-catalog --db long.db add >/dev/null
run gov-catalog --db long.db export --format xlsx -o long.xlsx
is "xlsx, a text cut: exit 1" "$RC" 1
is "xlsx, a text cut: the entry named" "$ERR" \
	"gov-catalog: entry 101001001/000001: column 'summary': text cut to Excel's 32767 characters"
run py -c 'import openpyxl; r = list(openpyxl.load_workbook("long.xlsx").active.iter_rows(values_only=True)); print(len(r[1][4]))'
is "xlsx, a text cut: the cell holds 32767 characters" "$OUT" 32767

# ---- NDJSON: the entries; filters apply to every export.
run gov-catalog export --format ndjson
is "ndjson: the entries" "$OUT" "$(gov-catalog list)"
run gov-catalog export --format ckan --share-type none
is "filters apply to exports" "$(printf '%s\n' "$OUT" | wc -l)" 1
run gov-catalog export --format ckan --owner-org tongliao --provider 市气象局
like "--owner-org sets owner_org" "$OUT" '"author":"市气象局","owner_org":"tongliao"'

# A code of Chinese characters only still gets a valid CKAN name.
printf '%s\n' '{"code":"气象/预警","name":"气象预警"}' | gov-catalog add >/dev/null
run gov-catalog export --format ckan --provider nobody
is "no match: no output" "$OUT" ""
run gov-catalog show 气象/预警
run gov-catalog export --format ckan
h=$(printf '%s' '气象/预警' | sha256sum | cut -c1-16)
like "non-ASCII code: res, '--' and the start of its SHA-256" "$OUT" \
	"\"name\":\"res--$h\",\"title\":\"气象预警\""

# Codes that lose characters on the way to a CKAN name made one name:
# 人口AB and 法人AB were both "ab", A.1 and a-1 both "a-1", so CKAN
# refused the second package_create and DCAT merged the two datasets
# into one node with two identifiers and two titles.  Now each keeps
# what it can and adds its own hash; a valid code keeps its plain name.
printf '%s\n' '{"code":"人口AB","name":"甲"}' '{"code":"法人AB","name":"乙"}' \
	'{"code":"A.1","name":"丙"}' '{"code":"a-1","name":"丁"}' |
	gov-catalog add >/dev/null
gov-catalog export --format ckan >ckan.jsonl
run py -c 'import json, sys
for l in open("ckan.jsonl"):
    p = json.loads(l)
    if p["title"] in ("甲", "乙", "丙", "丁", "人口基本信息"):
        print(p["title"], p["name"])'
is "ckan: codes that lose characters get names of their own" "$OUT" \
"人口基本信息 101001001-000001
丙 a-1--$(printf '%s' 'A.1' | sha256sum | cut -c1-16)
丁 a-1--$(printf '%s' 'a-1' | sha256sum | cut -c1-16)
甲 ab--$(printf '%s' '人口AB' | sha256sum | cut -c1-16)
乙 ab--$(printf '%s' '法人AB' | sha256sum | cut -c1-16)"
run py -c 'import json
names = [json.loads(l)["name"] for l in open("ckan.jsonl")]
print(len(names), len(set(names)))'
is "ckan: no two packages share a name" "$OUT" "18 18"
gov-catalog export --format dcat -o all.jsonld 2>/dev/null
run py -c 'import json
ds = json.load(open("all.jsonld"))["dcat:dataset"]
print(len(ds), len({d["@id"] for d in ds}))'
is "dcat: no two datasets share an IRI" "$OUT" "18 18"

done_testing
