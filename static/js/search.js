// Search the built site with Pagefind's JavaScript API and show the results as a plain list.
// Loaded only by the search page; the page says search needs JavaScript until this runs.

const root = new URL("../../", import.meta.url); // static/js/search.js → the site root
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const needsScript = document.getElementById("search-needs-js");
const MAX_RESULTS = 20;

let pagefind = null;
let latestQuery = "";
let timer = 0;

// Pagefind marks matches with <mark>; copy only text and marks so no markup can slip through.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const nodes = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function show(items, query) {
  results.replaceChildren();
  for (const item of items) {
    const li = document.createElement("li");
    const type = document.createElement("span");
    type.className = "result-type";
    type.textContent = item.meta.type || "Page";
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.meta.title || item.url;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(item.excerpt || ""));
    li.append(type, link, excerpt);
    results.append(li);
  }
  const count = items.length;
  status.textContent = count
    ? `${count}${count === MAX_RESULTS ? "+" : ""} result${count === 1 ? "" : "s"} for “${query}”`
    : `No results for “${query}”. Try another word, or browse the regions and measures.`;
}

async function run(query) {
  latestQuery = query;
  // The note kept its place so the form could appear without moving the page; once the reader
  // searches, the results take that place instead of starting below an empty gap.
  needsScript.remove();
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!query) {
    results.replaceChildren();
    status.textContent = "";
    return;
  }
  const search = await pagefind.search(query);
  if (latestQuery !== query || !search) return;
  const items = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (latestQuery === query) show(items, query);
}

async function start() {
  needsScript.hidden = true;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
  } catch (error) {
    status.textContent = "The search index could not be loaded. Browse the regions, measures and sources instead.";
    needsScript.hidden = false;
    return;
  }
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value.trim());
  });
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(input.value.trim()), 200);
  });
  const query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (query) run(query.trim());
}

start();
