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

export { config, form, post };
