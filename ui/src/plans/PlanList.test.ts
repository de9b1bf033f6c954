// The list of all plans on "Plany wsparcia": filters become the command's filter, a late review
// is marked, a name opens the plan.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanListItem } from '../bindings/PlanListItem';
import { fakeContext, settle } from '../test/fixtures';

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api: { planOverview: vi.fn(), projectList: vi.fn() } };
});
import { api } from '../api';
import { planList } from './PlanList';

const ITEM: PlanListItem = {
  plan_id: 'pl-1', participant_id: 'p-1', participant_name: 'Żółkiewska Łucja', project_id: 'pr-1', project_name: 'Razem łatwiej',
  kind: 'support_plan', kind_label: 'Indywidualny plan wsparcia', status: 'signed', status_label: 'podpisany', start_date: '2026-02-01', end_date: '2026-12-31', next_review: '2026-09-10', review_overdue: true,
};

describe('plan list', () => {
  afterEach(() => {
    vi.clearAllMocks();
    document.body.replaceChildren();
  });

  it('lists plans, filters them and opens one', async () => {
    vi.mocked(api.planOverview).mockResolvedValue([ITEM]);
    vi.mocked(api.projectList).mockResolvedValue([{ id: 'pr-1', name: 'Razem łatwiej' } as never]);
    const ctx = fakeContext();
    const el = planList(ctx);
    document.body.append(el);
    await settle();
    await settle();
    expect(api.planOverview).toHaveBeenLastCalledWith({});
    const row = el.querySelector('tr[data-plan-id=pl-1]')!;
    expect(row.textContent).toContain('10.09.2026');
    expect(row.textContent).toContain('zaległy');
    expect(row.querySelector('[data-action=plan-open]')!.getAttribute('aria-label')).toBe('Otwórz plan: Żółkiewska Łucja, Razem łatwiej');

    const project = el.querySelector<HTMLSelectElement>('select[name=project_id]')!;
    project.value = 'pr-1';
    const soon = el.querySelector<HTMLInputElement>('input[name=review_soon]')!;
    soon.checked = true;
    soon.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(api.planOverview).toHaveBeenLastCalledWith({ project_id: 'pr-1', review_within_days: 14 });
    const kind = el.querySelector<HTMLSelectElement>('select[name=kind]')!;
    kind.value = 'social_contract';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(api.planOverview).toHaveBeenLastCalledWith({ project_id: 'pr-1', kind: 'social_contract', review_within_days: 14 });

    row.querySelector<HTMLButtonElement>('[data-action=plan-open]')!.click();
    expect(ctx.navigate).toHaveBeenCalledWith({ view: 'plan', id: 'pl-1' });
  });
});
