# Planner pages and form messages.

planner-title = Planlegging
planner-new-plan = Ny temaplan
planner-edit-plan = Rediger planen
planner-back-to-plan = Tilbake til planen
planner-conflict = Noen andre har endret dette etter at du åpnet skjemaet
planner-conflict-current = Ingenting er lagret. Skjemaet viser det som er lagret nå.
planner-conflict-unsaved = Ikke lagret – dette sto i skjemaet ditt, der det skiller seg fra det som er lagret nå:
planner-public-page = Se den offentlige siden
planner-plans-caption = Temaplaner og milepæler som er forsinket
planner-col-plan = Plan
planner-col-stage = Fase
planner-col-late = Forsinket
planner-late-count = { $count ->
    [one] Én milepæl forsinket
   *[other] { $count } milepæler forsinket
}
planner-none-late = Ingen

plan-field-title = Tittel
plan-field-slug = Adresse (slug)
plan-field-slug-hint = Små bokstaver a–z, tall og bindestrek, for eksempel klima-og-miljo. Står feltet tomt, lages adressen av tittelen.
plan-field-horizon = Planperiode i år
plan-field-revision-interval = Rulleres hvert … år
plan-field-section = Ansvarlig seksjon
plan-field-section-none = Ingen valgt

form-save = Lagre
form-required = må fylles ut
form-error-summary = Noe må rettes før skjemaet kan lagres
form-error-prefix = Feil:
form-delete-named = Slett { $name }

field-error-required = Fyll ut feltet.
field-error-too-long = Teksten er for lang: høyst { $max } tegn.
field-error-slug = Bruk 2–80 små bokstaver a–z, tall og enkle bindestreker, ikke bindestrek først eller sist.
field-error-range = Skriv et helt tall fra { $min } til { $max }.
field-error-email = Skriv en e-postadresse, for eksempel navn@kommune.no: bare adressen, uten navn, mellomrom eller tegn som ? & = %.
field-error-unknown-stage = Velg en av fasene i listen.

plan-error-interval-beyond-horizon = Planen kan ikke rulleres sjeldnere enn planperioden er lang.
plan-error-unknown-participant = Velg bare grupper fra listen.
plan-error-slug = Adressen er allerede brukt av en annen plan. Velg en annen.
plan-error-section = Den valgte seksjonen finnes ikke lenger. Velg en annen.
plan-error-theme-taken = Planen har allerede et tema med denne tittelen.

milestone-edit = Rediger milepæl
milestone-add = Legg til milepæl
milestone-edit-link = Rediger { $title }
milestone-move-up = Flytt opp: { $title }
milestone-move-down = Flytt ned: { $title }
milestone-field-title = Milepæl
milestone-field-planned = Planlagt tid
milestone-field-planned-hint = En dag, en måned eller flere måneder, for eksempel 9. september 2020, oktober 2020 eller januar – mars 2021.
milestone-field-stage = Hører til fasen
milestone-field-done = Fullført
milestone-field-done-on = Dato fullført
milestone-field-done-on-hint = Fylles ut når milepælen er fullført.
milestone-error-bad-date = Skriv en gyldig dato.
milestone-error-done-without-date = Skriv datoen milepælen ble fullført.
milestone-error-date-in-future = Datoen for når milepælen ble fullført, kan ikke være fram i tid.
milestone-error-date-without-done = Kryss av for fullført, eller fjern datoen.
planned-error-unreadable = Skriv en dag, en måned eller flere måneder, for eksempel 9. september 2020, oktober 2020 eller januar – mars 2021.
planned-error-no-such-date = Den datoen finnes ikke.
planned-error-ends-before-start = Perioden slutter før den begynner.
planned-error-two-digit-year = Skriv året med fire sifre: { $example }.

