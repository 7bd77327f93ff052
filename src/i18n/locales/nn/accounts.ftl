# Accounts: login, staff pages, administration.

login-title = Logg inn
login-intro = For tilsette og folkevalde i kommunen.
login-email = E-postadresse
login-password = Passord
login-submit = Logg inn
login-forgot = Har du gløymt passordet? Be ein administrator om ei lenkje for å lage eit nytt.
login-error-wrong = E-postadressa eller passordet er feil.
login-error-locked = For mange mislukka forsøk. Vent { $minutes ->
    [one] eitt minutt
   *[other] { $minutes } minutt
} og prøv igjen.
logout = Logg ut
footer-staff-login = Innlogging for tilsette
staff-nav-label = Meny for tilsette
staff-signed-in-as = Logga inn som { $name }

start-title = Startside for tilsette
start-hello = Hei, { $name }. Dette kan du gjere her:
start-handler = Handsame innspel for seksjonen din (kjem)
start-member = Lese møtepapir for utvalet ditt (kjem)

password-title = Lag nytt passord
password-intro = Vel eit passord du ikkje brukar andre stader. Ei lang setning er lett å hugse og vanskeleg å gjette.
password-new = Nytt passord
password-again = Gjenta passordet
password-hint = Minst 12 teikn. Alle teikn er lov, og du kan lime inn frå ein passordhandsamar.
password-error-too-short = Passordet må ha minst 12 teikn.
password-error-too-long = Passordet kan ha høgst 1000 teikn.
password-error-common = Dette er eit av dei vanlegaste passorda. Vel eit anna.
password-error-mismatch = Passorda er ikkje like.

admin-users-title = Brukarar
admin-users-caption = Alle brukarar med roller
admin-user-new = Ny brukar
admin-user-edit = Rediger brukar
admin-user-name = Namn
admin-user-roles = Roller
admin-user-status = Status
admin-user-active = Aktiv
admin-user-disabled = Deaktivert
admin-user-access = Tilgang
admin-user-reset = Lag lenkje for nytt passord
admin-user-disable = Deaktiver brukaren
admin-user-enable = Aktiver brukaren
role-admin = Administrator
role-planner = Planleggjar
role-handler-in = Saksbehandlar i { $section }
role-member-of = Medlem av { $body }
user-error-unknown-role = Vel minst éi rolle, og berre roller frå lista. For å stengje ein brukar ute: deaktiver brukaren.
user-error-own-admin = Du kan ikkje ta frå deg sjølv administratorrolla. Be ein annan administrator om det.
user-error-email-taken = Det finst alt ein brukar med denne e-postadressa.
admin-link-title = Lenkje for nytt passord
admin-link-intro = Gi denne lenkja til brukaren. Ho verkar éin gong, i { $hours } timar, og blir berre vist no.

admin-log-title = Endringslogg
admin-log-user = Brukar (e-post)
admin-log-action = Handling
admin-log-action-hint = Til dømes login, login-failed, roles-changed, plan-changed.
admin-log-from = Frå dato
admin-log-until = Til dato
admin-log-filter = Vis
admin-log-caption = Endringar, side { $page }
admin-log-when = Tidspunkt
admin-log-target = Gjeld
admin-log-summary = Endring
admin-log-empty = Ingen endringar passar med søket.
admin-log-pages = Sider i loggen
admin-log-previous = Førre side
admin-log-next = Neste side

error-title-403-csrf = Skjemaet har gått ut
error-text-403-csrf = Skjemaet kunne ikkje sendast fordi tryggingskoden mangla eller hadde gått ut. Gå tilbake, last sida på nytt og prøv igjen.
