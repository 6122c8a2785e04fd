#!/bin/sh
# gov-license: verify the sample electronic licenses as a counter would,
# with one license on the local revocation list (runs from the repository
# root with bin/ on PATH; GOVKIT_DB is the demo's database).
set -eu
L=samples/licenses
mkdir -p samples/out
gov-license revoke TL-YYZZ-2024-0025 --reason "吊销营业执照（示例）" --date 2025-09-01 \
	--format ndjson >/dev/null
rc=0
gov-license verify --trust "$L/trust.json" --today 2025-10-15 \
	-o samples/out/license-verdicts.jsonl "$L/licenses.jsonl" || rc=$?
# Exit 1 means "some license is not valid", which the samples are made for.
[ "$rc" -eq 1 ]
# Every license must get the verdict it was made for.
/usr/bin/python3 - "$L/expected-verdicts.txt" samples/out/license-verdicts.jsonl <<'PY'
import collections, json, sys
want = dict(l.split() for l in open(sys.argv[1], encoding="utf-8"))
got = {r["license_no"]: r["verdict"] for r in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
wrong = [n for n in want if got.get(n) != want[n]]
if wrong or len(got) != len(want):
    sys.exit("license verdicts differ from expected: %s" % ", ".join(wrong))
c = collections.Counter(got.values())
print("verified %d licenses: %s" % (len(got), ", ".join("%d %s" % (c[v], v) for v in
      ("valid", "invalid", "revoked", "expired", "not-yet-valid", "untrusted"))))
PY
echo "verdicts: samples/out/license-verdicts.jsonl (each as expected)"
# A counter checks one license and reads the answer.
grep '"TL-YYZZ-2024-0029"' "$L/licenses.jsonl" |
	gov-license verify --format text --trust "$L/trust.json" --today 2025-10-15 || true