stage-form-heading = Flytt planen til en annen fase
stage-form-action = Hva er vedtatt?
stage-action-advance = Videre til { $stage }
stage-action-send-back = Sendt tilbake til en tidligere fase
stage-action-revision = Start rullering (ny runde fra mandat)
stage-form-to = Tilbake til fasen
stage-form-note = Begrunnelse
stage-form-decision = Vedtak (saksnummer)
stage-form-decision-hint = For eksempel PS 12/20. Påkrevd når et politisk organ har vedtatt endringen.
stage-form-submit = Flytt planen
stage-error-choose-action = Velg hva som er vedtatt.
transition-error-note-required = Skriv en begrunnelse.
transition-error-note-too-long = Begrunnelsen er for lang: høyst 2000 tegn.
transition-error-decision-required = Skriv saksnummeret til vedtaket, for eksempel PS 12/20. Denne fasen avsluttes med et politisk vedtak.
transition-error-decision-too-long = Saksnummeret er for langt: høyst 200 tegn.
transition-error-already-adopted = Planen er vedtatt og kan ikke flyttes videre. Start en rullering i stedet.
transition-error-hearing-not-closed = Planen kan ikke forlate høringsfasen før høringen er satt opp og avsluttet.
transition-error-not-earlier = Planen kan bare sendes tilbake til en tidligere fase.
transition-error-not-adopted = Bare en vedtatt plan kan rulleres.

hearing-form-heading = Høring
hearing-form-current = Høringen er åpen fra { $opens } til { $closes }.
hearing-form-opens-date = Åpner dato
hearing-form-opens-time = Åpner klokkeslett
hearing-form-closes-date = Frist dato
hearing-form-closes-time = Frist klokkeslett
hearing-form-timezone = Tidene gjelder norsk tid.
hearing-error-bad-time = Skriv klokkeslett som tt:mm, for eksempel 09:00.
hearing-error-no-such-time = Klokkeslettet finnes ikke den dagen (overgang til sommertid). Velg et annet.
hearing-error-closes-before-opens = Fristen må være etter at høringen åpner.
hearing-form-future = Høringen åpner { $opens } og har frist { $closes }.
hearing-form-closed = Høringen var åpen fra { $opens } til { $closes }.
hearing-form-short-reason = Grunn til kortere frist enn seks uker
hearing-form-short-reason-hint = Høringsfristen skal normalt være tre måneder og aldri under seks uker. Fyll ut bare hvis fristen er kortere enn seks uker.
hearing-error-opens-in-past = Høringen kan ikke åpne tilbake i tid. Velg et tidspunkt fra nå av.
hearing-error-closes-in-past = Fristen er allerede passert. Velg en frist fram i tid.
hearing-error-too-short = Høringen er kortere enn seks uker. Forleng fristen, eller skriv hvorfor den må være kortere.
hearing-error-reason-too-long = Skriv grunnen med høyst 500 tegn.
hearing-error-too-early-stage = Høring kan settes fra Førstegangsbehandling. Planen er ikke der ennå.

theme-field-title = Nytt tema
theme-add = Legg til tema
contact-field-role = Rolle
contact-field-responsibility = Ansvar
contact-add = Legg til kontakt
plan-field-status-text = Status nå
plan-field-status-text-hint = Vises på planens side: hva som skjer i fasen nå, hva som kommer etterpå, og når.
contact-field-name = Navn
contact-field-name-consent = Personen har sagt ja til at navnet vises på planens side
contact-field-name-consent-hint = Uten ja vises bare rollen, ansvaret og kontaktinformasjonen.
contact-name-published = navnet vises
contact-name-not-published = navnet vises ikke

planner-parts-nav = Deler av planen
planner-part-all = Alt på én side
flash-plan-created = Planen er opprettet.
flash-plan-saved = Planen er lagret.
flash-theme-added = Temaet er lagt til.
flash-theme-deleted = Temaet er slettet.
flash-contact-added = Kontakten er lagt til.
flash-contact-deleted = Kontakten er slettet.
flash-milestone-added = Milepælen er lagt til.
flash-milestone-saved = Milepælen er lagret.
flash-milestone-moved = Milepælen er flyttet.
flash-milestone-deleted = Milepælen er slettet.
flash-stage-moved = Fasen er endret.
flash-hearing-saved = Høringen er lagret.
confirm-delete-title = Vil du slette «{ $name }»?
confirm-delete-cannot-undo = Dette kan ikke angres.
confirm-delete-yes = Ja, slett
confirm-delete-no = Nei, gå tilbake
