# The members' reading room (/mine-moter).
reading-room-title = Mine møter
reading-room-intro = Møtene i utvalgene du sitter i, med alle sakspapirer – også de som er unntatt offentlighet. Det som er nytt eller endret siden du sist åpnet et møte, er merket.
reading-room-upcoming = Kommende møter
reading-room-no-upcoming = Du har ingen kommende møter.
reading-room-recent = Siste møter
reading-room-not-opened = Ikke åpnet ennå
reading-room-unseen = { $count ->
    [one] 1 nytt eller endret siden sist
   *[other] { $count } nye eller endrede siden sist
}
reading-room-status-planlagt = Planlagt
reading-room-status-innkalt = Innkalt
reading-room-status-avholdt = Avholdt
reading-room-status-protokoll-godkjent = Protokoll godkjent
reading-room-status-avlyst = Avlyst
reading-room-back = Tilbake til mine møter
reading-room-status = Status
reading-room-place = Sted
reading-room-remote = fjernmøte
reading-room-notice = Innkalling publisert
reading-room-last-visit = Sist du åpnet møtet
reading-room-first-visit = Første gang – alt er nytt for deg
reading-room-meeting-changed = Endret: møtet (tid, sted eller status) er endret siden sist du åpnet det.
reading-room-minutes = Protokoll
reading-room-agenda = Saksliste
reading-room-notes-private = Under hver sak kan du skrive egne notater. Bare du kan lese notatene dine.
reading-room-no-items = Saklisten er ikke klar ennå.
reading-room-exempt = Unntatt offentlighet ({ $ground }). Offentlig tittel: { $title }
reading-room-archive-case = Arkivsak
reading-room-recommendation = Innstilling
reading-room-decision = Vedtak
reading-room-vote = Avstemning
reading-room-papers = Sakspapirer
reading-room-paper-saksframlegg = saksframlegg
reading-room-paper-vedlegg = vedlegg
reading-room-paper-protokoll = protokoll
reading-room-paper-exempt = unntatt offentlighet ({ $ground }), ikke del videre
reading-room-no-papers = Ingen sakspapirer ennå.
reading-room-novelty-ny = Ny
reading-room-novelty-endret = Endret
reading-room-note-label = Ditt notat til { $number }
reading-room-note-hint = Bare du kan lese notatene dine. Høyst { $max } tegn. Lagre et tomt notat for å slette det.
reading-room-note-save = Lagre notatet
reading-room-note-saved = Notatet er lagret.
reading-room-note-deleted = Notatet er slettet.
reading-room-note-conflict = Notatet ble endret i en annen fane eller et annet vindu. Feltet viser nå det som er lagret; teksten du skrev, står over, så du kan kopiere den.
reading-room-note-unsaved = Dette skrev du (ikke lagret):
