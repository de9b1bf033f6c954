// Texts before the registry is open: unlocking, a new password with the recovery key, and
// restoring the newest backup (creating it is the first-run wizard's, ./firstRun.ts).
// One part of the Polish dictionary; ../pl.ts joins the parts into `pl`.

export const unlockTexts = {
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
