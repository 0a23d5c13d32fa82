#!/usr/bin/env bash
# Regenerates the pictures of docs/CAD.md from the sample room:
#   docs/img/sample-plan-dxf.png       the sample's DXF as ezdxf's drawing add-on draws it
#   docs/img/review-sheet-failing.png  the review sheet of the sample with devices taken out
# Needs Debian's python3-ezdxf and python3-matplotlib, and chromium for the sheet.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npx tsx scripts/export-sample-drawings.ts "$work"
/usr/bin/python3 scripts/render-dxf-png.py "$work/sample.dxf" docs/img/sample-plan-dxf.png 12
/usr/bin/python3 scripts/render-dxf-png.py "$work/sample-failing.dxf" "$work/sample-failing-dxf.png" 12
if command -v chromium >/dev/null 2>&1; then
  # The window is the sheet's own size, read from its root element.
  size=$(grep -o -m1 'width="[0-9.]*" height="[0-9.]*"' "$work/sample-failing-sheet.svg" | tr -dc '0-9. ' | awk '{printf "%d,%d", $1 + 0.5, $2 + 0.5}')
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
    --screenshot="$PWD/docs/img/review-sheet-failing.png" "file://$work/sample-failing-sheet.svg" 2>/dev/null
  echo "wrote docs/img/review-sheet-failing.png"
else
  echo "chromium is missing (apt-get install -y chromium): docs/img/review-sheet-failing.png not redrawn" >&2
fi
