// Upgrade each chart drawn at build time to an interactive one, in place: tooltips give the quote
// and the source of each value. Load with <script type="module">. The vega-embed bundle is large
// (about 900 KB), so nothing is fetched while the page loads: a chart is upgraded as soon as the
// reader reaches for it (pointer over it, focus in it, a tap on it), and, once the reader has
// done anything on the page (scrolled, moved the pointer, pressed a key), the charts in view are
// upgraded when the browser is idle. Until then, the static SVG drawn at build time is the chart.
// Everything works under the site's strict Content-Security-Policy: the bundle is a module from
// this site, expressions run in Vega's interpreter (ast: true) instead of new Function, and no
// inline <style> is injected (vega-embed's and vega-tooltip's are off; charts.css has ours).
// Without this script, or when anything fails, the static SVG simply stays.

const figures = document.querySelectorAll("figure.chart[data-chart-spec][data-chart-bundle]");
const bundles = new Map(); // one import per bundle URL, however many charts

function loadBundle(url) {
  if (!bundles.has(url)) {
    bundles.set(url, import(url));
  }
  return bundles.get(url);
}

async function loadSpec(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

// The figure's heading shows the title; the drawing keeps only the subtitle (chart_render.page_spec).
function pageSpec(spec) {
  const drawn = { ...spec };
  delete drawn.title;
  if (spec.usermeta && spec.usermeta.pageTitle) {
    drawn.title = spec.usermeta.pageTitle;
  }
  return drawn;
}

async function upgrade(figure) {
  const plot = figure.querySelector(".chart-plot");
  const bundleUrl = new URL(figure.dataset.chartBundle, document.baseURI).href;
  const [bundle, spec] = await Promise.all([
    loadBundle(bundleUrl),
    loadSpec(figure.dataset.chartSpec),
  ]);
  const live = document.createElement("div");
  live.className = "chart-live";
  live.hidden = true;
  plot.append(live);
  await bundle.default(live, pageSpec(spec), {
    renderer: "svg",
    actions: false,
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  });
  const svg = live.querySelector("svg");
  if (svg) {
    // The figure names and describes the chart (role="img" on .chart-plot).
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
  }
  for (const child of [...plot.children]) {
    if (child !== live) {
      child.remove();
    }
  }
  live.hidden = false;
  figure.classList.add("chart-interactive");
}

function start(figure) {
  upgrade(figure).catch((error) => {
    // The static chart stays; say why for whoever is debugging, without alarming anyone else.
    console.warn("Chart stays static:", figure.id, error);
  });
}

const started = new WeakSet();

function startOnce(figure) {
  if (!started.has(figure)) {
    started.add(figure);
    start(figure);
  }
}

const whenIdle = window.requestIdleCallback
  ? (callback) => window.requestIdleCallback(callback, { timeout: 1000 })
  : (callback) => window.setTimeout(callback, 200);

// Charts in view, upgraded at idle once the reader is active on the page.
function upgradeInViewAtIdle() {
  if (!("IntersectionObserver" in window)) {
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          whenIdle(() => startOnce(entry.target));
        }
      }
    },
    { rootMargin: "200px 0px" },
  );
  for (const figure of figures) {
    observer.observe(figure);
  }
}

if (figures.length) {
  for (const figure of figures) {
    for (const reach of ["pointerenter", "focusin", "touchstart"]) {
      figure.addEventListener(reach, () => startOnce(figure), { once: true, passive: true });
    }
  }
  const activity = ["scroll", "pointermove", "pointerdown", "keydown", "touchstart", "wheel"];
  const engaged = () => {
    for (const name of activity) {
      window.removeEventListener(name, engaged, { capture: true });
    }
    upgradeInViewAtIdle();
  };
  for (const name of activity) {
    window.addEventListener(name, engaged, { capture: true, passive: true });
  }
}
