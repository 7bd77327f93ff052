# Planner pages and form messages.

planner-title = Planlegging
planner-new-plan = Ny temaplan
planner-edit-plan = Rediger planen
planner-back-to-plan = Tilbake til planen
planner-conflict = Nokon andre har endra dette etter at du opna skjemaet
planner-conflict-current = Ingenting er lagra. Skjemaet viser det som er lagra no.
planner-conflict-unsaved = Ikkje lagra – dette stod i skjemaet ditt, der det skil seg frå det som er lagra no:
planner-public-page = Sjå den offentlege sida
planner-plans-caption = Temaplanar og milepælar som er forseinka
planner-col-plan = Plan
planner-col-stage = Fase
planner-col-late = Forseinka
planner-late-count = { $count ->
    [one] Éin milepæl forseinka
   *[other] { $count } milepælar forseinka
}
planner-none-late = Ingen

plan-field-title = Tittel
plan-field-slug = Adresse (slug)
plan-field-slug-hint = Små bokstavar a–z, tal og bindestrek, til dømes klima-og-miljo. Står feltet tomt, vert adressa laga av tittelen.
plan-field-horizon = Planperiode i år
plan-field-revision-interval = Vert rullert kvart … år
plan-field-section = Ansvarleg seksjon
plan-field-section-none = Ingen vald

form-save = Lagre
form-required = må fyllast ut
form-error-summary = Noko må rettast før skjemaet kan lagrast
form-error-prefix = Feil:
form-delete-named = Slett { $name }

field-error-required = Fyll ut feltet.
field-error-too-long = Teksten er for lang: høgst { $max } teikn.
field-error-slug = Bruk 2–80 små bokstavar a–z, tal og enkle bindestrekar, ikkje bindestrek først eller sist.
field-error-range = Skriv eit heilt tal frå { $min } til { $max }.
field-error-email = Skriv ei e-postadresse, til dømes namn@kommune.no: berre adressa, utan namn, mellomrom eller teikn som ? & = %.
field-error-unknown-stage = Vel ein av fasane i lista.

plan-error-interval-beyond-horizon = Planen kan ikkje rullerast sjeldnare enn planperioden er lang.
plan-error-unknown-participant = Vel berre grupper frå lista.
plan-error-slug = Adressa er alt brukt av ein annan plan. Vel ei anna.
plan-error-section = Den valde seksjonen finst ikkje lenger. Vel ein annan.
plan-error-theme-taken = Planen har alt eit tema med denne tittelen.

milestone-edit = Rediger milepæl
milestone-add = Legg til milepæl
milestone-edit-link = Rediger { $title }
milestone-move-up = Flytt opp: { $title }
milestone-move-down = Flytt ned: { $title }
milestone-field-title = Milepæl
milestone-field-planned = Planlagd tid
milestone-field-planned-hint = Ein dag, ein månad eller fleire månader, til dømes 9. september 2020, oktober 2020 eller januar – mars 2021.
milestone-field-stage = Høyrer til fasen
milestone-field-done = Fullført
milestone-field-done-on = Dato fullført
milestone-field-done-on-hint = Fyllast ut når milepælen er fullført.
milestone-error-bad-date = Skriv ein gyldig dato.
milestone-error-done-without-date = Skriv datoen milepælen vart fullført.
milestone-error-date-in-future = Datoen for når milepælen vart fullført, kan ikkje vere fram i tid.
milestone-error-date-without-done = Kryss av for fullført, eller fjern datoen.
planned-error-unreadable = Skriv ein dag, ein månad eller fleire månader, til dømes 9. september 2020, oktober 2020 eller januar – mars 2021.
planned-error-no-such-date = Den datoen finst ikkje.
planned-error-ends-before-start = Perioden sluttar før han byrjar.
planned-error-two-digit-year = Skriv året med fire siffer: { $example }.

