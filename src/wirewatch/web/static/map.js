/* Wirewatch maps: an outline of the countries (bundled, works offline), optional tiles,
   and event markers. Text from the database is only ever set with textContent. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var map = L.map(el, { worldCopyJump: true });
  var tiles = el.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  }
  if (el.dataset.outline) {
    fetch(el.dataset.outline).then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo) { return; }
      var layer = L.geoJSON(geo, { interactive: false,
        style: { color: "#7a8aa0", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: tiles ? 0 : 1 } });
      layer.addTo(map);
      layer.bringToBack();
    }).catch(function () { /* outlines are a nicety; markers still work */ });
  }

  function popup(p) {
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.className = "popup-title";
    a.href = "/events/" + encodeURIComponent(p.id);
    a.textContent = (p.sub_event_type || p.event_type || "event") + (p.loc_name ? " in " + p.loc_name : "");
    box.appendChild(a);
    var meta = document.createElement("div");
    meta.textContent = (p.date_start || "no date") + " · " + p.status +
      " · killed " + (p.fatalities_best === null || p.fatalities_best === undefined ? "?" : p.fatalities_best);
    box.appendChild(meta);
    return box;
  }

  if (el.dataset.lat) {  // one event: a small map
    var ll = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
    map.setView(ll, 6);
    var m = L.circleMarker(ll, { radius: 8, color: "#b42318", weight: 2, fillOpacity: 0.7, className: "ww-marker" }).addTo(map);
    var label = document.createElement("span");
    label.textContent = el.dataset.label || "";
    m.bindPopup(label);
    return;
  }
  map.setView([25, 30], 2);
  fetch(el.dataset.api, { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      if (!data.features) { throw new Error((data.error && data.error.message) || "no data"); }
      var bounds = [];
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates, ll = [c[1], c[0]];
        var n = f.properties.fatalities_best || 0;
        L.circleMarker(ll, { radius: 4 + Math.min(10, Math.sqrt(n) * 2), color: "#b42318", weight: 1,
          fillOpacity: 0.55, className: "ww-marker" }).bindPopup(popup(f.properties)).addTo(map);
        bounds.push(ll);
      });
      if (bounds.length) { map.fitBounds(bounds, { maxZoom: 7, padding: [20, 20] }); }
      if (status) {
        status.textContent = data.features.length + " located event(s)" + (data.truncated ? " (the most recent only)" : "") +
          (tiles ? "" : " · offline outline map (set WIREWATCH_TILES for a tile layer)");
      }
    })
    .catch(function (err) { if (status) { status.textContent = "Could not load events: " + err.message; } });
})();
