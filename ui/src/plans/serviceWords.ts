// The words workers use for the catalogue's services ("wsparcie psychologiczne", "basen",
// "asystent rodziny"), so the service picker finds a service by them as well as by its name
// and category. Keyed by the seeded services' codes (crates/store/migrations/0005_plans.sql);
// a service the office added or renamed is still found by its own name.

const WORDS: Readonly<Record<string, string>> = {
  'TER-PSY': 'wsparcie psychologiczne pomoc psychologiczna psycholog konsultacja psychologiczna',
  'TER-PSYCH': 'psychiatra wizyta psychiatryczna',
  'TER-KRYZ': 'wsparcie kryzysowe pomoc w kryzysie',
  'TER-LOGO': 'logopeda zajęcia logopedyczne',
  'TER-PED': 'pedagog',
  'TER-SI': 'SI zajęcia SI',
  'TER-KK': 'zajęcia wyrównawcze',
  'TER-SOCJO': 'socjoterapia zajęcia socjoterapeutyczne',
  'TER-TUS': 'TUS kompetencje społeczne',
  'ROD-ASYST': 'asystent rodziny asystentura',
  'ROD-PORAD': 'wsparcie rodziny porada rodzinna',
  'ROD-WARSZ': 'szkoła dla rodziców warsztaty rodzicielskie',
  'ROD-ZAST': 'piecza zastępcza',
  'ROD-PWD': 'świetlica PWD',
  'ROD-LEKC': 'korepetycje odrabianie lekcji',
  'ROD-WYCI': 'wyjazd edukacyjny',
  'ROD-INTEG': 'piknik festyn',
  'SEN-OPIEK': 'opiekunka usługi opiekuńcze w domu',
  'SEN-SPEC': 'SUO',
  'SEN-TAXI': 'transport dowóz przewóz',
  'SEN-ZLOTA': 'drobne naprawy',
  'SEN-FIZJO': 'fizjoterapia w domu rehabilitacja domowa',
  'SEN-PIEL': 'pielęgniarka',
  'SEN-DIET': 'dietetyk',
  'SEN-TRENER': 'ćwiczenia gimnastyka',
  'SEN-BASEN': 'basen pływalnia',
  'SEN-AQUA': 'basen pływalnia',
  'SEN-KULT': 'kultura teatr',
  'NPS-AOON': 'asystent osobisty AOON',
  'NPS-REH': 'fizjoterapia',
  'PRA-DORAD': 'doradca zawodowy',
  'PRA-IPD': 'IPD',
  'PRA-KURS': 'szkolenie zawodowe',
  'SPO-ORG': 'OSL praca ze społecznością',
  'SPO-INIC': 'inicjatywa mieszkańców',
};

/** The words a service is also found by (empty for a service of the office's own). */
export function serviceWords(code: string): string {
  return WORDS[code] ?? '';
}
