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
  document.addEventListener("prose-editor:ready", () => {
    // The editor replaces the textarea: keep the count under it.
    const editor = row.querySelector(".prose-editor");
    if (editor) editor.insertAdjacentElement("afterend", out);
    update();
  });
  update();
}

if (form && config.limits) {
  for (const [name, limits] of Object.entries(config.limits)) {
    const input = document.getElementById(`id_${name}`);
    if (input) characterCounter(input, limits);
  }
  wordCounter();
}

export { config, form, post };
