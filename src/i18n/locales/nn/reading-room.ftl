# The members' reading room (/mine-moter).
reading-room-title = Mine møte
reading-room-intro = Møta i utvala du sit i, med alle sakspapir – også dei som er unnatekne offentlegheit. Det som er nytt eller endra sidan du sist opna eit møte, er merkt.
reading-room-upcoming = Komande møte
reading-room-no-upcoming = Du har ingen komande møte.
reading-room-recent = Siste møte
reading-room-not-opened = Ikkje opna enno
reading-room-unseen = { $count ->
    [one] 1 nytt eller endra sidan sist
   *[other] { $count } nye eller endra sidan sist
}
reading-room-status-planlagt = Planlagt
reading-room-status-innkalt = Innkalla
reading-room-status-avholdt = Halde
reading-room-status-protokoll-godkjent = Protokoll godkjend
reading-room-status-avlyst = Avlyst
reading-room-back = Tilbake til mine møte
reading-room-status = Status
reading-room-place = Stad
reading-room-remote = fjernmøte
reading-room-notice = Innkalling publisert
reading-room-last-visit = Sist du opna møtet
reading-room-first-visit = Første gong – alt er nytt for deg
reading-room-meeting-changed = Endra: møtet (tid, stad eller status) er endra sidan sist du opna det.
reading-room-minutes = Protokoll
reading-room-agenda = Saksliste
reading-room-notes-private = Under kvar sak kan du skrive eigne notat. Berre du kan lese notata dine.
reading-room-no-items = Sakslista er ikkje klar enno.
reading-room-exempt = Unnateke offentlegheit ({ $ground }). Offentleg tittel: { $title }
reading-room-archive-case = Arkivsak
reading-room-recommendation = Innstilling
reading-room-decision = Vedtak
reading-room-vote = Røysting
reading-room-papers = Sakspapir
reading-room-paper-saksframlegg = saksframlegg
reading-room-paper-vedlegg = vedlegg
reading-room-paper-protokoll = protokoll
reading-room-paper-exempt = unnateke offentlegheit ({ $ground }), ikkje del vidare
reading-room-no-papers = Ingen sakspapir enno.
reading-room-novelty-ny = Ny
reading-room-novelty-endret = Endra
reading-room-note-label = Notatet ditt til { $number }
reading-room-note-hint = Berre du kan lese notata dine. Høgst { $max } teikn. Lagre eit tomt notat for å slette det.
reading-room-note-save = Lagre notatet
reading-room-note-saved = Notatet er lagra.
reading-room-note-deleted = Notatet er sletta.
reading-room-note-conflict = Notatet vart endra i ei anna fane eller eit anna vindauge. Feltet viser no det som er lagra; teksten du skreiv, står over, så du kan kopiere han.
reading-room-note-unsaved = Dette skreiv du (ikkje lagra):
