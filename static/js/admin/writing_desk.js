// The article change form's helpers: the edit lock's heartbeat and autosave.
// Loaded as a nonced ES module; everything is also a plain POST view.
const configNode = document.getElementById("writing-desk-config");
const config = configNode ? JSON.parse(configNode.textContent) : {};
const form = document.getElementById("article_form");
const csrfToken = form?.querySelector("[name=csrfmiddlewaretoken]")?.value;

async function post(url, body = new FormData()) {
  const response = await fetch(url, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// Edit lock: refreshed every minute; if someone took over, say so.
async function heartbeat() {
  try {
    const lock = await post(config.lockUrl);
    const lost = document.getElementById("edit-lock-lost");
    if (lost && !lock.held) {
      lost.textContent = `${lock.by} took over editing at ${lock.since}. If they save first, your save will be refused and shown what they changed.`;
      lost.hidden = false;
    }
  } catch (error) {
    console.warn("edit lock", error);
  }
}

if (form && config.lockUrl) {
  setInterval(heartbeat, config.heartbeatSeconds * 1000);
}

// Autosave: at most every autosaveSeconds while typing, and when the tab
// is hidden (closing, switching away); never on a clean form.
let dirty = false;
let submitting = false;
const status = document.getElementById("autosave-status");

async function autosave() {
  if (!dirty || submitting) return;
  dirty = false;
  try {
    const saved = await post(config.autosaveUrl, new FormData(form));
    if (status) status.textContent = `Autosaved at ${saved.saved_at}.`;
  } catch (error) {
    dirty = true;
    if (status) status.textContent = "Autosave failed; your text is still here.";
  }
}

function autosaveNow() {
  if (!dirty || submitting) return;
  // sendBeacon outlives the page; the form's own CSRF token goes with it.
  if (navigator.sendBeacon(config.autosaveUrl, new FormData(form))) dirty = false;
}

if (form && config.autosaveUrl) {
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("change", () => { dirty = true; });
  form.addEventListener("submit", () => { submitting = true; });
  setInterval(autosave, config.autosaveSeconds * 1000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") autosaveNow();
  });
  window.addEventListener("pagehide", autosaveNow);
}

// Counts: words and reading time under the body; characters under the
// headline and standfirst, with the lengths search results and social
// cards cut at.
function counter(after, id) {
  const out = document.createElement("p");
  out.className = "editor-counts";
  out.id = id;
  out.setAttribute("aria-live", "polite");
  after.insertAdjacentElement("afterend", out);
  return out;
}

function characterCounter(input, limits) {
  const out = counter(input, `${input.id}-count`);
  const update = () => {
    const length = input.value.length;
    const cuts = limits.map(([max, where]) => `${where} cut at ${max}`);
    out.textContent = `${length} characters · ${cuts.join(" · ")}`;
    out.classList.toggle("editor-counts--over", limits.some(([max]) => length > max));
  };
  input.addEventListener("input", update);
  update();
}

function bodyText() {
  const editor = document.querySelector(".field-body .ProseMirror");
  if (editor) return editor.innerText;
  const textarea = document.getElementById("id_body");
  const scratch = document.createElement("div");
  scratch.innerHTML = textarea?.value || "";
  return scratch.textContent;
}

function wordCounter() {
  const row = document.querySelector(".field-body");
  if (!row) return;
  const out = counter(row.querySelector(".prose-editor") || row.querySelector("textarea"), "body-count");
  const update = () => {
    const words = (bodyText().match(/\S+/g) || []).length;
    const minutes = Math.max(1, Math.round(words / (config.wordsPerMinute || 230)));
    out.textContent = `${words} words · about ${minutes} min to read`;
  };
  form.addEventListener("input", update);
  // The editor replaces the textarea: keep the count under it, and give the
  // editing area the field's name. It may be ready before this module runs.
  const prepare = () => {
    const area = row.querySelector(".ProseMirror[contenteditable]");
    if (!area) return;
    row.querySelector(".prose-editor").insertAdjacentElement("afterend", out);
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", "Body");
    area.setAttribute("aria-describedby", "id_body_helptext body-count");
    // Menu commands (a list, a picture) change the text without input events.
    new MutationObserver(update).observe(area, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    update();
  };
  document.addEventListener("prose-editor:ready", prepare);
  prepare();
  update();
}

if (form && config.limits) {
  for (const [name, limits] of Object.entries(config.limits)) {
    const input = document.getElementById(`id_${name}`);
    if (input) characterCounter(input, limits);
  }
  wordCounter();
}

// The editor's link dialog suggests our own articles (by headline) for its
// URL field: pick one to link inside the site.
if (document.getElementById("internal-article-links")) {
  new MutationObserver(() => {
    for (const dialog of document.querySelectorAll(".prose-editor-dialog")) {
      const title = dialog.querySelector(".prose-editor-dialog-title");
      const url = dialog.querySelector("input[type=text], input:not([type])");
      if (title?.textContent === "Edit Link" && url && !url.getAttribute("list")) {
        url.setAttribute("list", "internal-article-links");
        url.placeholder = "https://… or start typing a headline";
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}

// Admin autocompletes (select2) hide the labelled <select> and show a
// combobox and a search box with no name: give them the field's label
// (a byline row's select has none: "Author 1").
function accessibleName(select) {
  const label = document.querySelector(`label[for="${select.id}"]`);
  if (label) return label.textContent.replace(/:\s*$/, "").trim();
  const row = select.id.match(/^id_\w+-(\d+)-(\w+)$/);
  if (row) return `${row[2][0].toUpperCase()}${row[2].slice(1)} ${Number(row[1]) + 1}`;
  return select.name;
}

function nameAutocompletes() {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const container = select.nextElementSibling;
    if (!select.id || !container?.classList.contains("select2")) continue;
    const name = accessibleName(select);
    const nameId = `${select.id}-accessible-name`;
    if (!document.getElementById(nameId)) {
      const span = document.createElement("span");
      span.id = nameId;
      span.className = "visually-hidden";
      span.textContent = name;
      container.after(span);
    }
    const selection = container.querySelector(".select2-selection");
    const rendered = container.querySelector(".select2-selection__rendered");
    // A single choice's shown value carries the name (below); a multiple
    // choice's list does not.
    const single = rendered?.getAttribute("role") === "textbox" && rendered.id;
    const labelledBy = single ? rendered.id : nameId;
    if (selection && selection.getAttribute("aria-labelledby") !== labelledBy) {
      selection.setAttribute("aria-labelledby", labelledBy);
    }
    // select2 makes the shown value a read-only textbox, named only by the
    // title it gets once something is chosen.
    if (rendered?.getAttribute("role") === "textbox") {
      const label = rendered.title ? `${name}: ${rendered.title}` : name;
      if (rendered.getAttribute("aria-label") !== label) {
        rendered.setAttribute("aria-label", label);
      }
    }
    const search = container.querySelector(".select2-search__field");
    if (search && search.getAttribute("aria-label") !== name) {
      search.setAttribute("aria-label", name);
    }
  }
}

// Tabular inline rows (bylines) label their inputs by the column header
// only: name each one after its column and row.
function nameInlineInputs() {
  for (const input of document.querySelectorAll(".inline-group .tabular td input:not([type=hidden])")) {
    if (input.hasAttribute("aria-label") || document.querySelector(`label[for="${input.id}"]`)) continue;
    const row = input.id.match(/^id_\w+-(\d+)-(\w+)$/);
    if (!row) continue;
    const column = row[2] === "DELETE" ? "Delete" : `${row[2][0].toUpperCase()}${row[2].slice(1)}`;
    input.setAttribute("aria-label", `${column} ${Number(row[1]) + 1}`);
  }
}

function nameFields() {
  nameAutocompletes();
  nameInlineInputs();
}

if (form) {
  new MutationObserver(nameFields).observe(form, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => setTimeout(nameFields));
  nameFields();
}

export { config, form, heartbeat, post };
