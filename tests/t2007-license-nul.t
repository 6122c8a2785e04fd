#!/bin/sh
# A \u0000 in a license's identifiers: kept as C strings (the online
# cache, the revocation list) "TL-YYZZ-2019-0011\u0000X" would be taken
# for TL-YYZZ-2019-0011.  The schema check refuses such a field.
. "$(dirname "$0")/lib.sh"
S=$T_TOP/samples/licenses
grep '"TL-YYZZ-2019-0011"' "$S/licenses.jsonl" |
	sed 's/"TL-YYZZ-2019-0011"/"TL-YYZZ-2019-0011\\u0000X"/; s/"holder_id":"\([^"]*\)"/"holder_id":"\1\\u0000"/; s/"issuer_code":"\([^"]*\)"/"issuer_code":"\\u0000\1"/' >nul.jsonl
grep '"TL-YYZZ-2019-0011"' "$S/licenses.jsonl" |
	sed 's/"type":"license"/"type":"license","license_id":"ab\\u0000c"/' >lid.jsonl
schema_of() { printf '%s\n' "$OUT" | py -c '
import json, sys
for r in map(json.loads, sys.stdin):
    c = {c["check"]: c for c in r["checks"]}["schema"]
    print(json.dumps(r["license_no"]), r["verdict"], c.get("message"))'; }

run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" nul.jsonl
is "NUL in identifiers: exit 1" "$RC" 1
is "NUL in identifiers: the schema check names each" "$(schema_of)" \
	'null untrusted license_no must not contain \u0000 (NUL); holder_id must not contain \u0000 (NUL); issuer_code must not contain \u0000 (NUL)'
run gov-license verify --trust "$S/trust.json" --today "$T_TODAY" lid.jsonl
is "NUL in license_id: refused" "$(schema_of)" \
	'"TL-YYZZ-2019-0011" untrusted license_id must not contain \u0000 (NUL)'
done_testing
