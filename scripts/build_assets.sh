#!/usr/bin/env bash
# Build the front-end assets from the npm registry's govuk-frontend (and Leaflet, for deployments
# with a map tile server) into the app's static folder.
# Nothing third-party is committed: this runs at set-up (make assets).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/csphub/frontend/static/vendor
if [ ! -d node_modules/govuk-frontend ] || [ ! -d node_modules/leaflet ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --silent
fi
mkdir -p "$out"
gf=node_modules/govuk-frontend/dist/govuk
cp "$gf/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
rm -rf "$out/assets" && cp -r "$gf/assets" "$out/assets"
# The GDS Transport font is for GOV.UK services only; the compiled CSS does not reference it.
rm -rf "$out/assets/fonts"
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
  --load-path=node_modules/govuk-frontend/dist src/csphub/frontend/scss/csphub.scss "$out/csphub.css"
# Leaflet is loaded only by the incident map, and only when CSPHUB_MAP_TILE_URL is set.
lf=node_modules/leaflet/dist
rm -rf "$out/leaflet" && mkdir -p "$out/leaflet"
cp "$lf/leaflet.js" "$lf/leaflet.css" "$out/leaflet/"
cp -r "$lf/images" "$out/leaflet/images"
echo "assets built in $out"
