// The one way this UI builds DOM: `h(tag, attrs, ...children)`. String children always become
// text nodes, so user data can never turn into markup. innerHTML and friends are never used.

export type Child = Node | string | number | null | undefined | false | Child[];

type Listener = (event: any) => void;
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = { [name: string]: AttrValue | Listener };

// Properties that must be set on the element itself (the attribute only holds the default).
const PROPERTIES = new Set(['value', 'checked']);

/** Creates an element; `on*` keys take functions (event listeners), other keys are attributes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  const later: Array<[string, AttrValue]> = [];
  for (const [name, value] of Object.entries(attrs ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'style' || lower === 'innerhtml' || lower === 'outerhtml') {
      throw new Error(`h(): "${name}" is not allowed (strict CSP, text-only rendering)`);
    }
    if (lower.startsWith('on')) {
      if (typeof value !== 'function') {
        throw new Error(`h(): event handler "${name}" must be a function`);
      }
      el.addEventListener(lower.slice(2), value as EventListener);
      continue;
    }
    if (typeof value === 'function') {
      throw new Error(`h(): attribute "${name}" cannot be a function`);
    }
    if (PROPERTIES.has(name)) {
      later.push([name, value]);
      continue;
    }
    if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  // A select's value can only be set once its options exist.
  for (const [name, value] of later) {
    if (name === 'checked') (el as unknown as HTMLInputElement).checked = Boolean(value);
    else if (value !== null && value !== undefined) (el as unknown as HTMLInputElement).value = String(value);
  }
  return el;
}

/** Appends children (text for strings and numbers, nested arrays flattened, empties skipped). */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') {
      parent.appendChild(document.createTextNode(String(child)));
    } else parent.appendChild(child);
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Shows or hides an element with the `hidden` attribute. */
export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

/** Runs `fn` after `ms` of quiet; each new call restarts the wait. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return wrapped;
}
