// Copy desk: a finding's link selects the slip in its text box, where the
// field is a plain text box; otherwise the link just jumps to the field.
const links = document.querySelectorAll("a[data-copydesk-field]");

// The excerpt is plain text with single spaces; the box holds HTML source,
// where a line break may stand for a space.
function pattern(text) {
  const escaped = text.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped.replace(/\s+/g, "\\s+"));
}

function find(value, text, before) {
  // With the words before it, the right one of several matches is found.
  if (before.trim()) {
    const withBefore = pattern(`${before.trim()} ${text}`).exec(value);
    if (withBefore) {
      const inner = pattern(text).exec(withBefore[0]);
      if (inner) {
        const start = withBefore.index + inner.index;
        return [start, start + inner[0].length];
      }
    }
  }
  const alone = pattern(text).exec(value);
  return alone ? [alone.index, alone.index + alone[0].length] : null;
}

function selectSlip(field, text, before) {
  const found = find(field.value, text, before.replace(/^…/, ""));
  if (!found) return;
  field.setSelectionRange(found[0], found[1]);
  // Scroll the box itself so the selection is in view.
  const line = field.value.slice(0, found[0]).split("\n").length - 1;
  const lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 18;
  field.scrollTop = Math.max(0, line * lineHeight - field.clientHeight / 2);
}

for (const link of links) {
  link.addEventListener("click", (event) => {
    const field = document.getElementById(link.dataset.copydeskField);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
    const text = link.dataset.copydeskText || "";
    if (typeof field.setSelectionRange === "function" && text.trim()) {
      selectSlip(field, text, link.dataset.copydeskBefore || "");
    }
  });
}
