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

export { config, form, post };
