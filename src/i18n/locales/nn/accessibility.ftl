# The accessibility statement (tilgjengelighetserklæring) and its footer link.

footer-accessibility = Tilgjengelegheitserklæring

a11y-title = Tilgjengelegheitserklæring
a11y-intro = { $municipality } vil at alle skal kunne bruke Temaplan, same kva funksjonsevne dei har. Denne erklæringa gjeld heile nettstaden.
a11y-standard-heading = Kva krav vi følgjer
a11y-standard-text = Nettstaden skal oppfylle krava i WCAG 2.1 på nivå A og AA, slik forskrift om universell utforming av IKT-løysingar krev.
a11y-testing-heading = Slik testar vi
a11y-testing-axe = Kvar side blir testa automatisk ved kvar endring i ein ekte nettlesar med axe-core, i mobilbreidd og skjermbreidd, på bokmål, nynorsk og engelsk.
a11y-testing-html = HTML-koden på kvar side blir kontrollert med Nu HTML Checker.
a11y-testing-links = Alle lenkjer blir sjekka, og alle skjema blir også prøvde med tomme felt, slik at feilmeldingane blir testa.
a11y-testing-keyboard = Vi prøver nettstaden med berre tastatur: alle knappar, lenkjer og felt kan ein nå med Tab, og det synest kvar du er.
a11y-testing-no-script = Alle sider verkar utan JavaScript.
a11y-gaps-heading = Kjende manglar
a11y-gaps-automatic = Automatiske testar finn ikkje alle problem. Nettstaden er enno ikkje prøvd av brukarar med skjermlesar eller andre hjelpemiddel.
a11y-gaps-attachments = Dokument som kommunen lastar opp, til dømes saksframlegg i PDF, kan mangle tilpassing for skjermlesar.
a11y-gaps-history = Innhald henta frå eldre planar kan ha bilete og tabellar utan tekstalternativ.
a11y-feedback-heading = Gi tilbakemelding
a11y-feedback-text = Får du ikkje brukt noko på nettstaden, eller har du forslag til betringar? Skriv til oss, så svarer vi så snart vi kan:
a11y-feedback-authority = Får du ikkje svar, eller er du ikkje nøgd med svaret, kan du melde frå til
a11y-feedback-authority-link = Tilsynet for universell utforming av IKT
