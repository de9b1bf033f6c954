// "Dane demonstracyjne" in Ustawienia: shown only while demo data is here; removing it asks
// first, says what went, and tells the shell (whose banner then goes).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { demoRemove: vi.fn(), appStatus: vi.fn() } };
});
import { api } from '../api';
import { demoSection } from './DemoSection';

describe('demo section', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('is hidden without demo data', () => {
    expect(demoSection(fakeContext()).hidden).toBe(true);
  });

  it('removes the demo data after a confirmation and updates the status', async () => {
    const ctx = fakeContext();
    ctx.status = { ...ctx.status, demo: true };
    const section = demoSection(ctx);
    document.body.append(section);
    expect(section.hidden).toBe(false);
    vi.mocked(api.demoRemove).mockResolvedValue({ participants: 50, projects: 2, rows: 677 });
    vi.mocked(api.appStatus).mockResolvedValue({ ...ctx.status, demo: false });

    section.querySelector<HTMLButtonElement>('[data-action=demo-remove]')!.click();
    await settle();
    // Cancelling the question removes nothing.
    document.querySelector<HTMLButtonElement>('dialog [data-action=cancel]')!.click();
    await settle();
    expect(api.demoRemove).not.toHaveBeenCalled();

    section.querySelector<HTMLButtonElement>('[data-action=demo-remove]')!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('dialog [data-action=confirm]')!.click();
    await settle();
    await settle();
    expect(api.demoRemove).toHaveBeenCalledTimes(1);
    expect(section.querySelector('[data-form-status=demo]')!.textContent).toBe('Usunięto dane demonstracyjne: 50 os., 2 proj. (razem 677 rekordów).');
    expect(ctx.statusChanged).toHaveBeenCalledWith(expect.objectContaining({ demo: false }));
  });
});
