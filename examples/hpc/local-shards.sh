#!/bin/bash
# The same sharding on one machine: N processes in parallel, then the merge. What the Slurm and
# Kubernetes examples do, and what test/cli/commands/merge.test.ts checks (every CSV byte-identical
# to one run of all draws).
#
#   examples/hpc/local-shards.sh sick-sicker 20000 4
set -euo pipefail
MODEL=${1:-sick-sicker}
DRAWS=${2:-10000}
N=${3:-4}
OUT=${OUT:-out/shards-demo}
QALY=${QALY:-npx qaly}

for ((k = 0; k < N; k++)); do
  $QALY run "$MODEL" --psa "$DRAWS" --seed 1 --draws "$k/$N" --out "$OUT/shards" --quiet &
done
wait
$QALY merge "$OUT"/shards/psa-shard-*.json --out "$OUT/merged" --report "$OUT/merged/report.html"
