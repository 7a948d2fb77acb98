// Focal point: click the picture to set the two number fields under it.
// Without this script the fields are typed by hand (progressive enhancement).
const picker = document.querySelector(".focal-picker");
const fieldX = document.getElementById("id_focal_x");
const fieldY = document.getElementById("id_focal_y");

function round(value) {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

function showMarker(marker, x, y) {
  // CSSOM writes are allowed by the CSP; style attributes are not.
  marker.style.left = `${x * 100}%`;
  marker.style.top = `${y * 100}%`;
  marker.hidden = false;
}

if (picker && fieldX && fieldY) {
  const image = picker.querySelector("img");
  const marker = picker.querySelector(".focal-picker__marker");
  picker.classList.add("focal-picker--active");
  image.title = "Click the subject to set the focal point";
  const current = () => [
    fieldX.value === "" ? Number(picker.dataset.focalX) : Number(fieldX.value),
    fieldY.value === "" ? Number(picker.dataset.focalY) : Number(fieldY.value),
  ];
  showMarker(marker, ...current());
  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const x = round((event.clientX - box.left) / box.width);
    const y = round((event.clientY - box.top) / box.height);
    fieldX.value = x;
    fieldY.value = y;
    showMarker(marker, x, y);
  });
  for (const field of [fieldX, fieldY]) {
    field.addEventListener("input", () => showMarker(marker, ...current()));
  }
}
