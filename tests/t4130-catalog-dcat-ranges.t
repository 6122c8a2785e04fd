#!/bin/sh
# gov-catalog export --format dcat: the values have the classes DCAT-AP
# gives their properties, not only the right property names.  The
# distribution's dct:format was a bare text ("csv", "数据库表") where
# DCAT-AP wants a dct:MediaTypeOrExtent (the EU file-type vocabulary),
# with no dcat:mediaType; dct:rights was a text where it wants a
# dct:RightsStatement; a published date that is not one was still typed
# xsd:date; the catalog had no dct:description, which DCAT-AP requires.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null
printf '%s\n' '{"code":"328001001/000002","name":"气象预警信号","format":"XLSX","published":"2024年7月1日","share_type":"none","share_basis":"《气象灾害防御条例》"}' |
	gov-catalog add >/dev/null
run gov-catalog export --format dcat -o catalog.jsonld
is "dcat: exit 0" "$RC" 0

cat >check.py <<'PY'
import json
doc = json.load(open("catalog.jsonld"))
ctx = doc["@context"]
EU = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
ds = {d["dct:identifier"]: d for d in doc["dcat:dataset"]}

def dist(code):
    return ds[code]["dcat:distribution"][0]

def fmt(code):
    f = dist(code)["dct:format"]
    if "@id" in f:
        return f["@id"].replace(EU, "EU:") + " " + \
            dist(code)["dcat:mediaType"]["@id"].replace(IANA, "IANA:")
    label = f["rdfs:label"]
    return "%s %s" % (f["@type"], label["@value"] if isinstance(label, dict) else label)

# every compact IRI used as a key or a type has its prefix in the context,
# so a JSON-LD processor drops nothing
unknown = set()
def walk(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if not k.startswith("@") and k.split(":")[0] not in ctx:
                unknown.add(k)
            if k in ("@type",) and isinstance(v, str) and v.split(":")[0] not in ctx:
                unknown.add(v)
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(doc)
print("unknown prefixes:", sorted(unknown))
print("catalog description:", doc["dct:description"]["@value"] != "" and doc["dct:description"]["@language"])
print(fmt("102001001/000001"))
print(fmt("202002001/000001"))
print(fmt("328001001/000002"))
print(fmt("101001001/000001"))
print(fmt("211001001/000001"))
r = ds["101001001/000001"]["dct:rights"]
print(r["@type"], r["rdfs:label"]["@language"], r["rdfs:label"]["@value"][:6])
r = ds["323001001/000001"]["dct:rights"]
print(r["@type"], r["rdfs:label"]["@value"][:9])
print(ds["102001001/000001"]["dct:issued"], ds["328001001/000002"]["dct:issued"])
PY
run py check.py
is "dcat: formats, rights and dates in their DCAT-AP classes" "$OUT" "unknown prefixes: []
catalog description: zh
EU:CSV IANA:text/csv
EU:XLSX IANA:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
EU:XLSX IANA:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
dct:MediaTypeOrExtent 数据库表
dct:MediaTypeOrExtent api
dct:RightsStatement zh 仅限履行法定
dct:RightsStatement 《中华人民共和国档
{'@value': '2024-03-15', '@type': 'xsd:date'} {'@value': '2024年7月1日'}"
like "the context names rdfs" "$(cat catalog.jsonld)" '"rdfs":[[:space:]]*"http://www.w3.org/2000/01/rdf-schema#"'

# dcat:accessURL, which DCAT-AP requires, is the entry's url: nothing else
# in the catalog says where the data is; without one, none is made up.
printf '%s\n' '{"code":"102001001/000001","url":"https://share.tongliao.gov.cn/api/qydj"}' |
	gov-catalog add >/dev/null
gov-catalog export --format dcat -o url.jsonld 2>/dev/null
run py -c 'import json
ds = {d["dct:identifier"]: d["dcat:distribution"][0] for d in json.load(open("url.jsonld"))["dcat:dataset"]}
print(ds["102001001/000001"]["dcat:accessURL"], "dcat:accessURL" in ds["101001001/000001"])'
is "dcat: accessURL from the entry's url, none without" "$OUT" \
	"{'@id': 'https://share.tongliao.gov.cn/api/qydj'} False"
run gov-catalog export --format ckan
like "ckan: the resource's url" "$OUT" \
	'"resources":\[\{"name":"企业登记信息","url":"https://share.tongliao.gov.cn/api/qydj","format":"csv"\}\]'

# An address as officers type it: a JSON-LD reader resolves one without a
# scheme against the document's own place (file:///.../share.tongliao...)
# and drops one with a blank in it; a drive letter is not a scheme.  The
# export leaves out what is not absolute (validate warns) and
# percent-encodes what an IRI cannot hold.
cat >urls.jsonl <<'EOF'
{"code":"102001001/000001","url":"share.tongliao.gov.cn/api/qydj"}
{"code":"101001001/000001","url":" https://share.tongliao.gov.cn/文件/人口 基本信息.csv?a=\"1\"&p=5%&q=%E4 "}
{"code":"105001001/000001","url":"D:\\共享\\法人.xlsx"}
{"code":"201006001/000001","url":"ftp://10.1.1.1/x"}
EOF
gov-catalog add urls.jsonl >/dev/null
run gov-catalog export --format dcat -o urls.jsonld
is "dcat urls: exit 0" "$RC" 0
run py -c 'import json
ds = {d["dct:identifier"]: d["dcat:distribution"][0] for d in json.load(open("urls.jsonld"))["dcat:dataset"]}
for c in ("102001001/000001", "101001001/000001", "105001001/000001", "201006001/000001"):
    print(c, ds[c].get("dcat:accessURL"))'
is "dcat: accessURL only for an absolute address, blanks and quotes percent-encoded" "$OUT" \
"102001001/000001 None
101001001/000001 {'@id': 'https://share.tongliao.gov.cn/文件/人口%20基本信息.csv?a=%221%22&p=5%25&q=%E4'}
105001001/000001 None
201006001/000001 {'@id': 'ftp://10.1.1.1/x'}"
run gov-catalog validate --today $T_TODAY
is "validate: a warning for each url that is not absolute" \
	"$(finding_fields code field check severity value | grep ' url ')" \
'102001001/000001 url format warning share.tongliao.gov.cn/api/qydj
105001001/000001 url format warning D:\共享\法人.xlsx'

done_testing
