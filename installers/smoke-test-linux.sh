#!/usr/bin/env bash
# Smoke test of a built Linux app image: the command-line launcher reports the engine, and the
# studio starts under a virtual display, keeps running and draws a window that is not blank.
#   installers/smoke-test-linux.sh [IMAGE_DIR] [SCREENSHOT.png]
# Needs xvfb (xvfb-run) and ImageMagick (import, convert): apt-get install xvfb imagemagick
set -euo pipefail
image="${1:-app/target/installer/image/VQ Studio}"
shot="${2:-app/target/installer/smoke-test.png}"
wait_s="${SMOKE_WAIT_S:-25}"

"$image/bin/vqstudio" info --no-gemm --threads 1

rm -f "$shot"
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  "$1/bin/VQ Studio" & app=$!
  sleep "$3"
  if ! kill -0 "$app" 2>/dev/null; then echo "the studio exited early" >&2; exit 1; fi
  import -window root "$2"
  kill "$app"; wait "$app" 2>/dev/null || true' _ "$image" "$shot" "$wait_s"

# A blank screen has no spread of pixel values; the studio window has plenty.
spread=$(convert "$shot" -format '%[fx:standard_deviation]' info:)
echo "screenshot $shot, pixel standard deviation $spread"
awk -v s="$spread" 'BEGIN { exit !(s > 0.05) }' || { echo "the screen is blank" >&2; exit 1; }
