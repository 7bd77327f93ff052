# Accounts: login, staff pages, administration.

login-title = Logg inn
login-intro = For ansatte og folkevalgte i kommunen.
login-email = E-postadresse
login-password = Passord
login-submit = Logg inn
login-forgot = Har du glemt passordet? Be en administrator om en lenke for å lage et nytt.
login-error-wrong = E-postadressen eller passordet er feil.
login-error-locked = For mange mislykkede forsøk. Vent { $minutes ->
    [one] ett minutt
   *[other] { $minutes } minutter
} og prøv igjen.
logout = Logg ut
footer-staff-login = Innlogging for ansatte
staff-nav-label = Meny for ansatte
staff-signed-in-as = Logget inn som { $name }

start-title = Startside for ansatte
start-hello = Hei, { $name }. Dette kan du gjøre her:
start-handler = Behandle innspill for seksjonen din (kommer)
start-member = Lese møtepapirer for utvalget ditt (kommer)

password-title = Lag nytt passord
password-intro = Velg et passord du ikke bruker andre steder. En lang setning er lett å huske og vanskelig å gjette.
password-new = Nytt passord
password-again = Gjenta passordet
password-hint = Minst 12 tegn. Alle tegn er lov, og du kan lime inn fra en passordbehandler.
password-error-too-short = Passordet må ha minst 12 tegn.
password-error-too-long = Passordet kan ha høyst 1000 tegn.
password-error-common = Dette er et av de vanligste passordene. Velg et annet.
password-error-mismatch = Passordene er ikke like.

admin-users-title = Brukere
admin-users-caption = Alle brukere med roller
admin-user-new = Ny bruker
admin-user-edit = Rediger bruker
admin-user-name = Navn
admin-user-roles = Roller
admin-user-status = Status
admin-user-active = Aktiv
admin-user-disabled = Deaktivert
admin-user-access = Tilgang
admin-user-reset = Lag lenke for nytt passord
admin-user-disable = Deaktiver brukeren
admin-user-enable = Aktiver brukeren
role-admin = Administrator
role-planner = Planlegger
role-handler-in = Saksbehandler i { $section }
role-member-of = Medlem av { $body }
user-error-unknown-role = Velg minst én rolle, og bare roller fra listen. For å stenge en bruker ute: deaktiver brukeren.
user-error-own-admin = Du kan ikke ta fra deg selv administratorrollen. Be en annen administrator om det.
user-error-email-taken = Det finnes allerede en bruker med denne e-postadressen.
admin-link-title = Lenke for nytt passord
admin-link-intro = Gi denne lenken til brukeren. Den virker én gang, i { $hours } timer, og vises bare nå.

admin-log-title = Endringslogg
admin-log-user = Bruker (e-post)
admin-log-action = Handling
admin-log-action-hint = For eksempel login, login-failed, roles-changed, plan-changed.
admin-log-from = Fra dato
admin-log-until = Til dato
admin-log-filter = Vis
admin-log-caption = Endringer, side { $page }
admin-log-when = Tidspunkt
admin-log-target = Gjelder
admin-log-summary = Endring
admin-log-empty = Ingen endringer passer med søket.
admin-log-pages = Sider i loggen
admin-log-previous = Forrige side
admin-log-next = Neste side

error-title-403-csrf = Skjemaet er utløpt
error-text-403-csrf = Skjemaet kunne ikke sendes fordi sikkerhetskoden manglet eller var utløpt. Gå tilbake, last siden på nytt og prøv igjen.
