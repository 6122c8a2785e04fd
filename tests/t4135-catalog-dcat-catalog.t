#!/bin/sh
# gov-catalog export --format dcat: the dcat:Catalog itself as DCAT-AP
# asks.  It had a fixed title and description and nothing else: no
# dct:publisher (mandatory), no foaf:homepage, dct:language or
# dct:modified (recommended).  The publisher, homepage, title,
# description and languages come from the catalog_* keys of the config
# file; without catalog_publisher none is made up and the export says so
# once; dct:language is ZHO (every text is tagged zh) unless configured;
# dct:modified is the newest published date up to today.  The CKAN, Data
# Package and entry exports do not change.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/catalog

gov-catalog add "$S/entries.jsonl" >/dev/null

cat >members.py <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ctx = doc["@context"]
# every member of the catalog but its datasets, compact IRIs expanded
# with the document's own context, as a JSON-LD reader does
def expand(k):
    p, _, rest = k.partition(":")
    return ctx[p] + rest if p in ctx else k
for k, v in doc.items():
    if k in ("@context", "dcat:dataset"):
        continue
    print(expand(k) if not k.startswith("@") else k, json.dumps(v, ensure_ascii=False, sort_keys=True))
print("datasets", len(doc["dcat:dataset"]))
PY

# Not configured: no publisher, and one note saying what to set.
run gov-catalog export --format dcat --today $T_TODAY -o plain.jsonld
is "unconfigured: exit 0" "$RC" 0
is "unconfigured: one note that DCAT-AP wants a publisher" "$ERR" \
	"gov-catalog: the catalog has no dct:publisher, which DCAT-AP requires: name the data office with catalog_publisher in the configuration file"
run py members.py plain.jsonld
is "unconfigured: the catalog's members" "$OUT" \
'@id "urn:govkit:catalog:catalog"
@type "dcat:Catalog"
http://purl.org/dc/terms/title {"@language": "zh", "@value": "政务数据资源目录"}
http://purl.org/dc/terms/description {"@language": "zh", "@value": "按《政务信息资源目录编制指南（试行）》编制的政务数据资源目录"}
http://purl.org/dc/terms/language [{"@id": "http://publications.europa.eu/resource/authority/language/ZHO"}]
http://purl.org/dc/terms/modified {"@type": "xsd:date", "@value": "2024-09-10"}
datasets 13'

# Configured: the data office, its portal, the city's title, two
# languages; a published date after --today is not the catalog's
# modification date.
mkdir -p "$XDG_CONFIG_HOME/govkit"
cat >"$XDG_CONFIG_HOME/govkit/config" <<'CFG'
owner_org = tongliao
catalog_publisher = 通辽市政务服务和数据管理局
catalog_homepage = https://data.tongliao.gov.cn/目录 首页
catalog_title = 通辽市政务数据资源目录
catalog_description = Tongliao government data resources
catalog_language = zho, MON
CFG
run gov-catalog export --format dcat --today 2024-08-20 -o conf.jsonld
is "configured: exit 0, nothing on stderr" "$RC:$ERR" "0:"
run py members.py conf.jsonld
is "configured: the catalog's members" "$OUT" \
'@id "urn:govkit:catalog:catalog"
@type "dcat:Catalog"
http://purl.org/dc/terms/title {"@language": "zh", "@value": "通辽市政务数据资源目录"}
http://purl.org/dc/terms/description "Tongliao government data resources"
http://purl.org/dc/terms/publisher {"@type": "foaf:Agent", "foaf:name": {"@language": "zh", "@value": "通辽市政务服务和数据管理局"}}
http://xmlns.com/foaf/0.1/homepage {"@id": "https://data.tongliao.gov.cn/目录%20首页"}
http://purl.org/dc/terms/language [{"@id": "http://publications.europa.eu/resource/authority/language/ZHO"}, {"@id": "http://publications.europa.eu/resource/authority/language/MON"}]
http://purl.org/dc/terms/modified {"@type": "xsd:date", "@value": "2024-08-15"}
datasets 13'

# A filtered export: the newest date of what is exported.
run gov-catalog export --format dcat --category 基础信息资源/人口基础信息资源 --today $T_TODAY
is "filtered: dct:modified of the entries exported" \
	"$(printf '%s\n' "$OUT" | py -c 'import json,sys; print(json.load(sys.stdin)["dct:modified"]["@value"])')" \
	"2024-03-01"

# A key that cannot be used is a bad config: exit 2, the key named, no file.
printf 'catalog_homepage = data.tongliao.gov.cn\n' >"$XDG_CONFIG_HOME/govkit/config"
run gov-catalog export --format dcat -o bad.jsonld
is "homepage not absolute: exit 2, named" "$RC:$ERR" \
	"2:gov-catalog: config key 'catalog_homepage': 'data.tongliao.gov.cn' is not an absolute address (https://...)"
ok "homepage not absolute: no file" test ! -e bad.jsonld
printf 'catalog_language = zh\n' >"$XDG_CONFIG_HOME/govkit/config"
run gov-catalog export --format dcat -o bad.jsonld
is "language not a code: exit 2, named" "$RC:$ERR" \
	"2:gov-catalog: config key 'catalog_language': 'zh' is not a code of the EU language vocabulary (ZHO, MON, ENG)"
ok "language not a code: no file" test ! -e bad.jsonld

# The other exports read none of these keys: the same bytes with and
# without them.
rm "$XDG_CONFIG_HOME/govkit/config"
for f in ckan datapackage ndjson; do
	gov-catalog export --format $f >"before.$f" 2>&1
done
cat >"$XDG_CONFIG_HOME/govkit/config" <<'CFG'
catalog_publisher = 通辽市政务服务和数据管理局
catalog_homepage = https://data.tongliao.gov.cn/
catalog_language = ZHO
CFG
for f in ckan datapackage ndjson; do
	gov-catalog export --format $f >"after.$f" 2>&1
	ok "$f export unchanged by the catalog keys" cmp -s "before.$f" "after.$f"
done

done_testing
