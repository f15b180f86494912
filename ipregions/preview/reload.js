// Live preview only: reload the page when the site is rebuilt, and show the build's errors over
// the page while the input is broken. The preview server injects this file; the built site never
// contains it. Error text comes from editors' files, so it is only ever set with textContent.
(() => {
  "use strict";

  const OVERLAY_ID = "preview-errors";
  const script = document.currentScript;
  const servedGeneration = Number(script ? script.dataset.generation : NaN);

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function errorItem(error) {
    const item = element("li", "preview-error");
    const where = element("code", "preview-error-where", `${error.path}:${error.line}:${error.column}`);
    item.append(where, element("span", "preview-error-severity", `${error.severity}:`));
    item.append(element("span", "preview-error-message", error.message));
    if (error.hint) item.append(element("p", "preview-error-hint", error.hint));
    return item;
  }

  function setPageInert(inert) {
    for (const child of document.body.children) {
      if (child.id !== OVERLAY_ID) child.inert = inert;
    }
  }

  function removeOverlay() {
    const overlay = document.getElementById(OVERLAY_ID);
    if (overlay) overlay.remove();
    setPageInert(false);
  }

  function showOverlay(state) {
    removeOverlay();
    const errors = state.errors.filter((error) => error.severity === "error");
    const overlay = element("section", null);
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", `${OVERLAY_ID}-title`);
    const title = element("h1", "preview-errors-title", `The build failed: ${plural(errors.length, "error")}`);
    title.id = `${OVERLAY_ID}-title`;
    const advice = element(
      "p",
      "preview-errors-advice",
      "Nothing was published. Fix the file and save it: this page reloads by itself.",
    );
    const list = element("ol", "preview-errors-list");
    for (const error of errors) list.append(errorItem(error));
    overlay.append(title, advice, list);
    document.body.append(overlay);
    setPageInert(true);
    document.title = `Build failed (${plural(errors.length, "error")})`;
  }

  function connect() {
    const events = new EventSource("/__preview/events");
    events.addEventListener("built", (event) => {
      const state = JSON.parse(event.data);
      if (state.generation !== servedGeneration) {
        window.location.reload();
      } else {
        removeOverlay();
      }
    });
    events.addEventListener("failed", (event) => showOverlay(JSON.parse(event.data)));
  }

  if (document.body) {
    connect();
  } else {
    document.addEventListener("DOMContentLoaded", connect);
  }
})();
