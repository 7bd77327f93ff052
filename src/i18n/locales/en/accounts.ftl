# Accounts: login, staff pages, administration.

login-title = Sign in
login-intro = For the municipality's staff and elected members.
login-email = E-mail address
login-password = Password
login-submit = Sign in
login-forgot = Forgot your password? Ask an administrator for a link to make a new one.
login-error-wrong = The e-mail address or the password is wrong.
login-error-locked = Too many failed attempts. Wait { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
} and try again.
logout = Sign out
footer-staff-login = Sign in for staff
staff-nav-label = Staff menu
staff-signed-in-as = Signed in as { $name }

start-title = Staff start page
start-hello = Hello, { $name }. Here is what you can do:
start-handler = Work the submissions for your section (coming)
start-member = Read the meeting papers of your body (coming)

password-title = Make a new password
password-intro = Choose a password you use nowhere else. A long sentence is easy to remember and hard to guess.
password-new = New password
password-again = Repeat the password
password-hint = At least 12 characters. Any characters are allowed, and you can paste from a password manager.
password-error-too-short = The password must have at least 12 characters.
password-error-too-long = The password may have at most 1000 characters.
password-error-common = This is one of the most common passwords. Choose another.
password-error-mismatch = The passwords are not the same.

admin-users-title = Users
admin-users-caption = All users and their roles
admin-user-new = New user
admin-user-edit = Edit user
admin-user-name = Name
admin-user-roles = Roles
admin-user-status = Status
admin-user-active = Active
admin-user-disabled = Disabled
admin-user-access = Access
admin-user-reset = Make a link for a new password
admin-user-disable = Disable the user
admin-user-enable = Enable the user
role-admin = Administrator
role-planner = Planner
role-handler-in = Case handler in { $section }
role-member-of = Member of { $body }
user-error-unknown-role = Choose at least one role, and only roles from the list. To shut a user out, disable the user.
user-error-own-admin = You cannot remove your own administrator role. Ask another administrator to do it.
user-error-email-taken = A user with this e-mail address exists already.
admin-link-title = Link for a new password
admin-link-intro = Give this link to the user. It works once, for { $hours } hours, and is shown only now.

admin-log-title = Audit log
admin-log-user = User (e-mail)
admin-log-action = Action
admin-log-action-hint = For example login, login-failed, roles-changed, plan-changed.
admin-log-from = From date
admin-log-until = To date
admin-log-filter = Show
admin-log-caption = Changes, page { $page }
admin-log-when = Time
admin-log-target = Concerns
admin-log-summary = Change
admin-log-empty = No changes match the search.
admin-log-pages = Pages of the log
admin-log-previous = Previous page
admin-log-next = Next page

error-title-403-csrf = The form has expired
error-text-403-csrf = The form could not be sent because its security code was missing or had expired. Go back, reload the page and try again.
