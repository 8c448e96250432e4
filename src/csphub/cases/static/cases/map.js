// Incident map, tiled: progressive enhancement over the server-drawn SVG.
// Loaded only when the deployment sets CSPHUB_MAP_TILE_URL. Reads the page's JSON data element
// (the same incidents the SVG shows, chosen by the server's policy), draws the tile layer, the
// LSOA and district outlines and the incidents, and hides the SVG only once all that has worked.
// No HTML is built from data: text goes in through textContent.
(function () {
  "use strict";

  var COLOURS = { personal: "#d4351c", nuisance: "#1d70b8", environmental: "#00703c" };

  function popup(incident) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = incident.url;
    link.textContent = incident.reference;
    var text = document.createElement("p");
    text.className = "govuk-body-s govuk-!-margin-bottom-0";
    text.textContent = incident.category + ", " + incident.type_label + ", " + incident.date;
    box.appendChild(link);
    box.appendChild(text);
    return box;
  }

  function draw() {
    var container = document.getElementById("incident-map-tiles");
    var source = document.getElementById("incident-map-data");
    if (!container || !source || typeof window.L === "undefined") {
      return; // the SVG stays
    }
    var L = window.L;
    var data = JSON.parse(source.textContent);
    container.hidden = false;
    var map = L.map(container, { attributionControl: true });
    L.tileLayer(data.tiles.url, { maxZoom: 19, attribution: "" }).addTo(map);
    if (data.tiles.attribution) {
      // Plain text from settings; Leaflet would treat an attribution string as HTML.
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(
        data.tiles.attribution.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      );
    }
    var areas = L.geoJSON(data.areas, {
      interactive: false,
      style: function (feature) {
        return feature.properties.kind === "district"
          ? { color: "#0b0c0c", weight: 2, fill: false }
          : { color: "#505a5f", weight: 1, fillOpacity: 0.05 };
      },
    }).addTo(map);
    var points = L.featureGroup();
    data.incidents.forEach(function (incident) {
      L.circleMarker([incident.lat, incident.lon], {
        radius: 6,
        color: "#ffffff",
        weight: 1,
        fillColor: COLOURS[incident.type] || "#0b0c0c",
        fillOpacity: 0.9,
      })
        .bindPopup(popup(incident))
        .addTo(points);
    });
    points.addTo(map);
    var bounds = areas.getBounds();
    if (!bounds.isValid()) {
      bounds = points.getBounds();
    }
    if (bounds.isValid()) {
      map.fitBounds(bounds);
    } else {
      map.setView([52.5, -1.5], 6);
    }
    var svg = document.getElementById("incident-map-svg");
    if (svg) {
      svg.setAttribute("hidden", "");
      svg.setAttribute("aria-hidden", "true");
    }
    container.setAttribute("data-drawn", "true");
  }

  function start() {
    try {
      draw();
    } catch (error) {
      // Anything unexpected: keep the SVG, which needs no script.
      var container = document.getElementById("incident-map-tiles");
      if (container) {
        container.hidden = true;
      }
      var svg = document.getElementById("incident-map-svg");
      if (svg) {
        svg.removeAttribute("hidden");
        svg.removeAttribute("aria-hidden");
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
