#!/usr/bin/env bash
# The paper's codebook ablation (ViT-VQGAN, Table 4) on our data: short runs of equal length with
# lookup dimension 256 without l2, 256 with l2, 64, 32 and 8 with l2, codes drawn from a normal
# distribution as in the paper. Writes codebook-ablation.md (usage, perplexity, PSNR per run).
#   bash docs/experiments/codebook-ablation.sh [DATA] [STEPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/tiny-imagenet-64-train.zip}
STEPS=${2:-500}
JAR=${JAR:-model-bridge/target/vqstudio.jar}
RUNS=${RUNS:-$HOME/runs/ablation}
THREADS=${THREADS:-2}
[ -f "$DATA" ] || { echo "dataset not found: $DATA" >&2; exit 1; }
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
mkdir -p "$RUNS"
OUT=docs/experiments/codebook-ablation.md
{
  echo "| lookup dim | l2 | codebook usage (codes used) | perplexity | PSNR (dB) | SSIM |"
  echo "|---|---|---|---|---|---|"
} > "$OUT.tmp"
for cfg in "256 no" "256 yes" "64 yes" "32 yes" "8 yes"; do
  set -- $cfg
  name="dim$1-l2$2"
  extra=(); [ "$2" = no ] && extra=(--no-l2)
  java -jar "$JAR" train-tokenizer --data "$DATA" --preset vit-cpu --out "$RUNS/$name" --steps "$STEPS" --batch 16 --restart-every 0 \
    --lookup-dim "$1" "${extra[@]}" --codebook-init normal --no-gan --lr 5e-4 --warmup 50 \
    --intervals 50,100000,100000,100000,256 --threads "$THREADS" 2>>"$RUNS/$name.log" >/dev/null
  java -jar "$JAR" eval-tokenizer --model "$RUNS/$name" --data "$DATA" --limit 1024 --json --threads "$THREADS" \
    2>>"$RUNS/$name.log" > "$RUNS/$name.json"
  python3 - "$1" "$2" "$RUNS/$name.json" >> "$OUT.tmp" <<'PY'
import json, sys
r = json.load(open(sys.argv[3]))
print(f"| {sys.argv[1]} | {sys.argv[2]} | {100*r['codebookUsage']:.2f}% ({8192-r['deadCodes']}) | {r['perplexity']:.1f} | {r['psnr']:.2f} | {r['ssim']:.3f} |")
PY
done
mv "$OUT.tmp" "$OUT"
cat "$OUT"
