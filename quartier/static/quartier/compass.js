// Tension compass: keeps each slider and its number field in step. Progressive
// enhancement only: without this file both are plain inputs and the number counts
// (an empty number field takes the slider's value, see compass/forms.py).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-compass-sync]").forEach(function (slider) {
    var number = document.getElementById(slider.getAttribute("data-compass-sync"));
    if (!number) { return; }
    slider.addEventListener("input", function () { number.value = slider.value; });
    number.addEventListener("input", function () {
      var value = parseInt(number.value, 10);
      if (!isNaN(value) && value >= 0 && value <= 100) { slider.value = value; }
    });
  });
});
