// The family tab: arrows move through the people found for a new tie (announced through
// aria-activedescendant), Enter picks one; each "Usuń powiązanie" names whose tie it removes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../bindings/Participant';
import type { ParticipantSummary } from '../bindings/ParticipantSummary';
import { fakeContext, OPTIONS, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { participantFamily: vi.fn(), participantSearch: vi.fn(), relationAdd: vi.fn(), relationRemove: vi.fn() } };
});
import { api } from '../api';
import { familyTab } from './FamilyTab';

const ME = { id: 'p-1', first_name: 'Łucja', last_name: 'Żółkiewska' } as Participant;
const found = (id: string, last: string): ParticipantSummary =>
  ({ id, first_name: 'Jan', last_name: last, pesel: null, birth_date: '1980-01-02', town: 'Łódź', status: 'active' }) as ParticipantSummary;

describe('family tab', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('picks a person found with the arrow keys and Enter, and names each removal', async () => {
    vi.mocked(api.participantFamily).mockResolvedValue({
      related: [{ relation_id: 'r-1', person_id: 'p-2', name: 'Jaś Żółkiewski', kind: 'child', can_sign: false }],
      needs_guardian: false,
    } as never);
    vi.mocked(api.participantSearch).mockResolvedValue([found('p-3', 'Nowak'), found('p-4', 'Wójcik')]);
    const el = familyTab(fakeContext(), ME, OPTIONS);
    document.body.append(el);
    await settle();
    expect(el.querySelector('[data-action=remove-relation]')!.getAttribute('aria-label')).toBe('Usuń powiązanie: Jaś Żółkiewski');

    el.querySelector<HTMLButtonElement>('[data-action=add-relation]')!.click();
    const query = el.querySelector<HTMLInputElement>('#relation-search')!;
    query.value = 'Jan';
    query.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    const key = (k: string) => query.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowDown');
    key('ArrowDown');
    expect(query.getAttribute('aria-activedescendant')).toBe('relation-pick-p-4');
    key('ArrowUp');
    expect(query.getAttribute('aria-activedescendant')).toBe('relation-pick-p-3');
    key('Enter');
    expect(el.querySelector('.chosen')!.textContent).toContain('Jan Nowak');
  });
});
