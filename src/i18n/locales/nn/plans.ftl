# The public plan page, its history and feeds.

plan-summary-heading = Kort fortalt
plan-vision-heading = Visjon
plan-themes-heading = Tema for utgreiing
plan-progress-heading = Framdriftsplan
plan-progress-empty = Framdriftsplanen er ikkje lagd inn enno.
plan-stage-track-label = Kvar planen står
plan-stage-status-done = fullført
plan-stage-status-current = her står planen no
plan-stage-status-upcoming = kjem
plan-stage-step = Fase { $number } av { $count }: { $stage }
milestone-done-on = Fullført { $date }
milestone-done = Fullført
milestone-not-done = Ikkje fullført
milestone-late = Forseinka
milestone-stage = Fase: { $stage }
plan-decisions-heading = Vedtak og handsaming
plan-decisions-empty = Ingen politiske vedtak er registrerte enno.
plan-contacts-heading = Kontakt
plan-contact-email = E-post
plan-contact-phone = Telefon
plan-participate-heading = Kom med innspel
hearing-open = Høyringa er open. Fristen for innspel er { $closes }.
hearing-open-how = Send innspelet ditt på e-post, og skriv kva tema det gjeld:
hearing-upcoming = Høyringa opnar { $opens }. Fristen for innspel blir { $closes }.
hearing-closed = Høyringa vart avslutta { $closes }. Takk for alle innspel.
hearing-planned = Medverknad og høyring er planlagd: { $when }.
hearing-none = Det er ikkje planlagt nokon høyring enno.

plan-status-heading = Status no
milestone-late-planned = Forseinka – planlagd { $when }
hearing-planned-late = Medverknad og høyring var planlagd { $when }, men er forseinka. Ny tid er ikkje sett enno.
plan-participants = Planen inviterer desse til å delta:
participant-ansatte = tilsette
participant-folkevalgte = folkevalde
participant-innbyggere = innbyggjarar
participant-naeringsliv = næringsliv
participant-frivillige = frivillige
participant-andre-interessegrupper = andre interessegrupper
plan-facts-heading = Om planen
plan-horizon = Planperiode: { $years } år
plan-revision-interval = Vert rullert kvart { $years }. år
plan-cycle = { $cycle ->
    [1] Første versjon
   *[other] Rullering { $revision }
}
plan-adopted = Vedteken { $date }.
plan-revision-due = Neste rullering skal starte innan { $date }.
plan-history-link = Sjå heile historikken for planen
plan-feed-link = Følg endringar i planen (Atom-feed)
plans-feed-link = Følg endringar i alle planar (Atom-feed)

history-title = Historikk
history-intro = Alle endringar av fase i planen, med kven som vedtok dei og når.
history-cycle = { $cycle ->
    [1] Første versjon
   *[other] Rullering { $revision }
}
history-empty = Ingen hendingar er registrerte.
event-created = Arbeidet starta i fasen { $to }
event-advanced = Frå { $from } til { $to }
event-sent-back = Send tilbake frå { $from } til { $to }
event-revision-started = Rullering starta: frå { $from } til { $to }
event-decision = Vedtak: { $reference }
back-to-plan = Tilbake til planen

feed-title-all = Temaplanar – { $municipality }
feed-title-plan = { $plan } – { $municipality }
feed-milestone = Milepæl: { $title } ({ $when }) – { $status }
feed-document = Nytt dokument ({ $kind }): { $title }
plan-adopted-document = Les den vedtekne planen: { $title }
