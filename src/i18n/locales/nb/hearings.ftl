org-number-error-length = Organisasjonsnummeret har ni sifre, for eksempel 974 760 673.
org-number-error-digits = Organisasjonsnummeret kan bare ha sifre, for eksempel 974 760 673.
org-number-error-check = Organisasjonsnummeret finnes ikke: kontrollsifferet stemmer ikke. Sjekk at du har skrevet det riktig.
routing-error-no-condition = Velg plan, tema eller kategori: en regel uten vilkår ville fått alle innspill.
