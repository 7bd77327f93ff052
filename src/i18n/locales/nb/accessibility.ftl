# The accessibility statement (tilgjengelighetserklæring) and its footer link.

footer-accessibility = Tilgjengelighetserklæring

a11y-title = Tilgjengelighetserklæring
a11y-intro = { $municipality } vil at alle skal kunne bruke Temaplan, uansett funksjonsevne. Denne erklæringen gjelder hele nettstedet.
a11y-standard-heading = Hvilke krav vi følger
a11y-standard-text = Nettstedet skal oppfylle kravene i WCAG 2.1 på nivå A og AA, slik forskrift om universell utforming av IKT-løsninger krever.
a11y-testing-heading = Slik tester vi
a11y-testing-axe = Hver side testes automatisk ved hver endring i en ekte nettleser med axe-core, i mobilbredde og skjermbredde, på bokmål, nynorsk og engelsk.
a11y-testing-html = HTML-koden på hver side kontrolleres med Nu HTML Checker.
a11y-testing-links = Alle lenker sjekkes, og alle skjemaer prøves også med tomme felt, slik at feilmeldingene blir testet.
a11y-testing-keyboard = Vi prøver nettstedet med bare tastatur: alle knapper, lenker og felt kan nås med Tab, og det synes hvor du er.
a11y-testing-no-script = Alle sider virker uten JavaScript.
a11y-gaps-heading = Kjente mangler
a11y-gaps-automatic = Automatiske tester finner ikke alle problemer. Nettstedet er ennå ikke prøvd av brukere med skjermleser eller andre hjelpemidler.
a11y-gaps-attachments = Dokumenter som kommunen laster opp, for eksempel saksframlegg i PDF, kan mangle tilpasning for skjermleser.
a11y-gaps-history = Innhold hentet fra eldre planer kan ha bilder og tabeller uten tekstalternativ.
a11y-feedback-heading = Gi tilbakemelding
a11y-feedback-text = Får du ikke brukt noe på nettstedet, eller har du forslag til forbedringer? Skriv til oss, så svarer vi så snart vi kan:
a11y-feedback-authority = Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til
a11y-feedback-authority-link = Tilsynet for universell utforming av IKT
