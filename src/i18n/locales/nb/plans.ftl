# The public plan page, its history and feeds.

plan-summary-heading = Kort fortalt
plan-vision-heading = Visjon
plan-themes-heading = Tema for utredning
plan-progress-heading = Fremdriftsplan
plan-progress-empty = Fremdriftsplanen er ikke lagt inn ennå.
plan-stage-track-label = Hvor planen står
plan-stage-status-done = fullført
plan-stage-status-current = her står planen nå
plan-stage-status-upcoming = kommer
plan-stage-step = Fase { $number } av { $count }: { $stage }
milestone-done-on = Fullført { $date }
milestone-done = Fullført
milestone-not-done = Ikke fullført
milestone-late = Forsinket
milestone-stage = Fase: { $stage }
plan-decisions-heading = Vedtak og behandling
plan-decisions-empty = Ingen politiske vedtak er registrert ennå.
plan-contacts-heading = Kontakt
plan-contact-email = E-post
plan-contact-phone = Telefon
plan-participate-heading = Bidra med innspill
hearing-open = Høringen er åpen. Fristen for innspill er { $closes }.
hearing-open-how = Send innspillet ditt på e-post, og skriv hvilket tema det gjelder:
hearing-upcoming = Høringen åpner { $opens }. Fristen for innspill blir { $closes }.
hearing-closed = Høringen ble avsluttet { $closes }. Takk for alle innspill.
hearing-planned = Medvirkning og høring er planlagt: { $when }.
hearing-none = Det er ikke planlagt noen høring ennå.

plan-status-heading = Status nå
milestone-late-planned = Forsinket – planlagt { $when }
hearing-planned-late = Medvirkning og høring var planlagt { $when }, men er forsinket. Ny tid er ikke satt ennå.
plan-participants = Planen inviterer disse til å delta:
participant-ansatte = ansatte
participant-folkevalgte = folkevalgte
participant-innbyggere = innbyggere
participant-naeringsliv = næringsliv
participant-frivillige = frivillige
participant-andre-interessegrupper = andre interessegrupper
plan-facts-heading = Om planen
plan-horizon = Planperiode: { $years } år
plan-revision-interval = Rulleres hvert { $years }. år
plan-cycle = { $cycle ->
    [1] Første versjon
   *[other] Rullering { $revision }
}
plan-adopted = Vedtatt { $date }.
plan-revision-due = Neste rullering skal starte innen { $date }.
plan-history-link = Se hele historikken for planen
plan-feed-link = Følg endringer i planen (Atom-feed)
plans-feed-link = Følg endringer i alle planer (Atom-feed)

history-title = Historikk
history-intro = Alle endringer av fase i planen, med hvem som vedtok dem og når.
history-cycle = { $cycle ->
    [1] Første versjon
   *[other] Rullering { $revision }
}
history-empty = Ingen hendelser er registrert.
event-created = Arbeidet startet i fasen { $to }
event-advanced = Fra { $from } til { $to }
event-sent-back = Sendt tilbake fra { $from } til { $to }
event-revision-started = Rullering startet: fra { $from } til { $to }
event-decision = Vedtak: { $reference }
back-to-plan = Tilbake til planen

feed-title-all = Temaplaner – { $municipality }
feed-title-plan = { $plan } – { $municipality }
feed-milestone = Milepæl: { $title } ({ $when }) – { $status }
feed-document = Nytt dokument ({ $kind }): { $title }
plan-adopted-document = Les den vedtatte planen: { $title }
