#!/usr/bin/env bash
# Build the front-end assets from the npm registry's govuk-frontend into the app's static folder.
# Nothing third-party is committed: this runs at set-up (make assets).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/csphub/frontend/static/vendor
if [ ! -d node_modules/govuk-frontend ] || [ package.json -nt node_modules/.package-lock.json ]; then
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
echo "assets built in $out"
