"""With the keyboard alone, every control on every page is reachable and visibly focused.

The test presses Tab in real Chromium, as a keyboard user does, and after each press reads which
element has focus and how it looks, compared with how it looked before anything had focus.
"""

from __future__ import annotations

import pytest
from conftest import WIDTHS

pytestmark = pytest.mark.browser

# Remember every visible control in document order, and how each looks without focus.
PREPARE = """() => {
  window.scrollTo(0, 0);
  // Native controls count even with tabindex="-1": a mouse can use them, so a keyboard must.
  const native = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "audio[controls]", "video[controls]", "[contenteditable]",
  ].join(",");
  const shown = (element) => element.checkVisibility({visibilityProperty: true})
    && element.getClientRects().length > 0;
  const controls = [...document.querySelectorAll(native + ",[tabindex]")].filter((element) =>
    (element.matches(native) || element.tabIndex >= 0) && !element.disabled
    && !element.closest("[inert]") && shown(element));
  const look = (element) => {
    const style = getComputedStyle(element);
    // The outline first (seen only when drawn), then what shows a change by itself.
    return [
      style.outlineStyle, style.outlineWidth, style.outlineColor,
      style.boxShadow, style.backgroundColor, style.borderTopColor, style.borderBottomColor,
      style.borderBottomWidth, style.textDecorationLine, style.textDecorationThickness,
    ];
  };
  // Where each control sits, and whether it is out of sight at the top of the page: one that
  // moves into view when focused (a skip link) shows its focus by appearing.
  const place = (element) => {
    const box = element.getBoundingClientRect();
    const hidden = box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight
      || box.left >= innerWidth;
    return [Math.round(box.left + scrollX), Math.round(box.top + scrollY), hidden];
  };
  document.activeElement && document.activeElement.blur();
  window.__keyboard = {controls, look, place, unfocused: controls.map(look),
    places: controls.map(place)};
  return controls.length;
}"""

# Describe the focused element: which control it is, and whether its focus can be seen.
FOCUSED = """() => {
  const {controls, look, place, unfocused, places} = window.__keyboard;
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return {index: -2};
  }
  const index = controls.indexOf(element);
  const now = look(element);
  const before = index >= 0 ? unfocused[index] : now;
  const outline = now[0] !== "none" && parseFloat(now[1]) > 0
    && !/rgba\\(.*,\\s*0\\)$/.test(now[2]);
  const moved = index >= 0 && places[index][2]
    && place(element).some((value, i) => i < 2 && value !== places[index][i]);
  const changed = moved || now.some((value, i) => i >= 3 && value !== before[i]);
  const box = element.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  const name = element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + (element.getAttribute("href") ? `[href="${element.getAttribute("href")}"]` : "")
    + ` "${(element.innerText || element.value || element.getAttribute("aria-label") || "")
      .trim().slice(0, 40)}"`;
  return {index, name, visible: (outline || changed) && onScreen, onScreen};
}"""

DESCRIBE = """(indexes) => indexes.map((i) => {
  const element = window.__keyboard.controls[i];
  return element.outerHTML.slice(0, 120);
})"""


def keyboard_problems(page) -> list[str]:
    """Tab through the loaded page; return what cannot be reached or whose focus cannot be seen."""
    count = page.evaluate(PREPARE)
    problems: list[str] = []
    reached: set[int] = set()
    previous = None
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        index = focused["index"]
        if index == -2:
            if reached:
                break  # focus left the page after the last control
            continue
        if index == -1:
            problems.append(f"focus lands on {focused['name']}, which is not a visible control")
        elif index == previous:
            problems.append(f"keyboard trap: Tab stays on {focused['name']}")
            break
        elif index in reached:
            break  # back at the start
        else:
            reached.add(index)
        if not focused["visible"]:
            where = "off screen" if not focused["onScreen"] else "without a visible change"
            problems.append(f"focus on {focused['name']} is {where}")
        previous = index
    unreached = sorted(set(range(count)) - reached)
    if unreached:
        missed = page.evaluate(DESCRIBE, unreached[:5])
        problems.append(f"{len(unreached)} controls never reached by Tab: " + "; ".join(missed))
    return problems


@pytest.mark.parametrize(
    "width",
    [
        pytest.param(
            width, id=f"{width}px", marks=pytest.mark.xdist_group(f"test_keyboard-{width}")
        )
        for width in WIDTHS
    ],
)
def test_every_control_is_reachable_and_visibly_focused(open_context, site_server, width):
    browsing = open_context(site_server, width=width)
    failures = []
    for page_file in site_server.site.pages:
        page = browsing.open(site_server.url(page_file))
        for problem in keyboard_problems(page) + browsing.take_problems():
            failures.append(f"{page_file} [{width}px]: {problem}")
    assert not failures, "\n".join(failures)


# Through the CSSOM, which the page's policy does not govern (a <style> element it would refuse).
HIDE_FOCUS = """() => document.styleSheets[0].insertRule(`
main a, main a:focus, main a:focus-visible {
  outline: none !important; box-shadow: none !important; background: none !important;
  border-color: transparent !important; text-decoration: underline 1px !important;
  outline-offset: 0 !important; }`)"""
TRAP = """() => { const button = document.createElement("button"); button.textContent = "Trap";
  document.querySelector("main").prepend(button);
  button.addEventListener("keydown", (event) => {
    if (event.key === "Tab") event.preventDefault();
  });
}"""


def test_the_keyboard_check_finds_hidden_focus_unreachable_controls_and_traps(
    open_context, site_server
):
    browsing = open_context(site_server)
    page = browsing.open(site_server.url("about/index.html"))
    page.evaluate(HIDE_FOCUS)
    page.evaluate("document.querySelector('main a[href]').setAttribute('tabindex', '-1')")
    problems = "\n".join(keyboard_problems(page))
    assert "without a visible change" in problems
    assert "1 controls never reached by Tab: <a " in problems
    page = browsing.open(site_server.url("about/index.html"))
    page.evaluate(TRAP)
    problems = "\n".join(keyboard_problems(page))
    assert 'keyboard trap: Tab stays on button "Trap"' in problems
