#!/bin/sh
# Vendor the explorer's JavaScript libraries from npm at pinned versions into
# src/multivector/web/static/vendor/ (served by the server itself: no CDN, strict CSP).
# Re-run after changing a version; commit the copied files and their licences.
set -eu
CYTOSCAPE=3.35.0   # graph drawing and layout (MIT)
UPLOT=1.6.32       # time-series charts (MIT)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/src/multivector/web/static/vendor"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo '{"name": "mv-vendor", "private": true}' > package.json
npm install --no-audit --no-fund --save-exact "cytoscape@$CYTOSCAPE" "uplot@$UPLOT" >/dev/null
rm -rf "$DEST"
mkdir -p "$DEST/cytoscape" "$DEST/uplot"
cp node_modules/cytoscape/dist/cytoscape.min.js "$DEST/cytoscape/"
cp node_modules/cytoscape/LICENSE "$DEST/cytoscape/LICENSE.txt"
cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css "$DEST/uplot/"
cp node_modules/uplot/LICENSE "$DEST/uplot/LICENSE.txt"
cat > "$DEST/README.txt" <<TXT
Vendored by scripts/vendor-web.sh from npm (exact versions; licences beside each file):
cytoscape $CYTOSCAPE  MIT  https://github.com/cytoscape/cytoscape.js
uplot     $UPLOT  MIT  https://github.com/leeoniya/uPlot
TXT
echo "vendored into $DEST"
