// "Porównanie z SM EFS" with the API mocked: the path is required, the project comes from the
// section's select, the answer lists who is on one side only and what differs, as text.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { reportCst2021Compare: vi.fn() } };
});
import { api } from '../api';
import type { Cst2021Comparison } from '../bindings/Cst2021Comparison';
import type { Project } from '../bindings/Project';
import { fakeContext, settle } from '../test/fixtures';
import { oneAtATime } from '../ui/work';
import { comparePanel, comparisonView } from './ComparePanel';

afterEach(() => {
  document.body.replaceChildren();
  vi.clearAllMocks();
});

const PROJECT = { id: 'proj-1', name: 'Aktywni razem' } as Project;

const COMPARISON: Cst2021Comparison = {
  project_id: 'proj-1',
  project_name: 'Aktywni razem',
  same: 12,
  only_here: [{ key: '', name: 'Brzęczyszczykiewicz Grzegorz', row: 3 }],
  only_there: [{ key: '70010112345', name: '<b>Tylko-Tam</b> Adam', row: 4 }],
  different: [{ key: '02270803624', name: 'Wałęsa Łucja', differences: [{ column: 'Powiat', here: 'Łódź', there: 'łódzki' }, { column: 'Telefon kontaktowy', here: '', there: '601 000 000' }] }],
  columns: ['Imię', 'Nazwisko', 'Powiat', 'Telefon kontaktowy'],
};

function mount(chosen: Project | null = PROJECT) {
  const ctx = fakeContext();
  const el = comparePanel(ctx, oneAtATime(), () => chosen, () => false);
  document.body.append(el);
  const input = el.querySelector<HTMLInputElement>('input[name=compare-file]')!;
  const button = el.querySelector<HTMLButtonElement>('[data-action=cst-compare]')!;
  return { ctx, el, input, button };
}

describe('comparing with SM EFS', () => {
  it('asks for the file before anything is read', () => {
    const { el, button } = mount();
    button.click();
    expect(api.reportCst2021Compare).not.toHaveBeenCalled();
    expect(el.querySelector('[data-field=compare-file]')!.textContent).toContain('podaj ścieżkę');
  });

  it('does nothing without a project (the section says to choose one)', () => {
    const { input, button } = mount(null);
    input.value = '/home/anna/eksport.csv';
    button.click();
    expect(api.reportCst2021Compare).not.toHaveBeenCalled();
  });

  it('shows who is on one side only and each differing column, names only as text', async () => {
    vi.mocked(api.reportCst2021Compare).mockResolvedValue(COMPARISON);
    const { el, input, button } = mount();
    input.value = '  /home/anna/Pobrane/uczestnicy.xlsx ';
    button.click();
    await settle();
    expect(api.reportCst2021Compare).toHaveBeenCalledWith('proj-1', '/home/anna/Pobrane/uczestnicy.xlsx');
    const result = el.querySelector<HTMLElement>('[data-compare-result]')!;
    expect(result.dataset.same).toBe('12');
    expect(result.textContent).toContain('Tylko w SM EFS: 1');
    expect(el.querySelector('[data-compare=only-here]')!.textContent).toContain('bez numeru PESEL');
    const there = el.querySelector('[data-compare=only-there]')!;
    expect(there.textContent).toContain('<b>Tylko-Tam</b> Adam');
    expect(there.querySelector('b')).toBeNull();
    const county = el.querySelector('[data-compare=different] tr[data-column="Powiat"]')!;
    expect(county.querySelector('[data-here]')!.textContent).toBe('Łódź');
    expect(county.querySelector('[data-there]')!.textContent).toBe('łódzki');
    expect(el.querySelector('tr[data-column="Telefon kontaktowy"] [data-here]')!.textContent).toBe('(puste)');
  });

  it('says so when everyone agrees', () => {
    const view = comparisonView({ ...COMPARISON, only_here: [], only_there: [], different: [] });
    expect(view.textContent).toContain('takie same');
  });

  it('shows Rust’s error in the message bar', async () => {
    vi.mocked(api.reportCst2021Compare).mockRejectedValue({ code: 'not_found', message: 'Nie ma pliku', fields: [], existing: [] });
    const { ctx, input, button } = mount();
    input.value = '/brak.csv';
    button.click();
    await settle();
    expect(ctx.showError).toHaveBeenCalled();
  });
});
