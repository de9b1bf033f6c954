// The organisation's sync passphrase: typed twice (a mismatch never reaches Rust), Rust's field
// errors under the fields, the passphrase cleared once set, and the note and button following
// the state.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { syncSetup: vi.fn() } };
});
import { api } from '../api';
import { fakeContext, settle } from '../test/fixtures';
import { invalid, overview } from '../test/syncFixtures';
import { setupPanel } from './SetupPanel';
import { oneAtATime } from '../ui/work';

function mount() {
  const ctx = fakeContext();
  const refresh = vi.fn(async () => undefined);
  const panel = setupPanel(ctx, oneAtATime(), { refresh });
  document.body.append(panel.el);
  const q = <T extends HTMLElement = HTMLElement>(selector: string) => panel.el.querySelector(selector) as T;
  const input = (name: string) => q<HTMLInputElement>(`input[name=${name}]`);
  const submit = () => q<HTMLButtonElement>('[data-action=sync-setup]').click();
  return { ctx, panel, refresh, q, input, submit };
}

describe('sync passphrase', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('is a section with the form the end-to-end tests fill in', () => {
    const { panel, q, input } = mount();
    expect(panel.el.dataset.section).toBe('sync-setup');
    expect(q('h2').textContent).toBe('Hasło synchronizacji organizacji');
    expect(q('form').dataset.form).toBe('sync-setup');
    expect(input('organisation').type).toBe('text');
    expect(input('passphrase').type).toBe('password');
    expect(input('passphrase_repeat').type).toBe('password');
    expect(q('[data-action=sync-setup]').textContent).toBe('Ustaw hasło synchronizacji');
    expect(q('[data-sync-configured]').hidden).toBe(true);
  });

  it('checks the repeated passphrase itself, then sets it up', async () => {
    const { q, input, submit, refresh } = mount();
    input('organisation').value = ' MOPS Testowo ';
    input('passphrase').value = 'wspólne hasło 2026';
    input('passphrase_repeat').value = 'inne hasło 2026';
    submit();
    await settle();
    expect(api.syncSetup).not.toHaveBeenCalled();
    expect(q('[data-error-for=passphrase_repeat]').textContent).toContain('nie są takie same');

    vi.mocked(api.syncSetup).mockRejectedValueOnce(invalid('passphrase', 'Hasło synchronizacji musi mieć co najmniej 12 znaków'));
    input('passphrase_repeat').value = 'wspólne hasło 2026';
    submit();
    await settle();
    expect(api.syncSetup).toHaveBeenLastCalledWith('wspólne hasło 2026', 'MOPS Testowo');
    expect(q('[data-error-for=passphrase]').textContent).toContain('12 znaków');
    expect(q('[data-error-for=passphrase_repeat]').hidden).toBe(true);
    expect(refresh).not.toHaveBeenCalled();

    vi.mocked(api.syncSetup).mockResolvedValueOnce({ configured: true, organisation: 'mops testowo', device_id: 'dev-1' });
    submit();
    await settle();
    await settle();
    expect(q('[data-form-status=sync-setup]').textContent).toBe('Zapisano hasło synchronizacji organizacji „mops testowo”.');
    expect(input('passphrase').value).toBe('');
    expect(input('passphrase_repeat').value).toBe('');
    expect(input('organisation').value).toBe('mops testowo');
    expect(q('[data-error-for=passphrase]').hidden).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);

    // Typing again clears the confirmation.
    input('passphrase').dispatchEvent(new Event('input', { bubbles: true }));
    expect(q('[data-form-status=sync-setup]').textContent).toBe('');
  });

  it('leaves the name empty for Rust to take it from the organisation settings', async () => {
    const { input, submit } = mount();
    input('passphrase').value = 'wspólne hasło 2026';
    input('passphrase_repeat').value = 'wspólne hasło 2026';
    vi.mocked(api.syncSetup).mockResolvedValueOnce({ configured: true, organisation: 'mops', device_id: 'dev-1' });
    submit();
    await settle();
    expect(api.syncSetup).toHaveBeenCalledWith('wspólne hasło 2026', null);
  });

  it('sends a locked store to the unlock screen and anything else to its own line', async () => {
    const { ctx, q, input, submit } = mount();
    input('passphrase').value = 'wspólne hasło 2026';
    input('passphrase_repeat').value = 'wspólne hasło 2026';
    const locked = { code: 'locked' as const, message: 'Zablokowana', fields: [], existing: [] };
    vi.mocked(api.syncSetup).mockRejectedValueOnce(locked);
    submit();
    await settle();
    expect(ctx.showError).toHaveBeenCalledWith(locked);
    vi.mocked(api.syncSetup).mockRejectedValueOnce({ code: 'internal', message: 'Błąd zapisu', fields: [], existing: [] });
    submit();
    await settle();
    expect(q('[data-sync-error=setup]').hidden).toBe(false);
    expect(q('[data-sync-error=setup]').textContent).toBe('Błąd zapisu');
  });

  it('follows the state: the note, the button and the name (never over what is typed)', () => {
    const { panel, q, input } = mount();
    panel.show(overview({}, { organisation: 'mops <testowo>' }));
    expect(q('[data-sync-configured]').hidden).toBe(false);
    expect(q('[data-sync-configured]').textContent).toContain('„mops <testowo>”');
    expect(q('[data-action=sync-setup]').textContent).toBe('Zmień hasło synchronizacji');
    expect(input('organisation').value).toBe('mops <testowo>');

    input('organisation').value = 'Nowa nazwa';
    panel.show(overview());
    expect(input('organisation').value).toBe('Nowa nazwa');

    panel.show(overview({}, { configured: false, organisation: null }));
    expect(q('[data-sync-configured]').hidden).toBe(true);
    expect(q('[data-sync-configured]').textContent).toBe('');
    expect(q('[data-action=sync-setup]').textContent).toBe('Ustaw hasło synchronizacji');
  });
});