stage-form-heading = Flytt planen til ein annan fase
stage-form-action = Kva er vedteke?
stage-action-advance = Vidare til { $stage }
stage-action-send-back = Send tilbake til ein tidlegare fase
stage-action-revision = Start rullering (ny runde frå mandat)
stage-form-to = Tilbake til fasen
stage-form-note = Grunngiving
stage-form-decision = Vedtak (saksnummer)
stage-form-decision-hint = Til dømes PS 12/20. Påkravd når eit politisk organ har vedteke endringa.
stage-form-submit = Flytt planen
stage-error-choose-action = Vel kva som er vedteke.
transition-error-note-required = Skriv ei grunngiving.
transition-error-note-too-long = Grunngivinga er for lang: høgst 2000 teikn.
transition-error-decision-required = Skriv saksnummeret til vedtaket, til dømes PS 12/20. Denne fasen vert avslutta med eit politisk vedtak.
transition-error-decision-too-long = Saksnummeret er for langt: høgst 200 teikn.
transition-error-already-adopted = Planen er vedteken og kan ikkje flyttast vidare. Start ei rullering i staden.
transition-error-hearing-not-closed = Planen kan ikkje forlate høyringsfasen før høyringa er sett opp og avslutta.
transition-error-not-earlier = Planen kan berre sendast tilbake til ein tidlegare fase.
transition-error-not-adopted = Berre ein vedteken plan kan rullerast.

hearing-form-heading = Høyring
hearing-form-current = Høyringa er open frå { $opens } til { $closes }.
hearing-form-opens-date = Opnar dato
hearing-form-opens-time = Opnar klokkeslett
hearing-form-closes-date = Frist dato
hearing-form-closes-time = Frist klokkeslett
hearing-form-timezone = Tidene gjeld norsk tid.
hearing-error-bad-time = Skriv klokkeslett som tt:mm, til dømes 09:00.
hearing-error-no-such-time = Klokkeslettet finst ikkje den dagen (overgang til sommartid). Vel eit anna.
hearing-error-closes-before-opens = Fristen må vere etter at høyringa opnar.
hearing-form-future = Høyringa opnar { $opens } og har frist { $closes }.
hearing-form-closed = Høyringa var open frå { $opens } til { $closes }.
hearing-form-short-reason = Grunn til kortare frist enn seks veker
hearing-form-short-reason-hint = Høyringsfristen skal normalt vere tre månader og aldri under seks veker. Fyll ut berre viss fristen er kortare enn seks veker.
hearing-error-opens-in-past = Høyringa kan ikkje opne tilbake i tid. Vel eit tidspunkt frå no av.
hearing-error-closes-in-past = Fristen er alt passert. Vel ein frist fram i tid.
hearing-error-too-short = Høyringa er kortare enn seks veker. Forleng fristen, eller skriv kvifor han må vere kortare.
hearing-error-reason-too-long = Skriv grunnen med høgst 500 teikn.
hearing-error-too-early-stage = Høyring kan setjast frå Førstegangsbehandling. Planen er ikkje der enno.

theme-field-title = Nytt tema
theme-add = Legg til tema
contact-field-role = Rolle
contact-field-responsibility = Ansvar
contact-add = Legg til kontakt
plan-field-status-text = Status no
plan-field-status-text-hint = Vert vist på sida til planen: kva som skjer i fasen no, kva som kjem etterpå, og når.
contact-field-name = Namn
contact-field-name-consent = Personen har sagt ja til at namnet vert vist på sida til planen
contact-field-name-consent-hint = Utan ja vert berre rolla, ansvaret og kontaktinformasjonen vist.
contact-name-published = namnet vert vist
contact-name-not-published = namnet vert ikkje vist

planner-parts-nav = Delar av planen
planner-part-all = Alt på éi side
flash-plan-created = Planen er oppretta.
flash-plan-saved = Planen er lagra.
flash-theme-added = Temaet er lagt til.
flash-theme-deleted = Temaet er sletta.
flash-contact-added = Kontakten er lagd til.
flash-contact-deleted = Kontakten er sletta.
flash-milestone-added = Milepælen er lagd til.
flash-milestone-saved = Milepælen er lagra.
flash-milestone-moved = Milepælen er flytta.
flash-milestone-deleted = Milepælen er sletta.
flash-stage-moved = Fasen er endra.
flash-hearing-saved = Høyringa er lagra.
confirm-delete-title = Vil du slette «{ $name }»?
confirm-delete-cannot-undo = Dette kan ikkje angrast.
confirm-delete-yes = Ja, slett
confirm-delete-no = Nei, gå tilbake
