// Texts every screen shares: the app, common buttons, errors, navigation, the status bar,
// placeholders, and counted words (sizes, people, age).
// One part of the Polish dictionary; ../pl.ts joins the parts into `pl`.

export const commonTexts = {
  'app.title': 'Kartoteka',
  'app.startFailed': 'Nie udało się uruchomić kartoteki: {message}',

  'common.cancel': 'Anuluj',
  'common.close': 'Zamknij',
  'common.loading': 'Wczytywanie…',
  'common.saving': 'Zapisywanie…',
  'common.save': 'Zapisz',
  'common.choose': '— wybierz —',
  'common.notGiven': '—',
  'common.dateHint': 'dd.mm.rrrr',
  'common.retry': 'Spróbuj ponownie',

  'error.unknown': 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie.',
  'error.dismiss': 'Zamknij komunikat',
  'error.summary': 'Popraw zaznaczone pola',

  'nav.label': 'Nawigacja główna',
  'nav.participants': 'Uczestnicy',
  'nav.projects': 'Projekty',
  'nav.plans': 'Plany wsparcia',
  'nav.documents': 'Dokumenty',
  'nav.reports': 'Raporty',
  'nav.sync': 'Synchronizacja',
  'nav.settings': 'Ustawienia',

  'status.worker': 'Pracownik: {name}',
  'status.dataDir': 'Dane: {path}',
  'status.version': 'Wersja {version}',
  'status.lock': 'Zablokuj',
  'status.label': 'Pasek stanu',

  'placeholder.coming': 'Ta część pojawi się w kolejnej wersji.',
  'placeholder.plans': 'Tu znajdą się indywidualne plany wsparcia: diagnoza, cele, zaplanowane usługi i ich realizacja.',
  'placeholder.sync': 'Tu znajdzie się wymiana danych między laptopem używanym w terenie a kopią kartoteki w biurze.',

  'size.kb': '{n} KB',
  'size.mb': '{n} MB',
  'size.gb': '{n} GB',

  'age.one': '{n} rok',
  'age.few': '{n} lata',
  'age.many': '{n} lat',

  'people.one': '{n} osoba',
  'people.few': '{n} osoby',
  'people.many': '{n} osób',

  'common.required': 'pole wymagane',
  'common.requiredNote': 'Pola oznaczone * są wymagane.',
  'draft.restored': 'Przywrócono niezapisany szkic z {at}. Sprawdź go i zapisz albo odrzuć.',
  'draft.discard': 'Odrzuć szkic',
  'draft.returned': 'Wrócono do formularza, który był otwarty przed zablokowaniem.',
  'leave.title': 'Masz niezapisane zmiany',
  'leave.text': 'Zmiany w tym formularzu nie zostały zapisane. Zapisać je, porzucić czy wrócić do formularza?',
  'leave.save': 'Zapisz',
  'leave.discard': 'Porzuć zmiany',
  'leave.stay': 'Wróć do formularza',
  'picker.folder': 'Wybierz folder…',
  'picker.file': 'Wybierz plik…',
  'picker.folderTitle': 'Wybierz folder',
  'picker.fileTitle': 'Wybierz plik',
};
