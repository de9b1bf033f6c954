// Finds what a person would see as broken layout in the main part of the window: text drawn
// over other text, text cut off by its box, and text beyond the window's right edge where
// nothing scrolls to it. Returns one line per problem (empty when the view is sound).
// Run by App::layout_problems (tests/e2e/src/lib.rs) through WebDriver's execute.
const root = document.querySelector('.shell') || document.body;
const viewportWidth = document.documentElement.clientWidth;
const shown = (el) => {
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0;
};
const label = (el) => (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
const texts = [];
for (const el of root.querySelectorAll('*')) {
  if (!shown(el)) continue;
  const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim() !== '');
  if (own.length === 0) continue;
  const boxes = [];
  for (const node of own) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) boxes.push(r);
  }
  if (boxes.length) texts.push({ el, boxes });
}
// What of a box is on screen: scrolling boxes (the main area, a wide table) show only their
// visible part; text scrolled away is not drawn over anything.
const visiblePart = (el, box) => {
  let { left, top, right, bottom } = box;
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    const r = a.getBoundingClientRect();
    left = Math.max(left, r.left);
    top = Math.max(top, r.top);
    right = Math.min(right, r.right);
    bottom = Math.min(bottom, r.bottom);
  }
  return right - left > 2 && bottom - top > 2 ? { left, top, right, bottom } : null;
};
// Screen-reader-only text (a 1 px clipped box) is not drawn at all.
const drawn = texts.filter(({ el }) => {
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
});
for (const t of drawn) t.seen = t.boxes.map((b) => visiblePart(t.el, b)).filter(Boolean);
const problems = [];
const clipped = (el, box) => {
  for (let a = el; a && a !== document.body; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
      const r = a.getBoundingClientRect();
      // Inside a scrolling box the text can be scrolled to: not cut off.
      const scrolls = ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY);
      if (!scrolls && (box.right > r.right + 1 || box.left < r.left - 1 || box.bottom > r.bottom + 1)) return a;
      if (scrolls) return null;
    }
  }
  return null;
};
for (const { el, boxes } of drawn) {
  for (const box of boxes) {
    const cut = clipped(el, box);
    if (cut) {
      problems.push(`cut off: "${label(el)}" in <${cut.tagName.toLowerCase()} class="${cut.className}">`);
      break;
    }
    // Beyond the window's edge with nothing to scroll it into view (a box that scrolls
    // sideways, such as a wide table, brings it back).
    const reachable = (() => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (['auto', 'scroll'].includes(style.overflowX) && a.scrollWidth > a.clientWidth) return true;
      }
      return document.documentElement.scrollWidth > viewportWidth;
    })();
    if (box.right > viewportWidth + 1 && !reachable) {
      problems.push(`beyond the right edge: "${label(el)}"`);
      break;
    }
  }
}
const related = (a, b) => a.contains(b) || b.contains(a);
for (let i = 0; i < drawn.length; i++) {
  for (let j = i + 1; j < drawn.length; j++) {
    const a = drawn[i];
    const b = drawn[j];
    if (related(a.el, b.el)) continue;
    const hit = a.seen.some((x) => b.seen.some((y) =>
      Math.min(x.right, y.right) - Math.max(x.left, y.left) > 2 && Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top) > 2));
    if (hit) problems.push(`overlap: "${label(a.el)}" / "${label(b.el)}"`);
  }
}
// Column headers broken in the middle of a word (one word drawn on two lines).
for (const th of root.querySelectorAll('th')) {
  if (!shown(th)) continue;
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`header broken mid-word: "${m[0]}" in "${label(th)}"`);
    }
  }
}
return problems;
