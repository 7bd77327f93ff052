# Norsk nynorsk.

site-name = Temaplan
site-tagline = Temaplanar i { $municipality }
skip-to-content = Hopp til hovudinnhaldet
nav-label = Hovudmeny
nav-home = Framsida
language-switcher = Språk
footer-about = Temaplan er portalen til { $municipality } for temaplanar og høyringar.
footer-label = Om nettstaden

home-title = Temaplanar
home-intro = Her ser du kvar temaplanane til kommunen står, kva som er vedteke, og når du kan seie meininga di.
home-empty = Det er ingen temaplanar her enno.
home-plan-stage = Fase: { $stage }
home-hearing-open = Høyring pågår: frist for innspel { $closes }
home-plan-count = { $count ->
    [one] Éin plan
   *[other] { $count } planar
}

stage-mandat = Mandat
stage-kunnskapsgrunnlag = Kunnskapsgrunnlag
stage-forstegangsbehandling = Førstegongsbehandling
stage-medvirkning-og-horing = Medverknad og høyring
stage-annengangsbehandling = Andregongsbehandling
stage-endelig-vedtak = Endeleg vedtak
stage-vedtatt = Vedteken

# The stage names in the stage tracker, with soft hyphens where a long
# word may break in a narrow box.
stage-track-mandat = Mandat
stage-track-kunnskapsgrunnlag = Kunnskaps{"\u00AD"}grunnlag
stage-track-forstegangsbehandling = Førstegongs{"\u00AD"}behandling
stage-track-medvirkning-og-horing = Medverknad og høyring
stage-track-annengangsbehandling = Andregongs{"\u00AD"}behandling
stage-track-endelig-vedtak = Endeleg vedtak
stage-track-vedtatt = Vedteken

error-title-400 = Noko var gale med førespurnaden
error-text-400 = Sida kunne ikkje vise det du bad om. Sjekk adressa og prøv igjen.
error-title-403 = Ingen tilgang
error-text-403 = Du har ikkje tilgang til denne sida.
error-title-404 = Fann ikkje sida
error-text-404 = Sida du leitar etter, finst ikkje, eller ho er flytta.
error-title-409 = Konflikt
error-text-409 = Det du prøvde å lagre, finst allereie eller er endra av nokon andre.
error-title-413 = For stor førespurnad
error-text-413 = Det du sende, er større enn vi tek imot.
error-title-500 = Noko gjekk gale hos oss
error-text-500 = Vi klarte ikkje å vise sida. Feilen er logga. Prøv igjen om litt.
error-title-503 = Tenesta er ikkje tilgjengeleg
error-text-503 = Tenesta er mellombels utilgjengeleg. Prøv igjen om litt.
error-title-503-busy = Mange loggar inn akkurat no
error-text-503-busy = Mange prøver å logge inn samtidig. Vent nokre sekund og prøv igjen.
error-back-home = Gå til framsida

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
