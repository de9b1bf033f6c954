// The Raporty view's model: projects in Polish order, the CST2021 check sentence with Polish
// plurals and thousands, people with gaps, CSV progress and what a written file holds.
import { describe, expect, it } from 'vitest';
import type { IncompleteParticipant } from '../bindings/IncompleteParticipant';
import type { Project } from '../bindings/Project';
import type { ReportSummary } from '../bindings/ReportSummary';
import {
  checkOfSummary, checkSentence, CSV_KINDS, fileName, fixRoute, folderOf, formatLabel, incompleteText, missingText, personName, progressState,
  projectLabel, reportLabel, rowsText, sortIncomplete, sortProjects,
} from './reportsModel';

/** Polish thousands are separated by a no-break space: compare with plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

function project(id: string, name: string, start = '2025-01-01'): Project {
  return {
    id, name, enrolled: 0, active: 0, agreement_number: null, programme: null, start_date: start, end_date: '2026-12-31',
    participant_target: null, target_groups: [], retention_until: null, priority: null, measure: null, call_number: null, eu_funds: null, state_budget: null, own_contribution: null, eligibility_criteria: [], attachments: [],
  };
}

function person(id: string, row: number, name: string, columns: string[]): IncompleteParticipant {
  return { participant_id: id, enrolment_id: `e-${id}`, name, row, missing: columns.map((c) => ({ field: c.toLowerCase(), column: c })) };
}

describe('projects', () => {
  it('sorts by name as Poles do, then by start date', () => {
    const sorted = sortProjects([
      project('1', 'Żłobek'), project('2', 'Zorza'), project('3', 'Łąka'), project('4', 'Lato'), project('5', 'ćwiczenia'),
      project('6', 'Cisza'), project('7', 'Aktywni 2025', '2025-03-01'), project('8', 'Aktywni 2025', '2024-03-01'), project('9', 'Aktywni 10'),
      project('10', 'Aktywni 9'),
    ]);
    expect(sorted.map((p) => p.id)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1']);
  });

  it('labels a project with its period', () => {
    expect(projectLabel(project('1', 'Aktywna Łódź'))).toBe('Aktywna Łódź (01.01.2025–31.12.2026)');
  });
});

describe('CST2021 check sentence', () => {
  it('says how many people and how many have everything, in Polish', () => {
    expect(checkSentence({ rows: 350, complete: 348 })).toBe('W pliku będzie 350 osób; 348 ma komplet danych.');
    expect(checkSentence({ rows: 3, complete: 2 })).toBe('W pliku będą 3 osoby; 2 mają komplet danych.');
    expect(checkSentence({ rows: 22, complete: 1 })).toBe('W pliku będą 22 osoby; 1 ma komplet danych.');
    expect(checkSentence({ rows: 5, complete: 0 })).toBe('W pliku będzie 5 osób; 0 ma komplet danych.');
    expect(plain(checkSentence({ rows: 12500, complete: 12000 }))).toBe('W pliku będzie 12 500 osób; 12 000 ma komplet danych.');
  });

  it('says when everybody is complete, and when nobody is in the project', () => {
    expect(checkSentence({ rows: 12, complete: 12 })).toBe('W pliku będzie 12 osób; wszystkie mają komplet danych.');
    expect(checkSentence({ rows: 1, complete: 1 })).toBe('W pliku będzie 1 osoba; ma komplet danych.');
    expect(checkSentence({ rows: 0, complete: 0 })).toContain('tylko wiersz nagłówka');
  });

  it('speaks of a written file in the present tense', () => {
    expect(checkSentence({ rows: 350, complete: 348 }, true)).toBe('W pliku jest 350 osób; 348 ma komplet danych.');
    expect(checkSentence({ rows: 2, complete: 2 }, true)).toBe('W pliku są 2 osoby; wszystkie mają komplet danych.');
  });

  it('turns an export summary back into the check of its people', () => {
    const summary: ReportSummary = {
      report: 'cst2021', file: '/d/cst.xlsx', format: 'xlsx', rows: 4, incomplete: [person('p1', 3, 'Nowak Jan', ['PESEL'])],
    };
    expect(checkOfSummary(summary, { id: 'proj', name: 'Aktywni' })).toEqual({
      project_id: 'proj', project_name: 'Aktywni', rows: 4, complete: 3, incomplete: summary.incomplete,
    });
  });
});

describe('people with gaps', () => {
  it('names them, or says the person is anonymised', () => {
    expect(personName(person('p1', 2, 'Kowalska Ala', []))).toBe('Kowalska Ala');
    expect(personName(person('p2', 3, '', []))).toBe('(osoba zanonimizowana)');
    expect(personName(person('p3', 4, '  ', []))).toBe('(osoba zanonimizowana)');
  });

  it('lists the missing columns once each, by their headers', () => {
    const p = person('p1', 2, 'Kowalska Ala', ['PESEL', 'Wykształcenie']);
    p.missing.push({ field: 'pesel', column: 'PESEL' }, { field: 'sex', column: '' });
    expect(missingText(p)).toBe('Brakuje: PESEL, Wykształcenie, sex');
  });

  it('keeps the order of the file’s rows', () => {
    const sorted = sortIncomplete([person('c', 9, 'C', []), person('a', 2, 'A', []), person('b', 5, 'B', [])]);
    expect(sorted.map((p) => p.participant_id)).toEqual(['a', 'b', 'c']);
  });
});

describe('CSV progress', () => {
  it('shows rows with Polish thousands and a whole percent', () => {
    const state = progressState({ done: 12000, total: 100000 });
    expect(plain(state.text)).toBe('Zapisano 12 000 z 100 000 wierszy');
    expect(state.percent).toBe(12);
    expect(progressState({ done: 999, total: 1000 }).percent).toBe(99);
    expect(progressState({ done: 1000, total: 1000 }).percent).toBe(100);
    expect(progressState({ done: 0, total: 1 }).text).toBe('Zapisano 0 z 1 wiersza');
  });

  it('says it is preparing before the total is known, and never goes past all or below nothing', () => {
    expect(progressState({ done: 0, total: 0 })).toEqual({ text: 'Przygotowywanie zestawienia…', percent: 0 });
    expect(progressState({ done: 50, total: 10 }).percent).toBe(100);
    expect(progressState({ done: -5, total: 10 }).percent).toBe(0);
  });
});

describe('written file', () => {
  it('names the report and the format', () => {
    expect(reportLabel('cst2021')).toBe('Dane uczestników CST2021');
    expect(CSV_KINDS.map(reportLabel)).toEqual(['Uczestnicy', 'Udziały w projektach', 'Zrealizowane usługi']);
    expect(reportLabel('nowy')).toBe('nowy');
    expect(formatLabel('xlsx')).toBe('XLSX');
    expect(formatLabel('csv')).toBe('CSV');
  });

  it('counts data rows with the Polish plural', () => {
    expect(rowsText(1)).toBe('W pliku: 1 wiersz danych.');
    expect(rowsText(3)).toBe('W pliku: 3 wiersze danych.');
    expect(rowsText(0)).toBe('W pliku: 0 wierszy danych.');
    expect(plain(rowsText(254673))).toBe('W pliku: 254 673 wiersze danych.');
    expect(plain(rowsText(100000))).toBe('W pliku: 100 000 wierszy danych.');
  });

  it('tells about people with gaps only for CST2021', () => {
    const base: ReportSummary = { report: 'cst2021', file: '/d/a.xlsx', format: 'xlsx', rows: 2, incomplete: [] };
    expect(incompleteText(base)).toBe('Wszystkie osoby mają komplet danych.');
    expect(incompleteText({ ...base, incomplete: [person('p', 2, 'A', ['PESEL'])] })).toBe('Osoby z brakami w danych: 1 — są w pliku, lista powyżej.');
    expect(incompleteText({ ...base, report: 'participants', format: 'csv' })).toBeNull();
  });

  it('splits Unix and Windows paths', () => {
    expect(fileName('/home/anna/Dokumenty/Kartoteka/cst2021-2025-03-05.xlsx')).toBe('cst2021-2025-03-05.xlsx');
    expect(fileName('C:\\Users\\anna\\Documents\\Kartoteka\\uczestnicy.csv')).toBe('uczestnicy.csv');
    expect(folderOf('/home/anna/Dokumenty/Kartoteka/a.csv')).toBe('/home/anna/Dokumenty/Kartoteka');
    expect(folderOf('C:\\Users\\anna\\Documents\\Kartoteka\\a.csv')).toBe('C:\\Users\\anna\\Documents\\Kartoteka');
    expect(folderOf('a.csv')).toBe('');
    expect(folderOf('/a.csv')).toBe('/');
  });
});

describe('fixRoute', () => {
  const person = (fields: string[]) => ({
    participant_id: 'p-1', enrolment_id: 'e-1', name: 'Nowak Anna', row: 2, missing: fields.map((field) => ({ field, column: field })),
  });
  it('opens the form at the missing fields of the form, else the tab holding them', () => {
    expect(fixRoute(person(['enrolment.end_date', 'education']), 'proj-1')).toEqual(
      { view: 'participant-edit', id: 'p-1', cst: { projectId: 'proj-1', fields: ['education'] } });
    expect(fixRoute(person(['enrolment.exit_situation']), 'proj-1')).toEqual({ view: 'participant', id: 'p-1', tab: 'projects' });
    expect(fixRoute(person(['support.services']), 'proj-1')).toEqual({ view: 'participant', id: 'p-1', tab: 'plans' });
  });
});

describe('values SM EFS refuses', () => {
  it('are named apart from missing ones and sent to the form with why', () => {
    const p = {
      participant_id: 'p-1', enrolment_id: 'e-1', name: 'Wałęsa Łucja', row: 3,
      missing: [
        { field: 'education', column: 'Wykształcenie' },
        { field: 'email', column: 'Adres e-mail', problem: 'adres e-mail zawiera polskie litery' },
      ],
    };
    expect(missingText(p)).toBe('Brakuje: Wykształcenie. Do poprawy: Adres e-mail (adres e-mail zawiera polskie litery)');
    expect(fixRoute(p, 'proj-1')).toEqual({ view: 'participant-edit', id: 'p-1',
      cst: { projectId: 'proj-1', fields: ['education', 'email'], problems: { email: 'adres e-mail zawiera polskie litery' } } });
  });
});
