// Texts before the registry is open: creating it, the recovery key shown once, unlocking, a new
// password with the recovery key, and restoring the newest backup.
// One part of the Polish dictionary; ../pl.ts joins the parts into `pl`.

export const unlockTexts = {
  'setup.heading': 'Utwórz kartotekę',
  'setup.intro': 'Na tym komputerze nie ma jeszcze kartoteki. Podaj swoje imię i nazwisko oraz hasło, którym będziesz ją odblokowywać.',
  'setup.worker': 'Imię i nazwisko pracownika',
  'setup.password': 'Hasło',
  'setup.passwordRepeat': 'Powtórz hasło',
  'setup.submit': 'Utwórz kartotekę',
  'setup.busy': 'Tworzenie kartoteki…',
  'setup.mismatch': 'Hasła nie są takie same — wpisz je ponownie.',

  'recovery.heading': 'Klucz odzyskiwania',
  'recovery.warning': 'Zapisz ten klucz na papierze albo wydrukuj go i schowaj w bezpiecznym miejscu. Pokazujemy go tylko ten jeden raz.',
  'recovery.why': 'Jeśli zapomnisz hasła, tylko ten klucz pozwoli odzyskać dane z kartoteki. Nie przechowuj go w tym komputerze.',
  'recovery.label': 'Twój klucz odzyskiwania',
  'recovery.confirm': 'Klucz zapisany — przejdź dalej',

  'unlock.heading': 'Kartoteka',
  'unlock.intro': 'Wpisz hasło, aby otworzyć kartotekę.',
  'unlock.password': 'Hasło',
  'unlock.submit': 'Odblokuj',
  'unlock.busy': 'Odblokowywanie…',
  'unlock.idle': 'Kartoteka została zablokowana po okresie bezczynności. Wpisz hasło, aby kontynuować.',
  'unlock.forgot': 'Nie pamiętam hasła',
  'reset.heading': 'Nowe hasło z kluczem odzyskiwania',
  'reset.intro': 'Klucz odzyskiwania został pokazany i wydrukowany przy zakładaniu kartoteki (wydruk powinien leżeć w sejfie biura). Wpisz go i ustaw nowe hasło — dane zostaną takie, jakie były.',
  'reset.key': 'Klucz odzyskiwania',
  'reset.keyHint': 'Np. ABCDE-FGHJK-… — wielkość liter i myślniki nie mają znaczenia.',
  'reset.worker': 'Pracownik, którego hasło ustawić',
  'reset.submit': 'Ustaw nowe hasło i odblokuj',
  'reset.busy': 'Sprawdzanie klucza…',
  'reset.back': 'Wróć',
  'reset.done': 'Ustawiono nowe hasło. Od teraz odblokowuj kartotekę tym hasłem; klucz odzyskiwania nadal działa.',
  'unlock.missingHint': 'Można przywrócić dane z najnowszej kopii zapasowej — wpisz hasło powyżej i naciśnij przycisk.',
  'unlock.corruptHint': 'Można przywrócić dane z najnowszej kopii zapasowej — wpisz hasło powyżej i naciśnij przycisk. Uszkodzony plik zostanie zachowany w folderze danych.',
  'unlock.restore': 'Przywróć najnowszą kopię zapasową',
  'unlock.restoring': 'Przywracanie kopii zapasowej…',
  'unlock.restoredFrom': 'Dane przywrócono z kopii zapasowej wykonanej {date}. Zmiany wprowadzone później trzeba wpisać ponownie.',
  'unlock.restored': 'Dane przywrócono z najnowszej kopii zapasowej. Zmiany wprowadzone po jej wykonaniu trzeba wpisać ponownie.',
};
