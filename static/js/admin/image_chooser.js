// The body editor's picture chooser (a small window): hands the chosen
// library picture back to the editor's Figure dialog, the way its picker
// expects (CKEditor's callFunction protocol), then closes.
const root = document.querySelector(".image-chooser");
const funcNum = root?.dataset.funcNum;

root?.addEventListener("click", (event) => {
  const choice = event.target.closest(".image-chooser__choice");
  if (!choice || !window.opener) return;
  window.opener.CKEDITOR.tools.callFunction(funcNum, choice.dataset.url, {
    id: Number(choice.dataset.id),
    alternative_text: choice.dataset.alt,
    caption: choice.dataset.caption,
  });
  window.close();
});
