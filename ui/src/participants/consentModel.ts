// How consents and consent texts read in Polish: "v2", who signed ("osobiście" or the guardian's
// name), whether it still holds ("obowiązuje" or "wycofana dd.mm.yyyy"), option labels
// ("title — v2"), and the people who may sign for a participant.

import type { Consent } from '../bindings/Consent';
import type { ConsentTemplateVersion } from '../bindings/ConsentTemplateVersion';
import type { Family } from '../bindings/Family';
import type { FormOptions } from '../bindings/FormOptions';
import { formatDate } from '../format';
import { hasKey, t } from '../i18n';
import type { Choice } from '../ui/fields';
import { codeLabel } from './DataTab';

export interface ConsentCells {
  title: string;
  version: string;
  given: string;
  givenBy: string;
  status: string;
}

export function givenByText(c: Consent): string {
  return c.given_by === 'self' ? t('consent.self') : c.given_by;
}

export function consentStatusText(c: Consent): string {
  return c.withdrawn_on ? t('consent.withdrawnOn', { date: formatDate(c.withdrawn_on) }) : t('consent.active');
}

/** The texts of one row of the consents table. */
export function consentCells(c: Consent): ConsentCells {
  return {
    title: c.title,
    version: t('consent.version', { version: c.version }),
    given: formatDate(c.given_on),
    givenBy: givenByText(c),
    status: consentStatusText(c),
  };
}

/** "Klauzula informacyjna — v2" */
export function versionOptionLabel(v: Pick<ConsentTemplateVersion, 'title' | 'version'>): string {
  return t('consent.versionOption', { title: v.title, version: v.version });
}

/** "image-consent" → "zgoda na wykorzystanie wizerunku". */
export function consentKindLabel(kind: string): string {
  const key = `consentKind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}

/** Related people who may sign for the participant: "Anna Nowak (rodzic)". */
export function guardianChoices(family: Family, options: FormOptions): Choice[] {
  return family.related
    .filter((r) => r.can_sign)
    .map((r) => ({ value: r.person_id, label: `${r.name} (${codeLabel(options.relation_kinds, r.kind) ?? r.kind})` }));
}
