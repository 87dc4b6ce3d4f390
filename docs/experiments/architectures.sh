#!/usr/bin/env bash
# The paper's architecture comparison (ViT-VQGAN, Table 1) on our data at matched training time:
# ViT-VQGAN (vit-cpu), taming's CNN VQGAN (cnn-cpu) and a VQ-VAE (vqvae-cpu), each trained for the
# same wall time with L2 + logit-Laplace + codebook losses (no GAN, no perceptual network, so the
# comparison is of the architectures). Writes architectures.md: PSNR, codebook usage, steps and
# training images/s of each.
#   bash docs/experiments/architectures.sh [DATA] [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/tiny-imagenet-64-train.zip}
MINUTES=${2:-10}
JAR=${JAR:-model-bridge/target/vqstudio.jar}
RUNS=${RUNS:-$HOME/runs/architectures}
THREADS=${THREADS:-2}
[ -f "$DATA" ] || { echo "dataset not found: $DATA" >&2; exit 1; }
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
mkdir -p "$RUNS"
OUT=docs/experiments/architectures.md
{
  echo "| model | parameters | steps in ${MINUTES} min | train images/s | PSNR (dB) | SSIM | codebook usage | perplexity |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$OUT.tmp"
for preset in vit-cpu cnn-cpu vqvae-cpu; do
  java -jar "$JAR" train-tokenizer --data "$DATA" --preset "$preset" --out "$RUNS/$preset" --steps 100000 --batch 16 \
    --no-gan --lr 5e-4 --warmup 50 --time-limit "$MINUTES" --intervals 25,100000,100000,100000,256 \
    --threads "$THREADS" 2>>"$RUNS/$preset.log" >/dev/null
  java -jar "$JAR" eval-tokenizer --model "$RUNS/$preset" --data "$DATA" --limit 1024 --json --threads "$THREADS" \
    2>>"$RUNS/$preset.log" > "$RUNS/$preset.json"
  python3 - "$preset" "$RUNS/$preset.json" "$RUNS/$preset/metrics.jsonl" "$RUNS/$preset/checkpoint/spec.json" >> "$OUT.tmp" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
rows = [json.loads(l) for l in open(sys.argv[3]) if "train/images_per_s" in l]
last = rows[-1]
spec = json.load(open(sys.argv[4]))
import os, struct
f = open(os.path.join(os.path.dirname(sys.argv[4]), "model.safetensors"), "rb")
n = struct.unpack("<Q", f.read(8))[0]
header = json.loads(f.read(n))
params = sum(eval("*".join(map(str, v["shape"])) or "1") for k, v in header.items() if k != "__metadata__")
print(f"| {sys.argv[1]} | {params/1e6:.2f} M | {last['step']} | {last['train/images_per_s']:.1f} | {r['psnr']:.2f} | {r['ssim']:.3f} | {100*r['codebookUsage']:.1f}% | {r['perplexity']:.1f} |")
PY
done
mv "$OUT.tmp" "$OUT"
cat "$OUT"
