// Copy desk: a finding's link selects the slip in its text box, where the
// field is a plain text box; otherwise the link just jumps to the field.
const links = document.querySelectorAll("a[data-copydesk-field]");

function selectSlip(field, text, before) {
  const value = field.value;
  // The excerpt is plain text; the box may hold HTML. Try the words before
  // the slip too, so the right one of several is picked.
  let start = before ? value.indexOf(before + text) : -1;
  if (start !== -1) {
    start += before.length;
  } else {
    start = value.indexOf(text);
  }
  if (start === -1) return;
  field.setSelectionRange(start, start + text.length);
}

for (const link of links) {
  link.addEventListener("click", (event) => {
    const field = document.getElementById(link.dataset.copydeskField);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
    if (typeof field.setSelectionRange === "function" && link.dataset.copydeskText) {
      selectSlip(field, link.dataset.copydeskText, link.dataset.copydeskBefore);
    }
  });
}
