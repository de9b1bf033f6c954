// Data tables are laid out as CSS grids (tables.css): each row is then an ordinary box that
// WebKit can hit-test (its WebDriver cannot click or measure a table-row box). Changing the display
// of table parts drops their implicit roles in some engines, so they are set explicitly here.

const ROLES: Record<string, string> = {
  TABLE: 'table',
  THEAD: 'rowgroup',
  TBODY: 'rowgroup',
  TR: 'row',
  TH: 'columnheader',
  TD: 'cell',
};

/** Sets the ARIA table roles on `root` and every table part inside it; returns `root`. */
export function withTableRoles<T extends Element>(root: T): T {
  for (const el of [root, ...Array.from(root.querySelectorAll('table, thead, tbody, tr, th, td'))]) {
    const role = ROLES[el.tagName];
    if (role && !el.hasAttribute('role')) el.setAttribute('role', role);
  }
  return root;
}
