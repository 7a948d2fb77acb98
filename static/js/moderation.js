// Moderation in place (comments.moderation): each row's buttons already work
// as form posts; this module sends them with fetch, swaps the row's buttons,
// updates the queue counts and moves to the next comment. Keys: j/k next and
// previous comment, a approve (or keep), s spam, n not spam, t trash, r reply.
const live = document.getElementById("moderation-live");

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function allRows() {
  return [...document.querySelectorAll(".row-actions")];
}

function rowOf(element) {
  const holder = element.closest("tr") || element.closest(".comment-page-actions");
  return holder ? holder.querySelector(".row-actions") : null;
}

function focusRow(actions) {
  if (!actions) return;
  const target = actions.querySelector("button, summary");
  if (target) {
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }
}

function say(message) {
  if (live) live.textContent = message;
}

function updateCounts(counts) {
  for (const [queue, count] of Object.entries(counts || {})) {
    for (const el of document.querySelectorAll(`[data-queue-count="${queue}"]`)) {
      el.textContent = String(count);
    }
  }
}

async function send(button) {
  const actions = rowOf(button);
  const body = new FormData();
  body.append("csrfmiddlewaretoken", csrfToken());
  const reply = actions && actions.querySelector("textarea");
  if (reply) body.append(reply.name, reply.value);
  let data;
  try {
    const response = await fetch(button.formAction, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    data = await response.json();
  } catch {
    say("That did not work: the page will send it the plain way.");
    button.form.requestSubmit(button);
    return;
  }
  say(data.message);
  updateCounts(data.counts);
  if (!data.ok || !actions) return;
  const row = actions.closest("tr") || actions.closest(".comment-page-actions");
  if (row) {
    const status = row.querySelector(".field-status");
    if (status) status.textContent = data.label;
    row.classList.add("is-moderated");
  }
  const index = allRows().indexOf(actions);
  actions.insertAdjacentHTML("afterend", data.actions_html);
  actions.remove();
  const next = allRows()[index + 1];
  focusRow(next || allRows()[index]);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.mod-action, button.mod-reply");
  if (!button || !rowOf(button)) return;
  event.preventDefault();
  send(button);
});

const KEYS = { a: "approve", s: "spam", n: "notspam", t: "trash" };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest("input, textarea, select, [contenteditable]")) return;
  const rows = allRows();
  if (!rows.length) return;
  const current = rowOf(document.activeElement) || null;
  const index = current ? rows.indexOf(current) : -1;
  if (event.key === "j" || event.key === "k") {
    const step = event.key === "j" ? 1 : -1;
    focusRow(rows[Math.min(rows.length - 1, Math.max(0, index + step))]);
    event.preventDefault();
    return;
  }
  const target = current || rows[0];
  if (KEYS[event.key]) {
    const button = target.querySelector(`button[data-action="${KEYS[event.key]}"]`);
    if (button) {
      event.preventDefault();
      send(button);
    }
  } else if (event.key === "r") {
    const details = target.querySelector("details.row-reply");
    if (details) {
      event.preventDefault();
      details.open = true;
      details.querySelector("textarea").focus();
    }
  }
});
