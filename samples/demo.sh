#!/bin/sh
# The main pipeline on the samples: every samples/demo.d/NN-*.sh in order.
# Outputs go under samples/out/ (not kept in git).
set -eu
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
export PATH
GOVKIT_DB=$PWD/samples/out/demo.db
export GOVKIT_DB
rm -rf samples/out
mkdir -p samples/out
for step in samples/demo.d/*.sh; do
	[ -e "$step" ] || continue
	echo "== $(basename "$step" .sh)"
	sh "$step"
done
echo "== demo done: outputs in samples/out/"
