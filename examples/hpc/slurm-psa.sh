#!/bin/bash
# A PSA split over a Slurm job array: task K of N evaluates part K of the draws (qaly run --draws
# K/N) and writes one shard; a second job, started when every task has succeeded, merges the
# shards into the results of one run (bit-identical to running all draws in one process).
#
#   sbatch --export=ALL,MODEL=models/nsclc-gene-panel,DRAWS=100000,SEED=2025 examples/hpc/slurm-psa.sh
#
# The merge job is submitted by this script itself, with an afterok dependency on the array. Adapt
# the account, partition and module lines to your centre (the #SBATCH lines below are examples).
#SBATCH --job-name=qaly-psa
#SBATCH --array=0-15
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=logs/qaly-psa-%A_%a.out
set -euo pipefail

MODEL=${MODEL:-models/nsclc-gene-panel}
DRAWS=${DRAWS:-100000}
SEED=${SEED:-2025}
OUT=${OUT:-results/${SLURM_ARRAY_JOB_ID:-local}}
QALY=${QALY:-npx qaly}

# module load nodejs/20   # as your centre provides Node 20

# One process per task: the shard's draws are fixed by the task index, not by which node runs it.
$QALY run "$MODEL" --psa "$DRAWS" --seed "$SEED" \
  --draws "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --out "$OUT/shards" --quiet

# The first task submits the merge once, to run after every task of the array has succeeded.
if [ "${SLURM_ARRAY_TASK_ID}" = "${SLURM_ARRAY_TASK_MIN:-0}" ]; then
  sbatch --dependency="afterok:${SLURM_ARRAY_JOB_ID}" --job-name=qaly-merge --time=00:30:00 --mem=4G \
    --output="logs/qaly-merge-${SLURM_ARRAY_JOB_ID}.out" \
    --wrap="$QALY merge $OUT/shards/psa-shard-*.json --out $OUT/merged --report $OUT/merged/report.html"
fi
