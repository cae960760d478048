#!/usr/bin/env bash
# Fetch the web page's third-party files from npm and copy them into the package:
#   Leaflet 1.9.4 (BSD-2-Clause)  -> src/wirewatch/web/static/vendor/leaflet.{js,css}, images/
#   world-atlas 2.0.2 (ISC; Natural Earth data, public domain) -> countries.geojson (offline outline map)
# The results are committed, so users need no build step; re-run this only to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build/web-vendor
DEST=src/wirewatch/web/static/vendor
LEAFLET=1.9.4
ATLAS=2.0.2
mkdir -p "$BUILD" "$DEST/images"
[ -f "$BUILD/package.json" ] || echo '{"private": true}' > "$BUILD/package.json"
npm install --prefix "$BUILD" --no-audit --no-fund --save-exact "leaflet@$LEAFLET" "world-atlas@$ATLAS"
cp "$BUILD/node_modules/leaflet/dist/leaflet.js" "$BUILD/node_modules/leaflet/dist/leaflet.css" "$DEST/"
cp "$BUILD/node_modules/leaflet/dist/images/"*.png "$DEST/images/"
cp "$BUILD/node_modules/leaflet/LICENSE" "$DEST/LICENSE-leaflet.txt"
cp "$BUILD/node_modules/world-atlas/LICENSE" "$DEST/LICENSE-world-atlas.txt"
python scripts/topojson_to_geojson.py "$BUILD/node_modules/world-atlas/countries-110m.json" "$DEST/countries.geojson"
cat > "$DEST/VERSIONS.md" <<EOT
# Vendored web files

| file | package | version | licence |
|---|---|---|---|
| leaflet.js, leaflet.css, images/ | leaflet (npm) | $LEAFLET | BSD-2-Clause (LICENSE-leaflet.txt) |
| countries.geojson | world-atlas (npm), countries-110m.json converted (and cut at the antimeridian) by scripts/topojson_to_geojson.py | $ATLAS | ISC (LICENSE-world-atlas.txt); data: Natural Earth, public domain |

Regenerate with \`bash scripts/vendor-web.sh\`.
EOT
echo "vendored leaflet $LEAFLET and world-atlas $ATLAS into $DEST"
