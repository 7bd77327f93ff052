org-number-error-length = Organisasjonsnummeret har ni siffer, til dømes 974 760 673.
org-number-error-digits = Organisasjonsnummeret kan berre ha siffer, til dømes 974 760 673.
org-number-error-check = Organisasjonsnummeret finst ikkje: kontrollsifferet stemmer ikkje. Sjekk at du har skrive det rett.
routing-error-no-condition = Vel plan, tema eller kategori: ein regel utan vilkår ville fått alle innspel.
submission-error-category = Vel kven du svarar som.
submission-error-organisation-name = Skriv namnet på organisasjonen eller verksemda.
submission-error-theme = Vel blant temaa i lista.
submission-error-empty = Skriv innspelet ditt, svar på eitt av spørsmåla eller legg ved ei fil.
