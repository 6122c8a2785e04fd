#!/bin/sh
# gov-catalog export --format dcat: an entry without a provider (a draft
# add took, which validate reports) had a dct:publisher all the same, a
# foaf:Agent with no foaf:name (only the provider_code's dct:identifier,
# or nothing at all), which DCAT-AP refuses: an Agent has a name.  Now
# such a dataset has no dct:publisher; one with a provider keeps it.
. "$(dirname "$0")/lib.sh"

cat >e.jsonl <<'EOF2'
{"type":"entry","code":"101001001/000001","name":"人口基本信息","provider":"市公安局","provider_code":"11150500115050024J"}
{"type":"entry","code":"301001001/000008"}
{"type":"entry","code":"301001001/000009","name":"只有代码","provider_code":"11150500115050016P"}
{"type":"entry","code":"301001001/000010","name":"空提供方","provider":""}
EOF2
gov-catalog add e.jsonl >/dev/null

run gov-catalog export --format dcat -o c.jsonld
is "dcat: exit 0" "$RC" 0
run py -c '
import json
for d in json.load(open("c.jsonld"))["dcat:dataset"]:
    print(d["dct:identifier"], json.dumps(d.get("dct:publisher", "-"), ensure_ascii=False))'
is "a publisher only with a name" "$OUT" \
'101001001/000001 {"@type": "foaf:Agent", "foaf:name": {"@value": "市公安局", "@language": "zh"}, "dct:identifier": "11150500115050024J"}
301001001/000008 "-"
301001001/000009 "-"
301001001/000010 "-"'

# read as RDF (Debian's python3-rdflib, which scripts/install-deps
# installs): every foaf:Agent has a foaf:name
run py -c '
import rdflib
from rdflib.namespace import FOAF, RDF
g = rdflib.Graph()
g.parse("c.jsonld", format="json-ld")
agents = set(g.subjects(RDF.type, FOAF.Agent))
print(len(agents), len([a for a in agents if (a, FOAF.name, None) not in g]))'
is "as RDF: one agent, none without a name" "$RC:$OUT" "0:1 0"

done_testing
