// Projekty: the list, a project's page and the project form's fields.
// One part of the Polish dictionary; ../pl.ts joins the parts into `pl`.

export const projectTexts = {
  'projects.new': 'Nowy projekt',
  'projects.empty': 'Nie ma jeszcze projektów. Dodaj pierwszy przyciskiem „Nowy projekt”.',
  'projects.col.name': 'Nazwa',
  'projects.col.agreement': 'Numer umowy',
  'projects.col.period': 'Okres realizacji',
  'projects.col.progress': 'Uczestnicy',
  'projects.period': '{from}–{to}',
  'projects.progress': '{enrolled} z {target} uczestników',
  'projects.progressNoTarget': 'Zapisanych uczestników: {enrolled}',
  'projects.active': 'W tym w trakcie udziału: {active}',
  'projects.back': '← Projekty',
  'projects.formTitle': 'Nowy projekt',
  'projects.enrolledHeading': 'Zapisani uczestnicy',
  'projects.noEnrolled': 'Nikt nie jest jeszcze zapisany do tego projektu.',
  'projects.col.participant': 'Uczestnik',
  'projects.targetNotNumber': 'Docelowa liczba uczestników: wpisz liczbę całkowitą, np. 350.',
  'projects.noGroups': 'nie określono',
  'projects.tableLabel': 'Lista projektów',

  'pfield.name': 'Nazwa projektu',
  'pfield.agreement_number': 'Numer umowy',
  'pfield.programme': 'Program',
  'pfield.start_date': 'Początek projektu',
  'pfield.end_date': 'Koniec projektu',
  'pfield.period': 'Okres realizacji',
  'pfield.participant_target': 'Docelowa liczba uczestników',
  'pfield.target_groups': 'Grupy docelowe',
  'pfield.target_groupsHint': 'Każda grupa w osobnym wierszu.',
  'pfield.retention_until': 'Przechowywanie dokumentów do',

  'projects.edit': 'Edytuj projekt',
  'projects.editTitle': 'Edytuj projekt',

  'projects.addPerson': 'Dodaj osobę do projektu',
  'projects.addPersonHeading': 'Dodaj osobę do projektu „{project}”',
  'projects.findPerson': 'Znajdź osobę w kartotece (nazwisko, PESEL, miejscowość)',
};
