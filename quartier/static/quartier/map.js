// Maps (Leaflet) as progressive enhancement: the page lists everything without them.
// Markup: templates/includes/map.html. Tiles come from data-tiles (MAP_TILE_URL);
// without a tile URL the points and areas are drawn on a plain background.
(function () {
  "use strict";

  function readJSON(id) {
    var node = id && document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function popup(feature) {
    var props = feature.properties || {};
    var box = document.createElement("div");
    var title = props.url ? document.createElement("a") : document.createElement("strong");
    if (props.url) { title.href = props.url; title.className = "kern-link"; }
    title.textContent = props.title || "";
    box.appendChild(title);
    if (props.text) {
      var text = document.createElement("p");
      text.textContent = props.text;
      box.appendChild(text);
    }
    return box;
  }

  function setUp(element) {
    if (typeof L === "undefined") { return; }
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, {
        maxZoom: 19, attribution: element.dataset.attribution || ""
      }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    var areas = readJSON(element.dataset.areas);
    if (areas) {
      var areaLayer = L.geoJSON(areas, {
        style: { color: "#1f5f8b", weight: 2, fillOpacity: 0.08 },
        onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature)); }
      }).addTo(map);
      if (areaLayer.getBounds().isValid()) { bounds.extend(areaLayer.getBounds()); }
    }
    var features = readJSON(element.dataset.features);
    if (features) {
      var pointLayer = L.geoJSON(features, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#0b3a5b", weight: 2, fillColor: "#2f7fb8", fillOpacity: 0.9 });
        },
        onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature)); }
      }).addTo(map);
      if (pointLayer.getBounds().isValid()) { bounds.extend(pointLayer.getBounds()); }
    }
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
    } else {
      map.setView([51.0, 10.0], 6);
    }
    if ("picker" in element.dataset) { picker(map, element); }
  }

  // A point in a form: clicking the map fills the latitude and longitude fields;
  // typing into them moves the marker. The fields stay the keyboard way in.
  function picker(map, element) {
    var lat = document.getElementById(element.dataset.latInput);
    var lng = document.getElementById(element.dataset.lngInput);
    if (!lat || !lng) { return; }
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    }
    function fromInputs() {
      var a = parseFloat(lat.value.replace(",", ".")), b = parseFloat(lng.value.replace(",", "."));
      if (!isNaN(a) && !isNaN(b)) { place([a, b]); }
    }
    fromInputs();
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });
    lat.addEventListener("change", fromInputs);
    lng.addEventListener("change", fromInputs);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(setUp);
  });
})();
