org-number-error-length = Organisasjonsnummeret har ni sifre, for eksempel 974 760 673.
org-number-error-digits = Organisasjonsnummeret kan bare ha sifre, for eksempel 974 760 673.
org-number-error-check = Organisasjonsnummeret finnes ikke: kontrollsifferet stemmer ikke. Sjekk at du har skrevet det riktig.
routing-error-no-condition = Velg plan, tema eller kategori: en regel uten vilkår ville fått alle innspill.
submission-error-category = Velg hvem du svarer som.
submission-error-organisation-name = Skriv navnet på organisasjonen eller virksomheten.
submission-error-theme = Velg blant temaene i listen.
submission-error-empty = Skriv innspillet ditt, svar på et av spørsmålene eller legg ved en fil.
