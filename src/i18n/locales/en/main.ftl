# English.

site-name = Temaplan
site-tagline = Thematic plans of { $municipality }
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
language-switcher = Language
footer-about = Temaplan is the portal of { $municipality } for thematic plans and public hearings.
footer-label = About this site

home-title = Thematic plans
home-intro = See where the municipality's thematic plans stand, what has been decided, and when you can have your say.
home-empty = There are no thematic plans here yet.
home-plan-stage = Stage: { $stage }
home-hearing-open = Public hearing open: comments by { $closes }
home-plan-count = { $count ->
    [one] One plan
   *[other] { $count } plans
}

stage-mandat = Mandate
stage-kunnskapsgrunnlag = Knowledge base
stage-forstegangsbehandling = First treatment
stage-medvirkning-og-horing = Participation and public hearing
stage-annengangsbehandling = Second treatment
stage-endelig-vedtak = Final vote
stage-vedtatt = Adopted

# The stage names in the stage tracker, with soft hyphens where a long
# word may break in a narrow box.
stage-track-mandat = Mandate
stage-track-kunnskapsgrunnlag = Knowledge base
stage-track-forstegangsbehandling = First treatment
stage-track-medvirkning-og-horing = Partici{"\u00AD"}pation and public hearing
stage-track-annengangsbehandling = Second treatment
stage-track-endelig-vedtak = Final vote
stage-track-vedtatt = Adopted

error-title-400 = Something was wrong with the request
error-text-400 = The page could not show what you asked for. Check the address and try again.
error-title-403 = Access denied
error-text-403 = You do not have access to this page.
error-title-404 = Page not found
error-text-404 = The page you are looking for does not exist, or it has moved.
error-title-409 = Conflict
error-text-409 = What you tried to save already exists or was changed by someone else.
error-title-413 = Request too large
error-text-413 = What you sent is larger than we accept.
error-title-500 = Something went wrong on our side
error-text-500 = We could not show the page. The error has been logged. Please try again shortly.
error-title-503 = Service unavailable
error-text-503 = The service is temporarily unavailable. Please try again shortly.
error-title-503-busy = Many are signing in right now
error-text-503-busy = Many people are trying to sign in at once. Wait a few seconds and try again.
error-back-home = Go to the home page

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
