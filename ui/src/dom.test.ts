// The h() helper renders user text as text, never as markup.
import { describe, expect, it } from 'vitest';
import { debounce, h } from './dom';

const ATTACK = '<img src=x onerror=alert(1)>';

describe('h', () => {
  it('renders a string that looks like HTML as literal text, creating no element', () => {
    const el = h('div', null, ATTACK);
    expect(el.querySelector('img')).toBeNull();
    expect(el.childNodes).toHaveLength(1);
    expect(el.firstChild?.nodeType).toBe(Node.TEXT_NODE);
    expect(el.textContent).toBe(ATTACK);
  });

  it('keeps hostile attribute values as plain attribute text', () => {
    const el = h('span', { title: `"><script>alert(1)</script>` }, 'x');
    expect(el.getAttribute('title')).toBe(`"><script>alert(1)</script>`);
    expect(el.querySelector('script')).toBeNull();
  });

  it('refuses inline styles and handlers given as strings', () => {
    expect(() => h('div', { style: 'color:red' })).toThrow();
    expect(() => h('div', { onclick: 'alert(1)' })).toThrow();
    expect(() => h('div', { innerHTML: ATTACK })).toThrow();
  });

  it('attaches event listeners given as functions', () => {
    let clicks = 0;
    const b = h('button', { onclick: () => clicks++ }, 'ok');
    b.click();
    expect(clicks).toBe(1);
  });

  it('nests children, skips empty ones and sets boolean attributes', () => {
    const el = h('p', { hidden: true, 'data-x': false }, 'a', null, false, [h('b', null, 1), undefined], 'c');
    expect(el.hasAttribute('hidden')).toBe(true);
    expect(el.hasAttribute('data-x')).toBe(false);
    expect(el.textContent).toBe('a1c');
  });

  it('sets a select value after its options exist', () => {
    const s = h('select', { value: 'b' }, h('option', { value: 'a' }, 'A'), h('option', { value: 'b' }, 'B'));
    expect(s.value).toBe('b');
  });
});

describe('debounce', () => {
  it('runs once, after the last call', async () => {
    const seen: number[] = [];
    const f = debounce((n: number) => seen.push(n), 10);
    f(1);
    f(2);
    f(3);
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([3]);
  });
});
