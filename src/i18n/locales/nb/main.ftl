# Norsk bokmål: the default language.

site-name = Temaplan
site-tagline = Temaplaner i { $municipality }
skip-to-content = Hopp til hovedinnholdet
nav-label = Hovedmeny
nav-home = Forsiden
language-switcher = Språk
footer-about = Temaplan er { $municipality } sin portal for temaplaner og høringer.
footer-label = Om nettstedet

home-title = Temaplaner
home-intro = Her ser du hvor kommunens temaplaner står, hva som er vedtatt, og når du kan si din mening.
home-empty = Det er ingen temaplaner her ennå.
home-plan-stage = Fase: { $stage }
home-hearing-open = Høring pågår: frist for innspill { $closes }
home-plan-count = { $count ->
    [one] Én plan
   *[other] { $count } planer
}

stage-mandat = Mandat
stage-kunnskapsgrunnlag = Kunnskapsgrunnlag
stage-forstegangsbehandling = Førstegangsbehandling
stage-medvirkning-og-horing = Medvirkning og høring
stage-annengangsbehandling = Annengangsbehandling
stage-endelig-vedtak = Endelig vedtak
stage-vedtatt = Vedtatt

# The stage names in the stage tracker, with soft hyphens where a long
# word may break in a narrow box.
stage-track-mandat = Mandat
stage-track-kunnskapsgrunnlag = Kunnskaps{"\u00AD"}grunnlag
stage-track-forstegangsbehandling = Førstegangs{"\u00AD"}behandling
stage-track-medvirkning-og-horing = Medvirkning og høring
stage-track-annengangsbehandling = Annengangs{"\u00AD"}behandling
stage-track-endelig-vedtak = Endelig vedtak
stage-track-vedtatt = Vedtatt

error-title-400 = Noe var galt med forespørselen
error-text-400 = Siden kunne ikke vise det du ba om. Sjekk adressen og prøv igjen.
error-title-403 = Ingen tilgang
error-text-403 = Du har ikke tilgang til denne siden.
error-title-404 = Fant ikke siden
error-text-404 = Siden du leter etter finnes ikke, eller den er flyttet.
error-title-409 = Konflikt
error-text-409 = Det du prøvde å lagre, finnes allerede eller er endret av noen andre.
error-title-413 = For stor forespørsel
error-text-413 = Det du sendte, er større enn vi tar imot.
error-title-500 = Noe gikk galt hos oss
error-text-500 = Vi klarte ikke å vise siden. Feilen er logget. Prøv igjen om litt.
error-title-503 = Tjenesten er ikke tilgjengelig
error-text-503 = Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.
error-title-503-busy = Mange logger inn akkurat nå
error-text-503-busy = Mange prøver å logge inn samtidig. Vent noen sekunder og prøv igjen.
error-back-home = Gå til forsiden

month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember
