// The time trap on cached pages (comments.timetrap): the token rendered into
// the page is shared by every reader of a cached copy, so on first focus the
// form fetches a token of its own. Without this script the form still posts;
// its time trap just counts as "unknown".
for (const form of document.querySelectorAll("form[data-token-url]")) {
  let fetched = false;
  form.addEventListener("focusin", async () => {
    if (fetched) return;
    fetched = true;
    try {
      const response = await fetch(form.dataset.tokenUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const { token } = await response.json();
      if (token && form.elements.token) form.elements.token.value = token;
    } catch {
      // Offline or blocked: the page's token stays, as without the script.
    }
  });
}
