#!/usr/bin/env bash
# Reproduces the embedded Fashion-MNIST model set in assets/fashion-mnist/models with the project's own CLI:
#   1. tokenizer: vit-fmnist (28x28 grey read as RGB, resized to 32 px; 2x2 patches -> 16x16 tokens, 256 codes of
#      8 dimensions, l2 codes, commitment 0.02, dead codes restarted every 50 steps) on the 60,000 training
#      images with 5% held out, the L2 loss alone (PSNR is the target), a
#      low peak learning rate (at 5e-4 the codes collapsed onto patch means within 150 steps: 21.3 dB);
#   2. eval: the tokenizer on the 10,000 test images (used for nothing else);
#   3. tokenize: the training images into one token file;
#   4. priors: a class-conditional AR (VIM) prior and a MaskGIT prior, label dropout for guidance, side by side;
#   5. classifier: a small CNN on the training images (test accuracy), and eval-samples on both priors;
#   6. export: float16 copies into assets/fashion-mnist/models.
# Every stage resumes its run: run the script again and it continues. RUNS sets where the runs live.
# Usage: bash docs/experiments/fashion-mnist.sh [tokenizer|eval|tokenize|priors|classifier|samples|export|all]
set -euo pipefail
cd "$(dirname "$0")/../.."
STAGE=${1:-all}
FMNIST=${FMNIST:-/usr/share/datasets/fashion-mnist}
TRAIN=$FMNIST/train-images-idx3-ubyte.gz
TEST=$FMNIST/t10k-images-idx3-ubyte.gz
RUNS=${RUNS:-$HOME/runs}
JAR=${JAR:-model-bridge/target/vqstudio.jar}
TOKENIZER_STEPS=${TOKENIZER_STEPS:-1500}
# The shipped priors: 800 steps, then resumed to 2,400 (--resume --steps 2400 continues the cosine on the
# longer schedule); run from scratch, this gives one 2,400-step schedule instead.
PRIOR_STEPS=${PRIOR_STEPS:-2400}
THREADS=${THREADS:-2}
[ -f "$TRAIN" ] || { echo "Fashion-MNIST is not at $FMNIST: apt-get install dataset-fashion-mnist (or set FMNIST)"; exit 1; }
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
cli() { java -Xmx8g -jar "$JAR" "$@"; }
resume() { [ -d "$1/checkpoint" ] && echo --resume || true; }

if [[ $STAGE == tokenizer || $STAGE == all ]]; then
  cli train-tokenizer --data "$TRAIN" --preset vit-fmnist --out "$RUNS/fmnist-tokenizer" --steps "$TOKENIZER_STEPS" \
    --batch 32 --loss-weights 1,0,0,0 --no-gan --lr 1.5e-4 --warmup 300 --intervals 25,250,250,500,512 \
    --threads "$THREADS" $(resume "$RUNS/fmnist-tokenizer")
fi
if [[ $STAGE == eval || $STAGE == all ]]; then
  cli eval-tokenizer --model "$RUNS/fmnist-tokenizer" --data "$TEST" --validation 1 --threads "$THREADS" --json --grid docs/models/fashion-mnist-reconstructions.png --grid-columns 10 \
    | tee "$RUNS/fmnist-tokenizer-test.json"
fi
if [[ $STAGE == tokenize || $STAGE == all ]]; then
  cli tokenize --model "$RUNS/fmnist-tokenizer" --data "$TRAIN" --out "$RUNS/fmnist-train.vqt" --threads "$THREADS"
fi
if [[ $STAGE == priors || $STAGE == all ]]; then
  pids=()
  for kind in ar maskgit; do
    cli train-prior --tokens "$RUNS/fmnist-train.vqt" --kind $kind --preset $kind-fmnist --out "$RUNS/fmnist-prior-$kind" \
      --steps "$PRIOR_STEPS" --batch 32 --lr 5e-4 --warmup 100 --label-dropout 0.1 --intervals 25,300,150,512 --threads 1 \
      $(resume "$RUNS/fmnist-prior-$kind") &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
fi
if [[ $STAGE == classifier || $STAGE == all ]]; then
  cli train-classifier --data "$TRAIN" --out "$RUNS/fmnist-classifier" --width 32 --steps 4000 --threads "$THREADS" \
    $(resume "$RUNS/fmnist-classifier")
  cli eval-classifier --classifier "$RUNS/fmnist-classifier" --data "$TEST" --threads "$THREADS" --json \
    | tee "$RUNS/fmnist-classifier-test.json"
fi
if [[ $STAGE == samples || $STAGE == all ]]; then
  for kind in ar maskgit; do
    cli eval-samples --tokenizer "$RUNS/fmnist-tokenizer" --prior "$RUNS/fmnist-prior-$kind" \
      --classifier "$RUNS/fmnist-classifier" --per-class 100 --reference "$TEST" --cfg 2 --threads "$THREADS" --json \
      | tee "$RUNS/fmnist-samples-$kind.json"
    cli sample --tokenizer "$RUNS/fmnist-tokenizer" --prior "$RUNS/fmnist-prior-$kind" --every-class --n 10 --cfg 2 \
      --threads "$THREADS" --out "$RUNS/sheet-$kind" --grid "docs/models/fashion-mnist-$kind-samples.png"
  done
fi
if [[ $STAGE == export || $STAGE == all ]]; then
  OUT=assets/fashion-mnist/models
  cli export-model --model "$RUNS/fmnist-tokenizer" --out "$OUT/tokenizer" --half \
    --card docs/models/cards/fashion-mnist-tokenizer.md
  for kind in ar maskgit; do
    cli export-model --model "$RUNS/fmnist-prior-$kind" --out "$OUT/prior-$kind" --half \
      --card "docs/models/cards/fashion-mnist-prior-$kind.md"
  done
fi
