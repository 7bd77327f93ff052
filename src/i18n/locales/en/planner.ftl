# Planner pages and form messages.

planner-title = Planning
planner-new-plan = New thematic plan
planner-edit-plan = Edit the plan
planner-back-to-plan = Back to the plan
planner-conflict = Someone else changed this after you opened the form
planner-conflict-current = Nothing was saved. The form shows what is saved now.
planner-conflict-unsaved = Not saved – what your form said, where it differs from what is saved now:
planner-public-page = See the public page
planner-plans-caption = Thematic plans and late milestones
planner-col-plan = Plan
planner-col-stage = Stage
planner-col-late = Late
planner-late-count = { $count ->
    [one] One milestone late
   *[other] { $count } milestones late
}
planner-none-late = None

plan-field-title = Title
plan-field-slug = Address (slug)
plan-field-slug-hint = Lower-case letters a–z, digits and hyphens, for example climate-and-environment. Leave it empty to make it from the title.
plan-field-horizon = Plan period in years
plan-field-revision-interval = Revised every … years
plan-field-section = Responsible section
plan-field-section-none = None chosen

form-save = Save
form-required = required
form-error-summary = Some things need fixing before the form can be saved
form-error-prefix = Error:
form-delete-named = Delete { $name }

field-error-required = Fill in this field.
field-error-too-long = The text is too long: at most { $max } characters.
field-error-slug = Use 2–80 lower-case letters a–z, digits and single hyphens, not a hyphen first or last.
field-error-range = Enter a whole number from { $min } to { $max }.
field-error-email = Enter an e-mail address, for example name@kommune.no: the address alone, without a name, spaces or characters such as ? & = %.
field-error-unknown-stage = Choose one of the stages in the list.

plan-error-interval-beyond-horizon = The plan cannot be revised less often than its plan period.
plan-error-unknown-participant = Choose only groups from the list.
plan-error-slug = Another plan already uses this address. Choose another.
plan-error-section = The chosen section no longer exists. Choose another.
plan-error-theme-taken = The plan already has a theme with this title.

milestone-edit = Edit milestone
milestone-add = Add milestone
milestone-edit-link = Edit { $title }
milestone-move-up = Move up: { $title }
milestone-move-down = Move down: { $title }
milestone-field-title = Milestone
milestone-field-planned = Planned time
milestone-field-planned-hint = A day, a month or several months, for example 9 September 2020, October 2020 or January – March 2021.
milestone-field-stage = Belongs to the stage
milestone-field-done = Completed
milestone-field-done-on = Date completed
milestone-field-done-on-hint = Fill in when the milestone is completed.
milestone-error-bad-date = Enter a valid date.
milestone-error-done-without-date = Enter the date the milestone was completed.
milestone-error-date-in-future = The date the milestone was completed cannot be in the future.
milestone-error-date-without-done = Tick completed, or remove the date.
planned-error-unreadable = Enter a day, a month or several months, for example 9 September 2020, October 2020 or January – March 2021.
planned-error-no-such-date = That date does not exist.
planned-error-ends-before-start = The period ends before it starts.
planned-error-two-digit-year = Write the year with four digits: { $example }.

stage-form-heading = Move the plan to another stage
stage-form-action = What was decided?
stage-action-advance = On to { $stage }
stage-action-send-back = Sent back to an earlier stage
stage-action-revision = Start a revision (a new round from the mandate)
stage-form-to = Back to the stage
stage-form-note = Reason
stage-form-decision = Decision (case number)
stage-form-decision-hint = For example PS 12/20. Required when a political body decided the change.
stage-form-submit = Move the plan
stage-error-choose-action = Choose what was decided.
transition-error-note-required = Write a reason.
transition-error-note-too-long = The reason is too long: at most 2000 characters.
transition-error-decision-required = Enter the case number of the decision, for example PS 12/20. This stage ends with a political decision.
transition-error-decision-too-long = The case number is too long: at most 200 characters.
transition-error-already-adopted = The plan is adopted and goes no further. Start a revision instead.
transition-error-hearing-not-closed = The plan cannot leave the hearing stage until its hearing has been set up and has closed.
transition-error-not-earlier = A plan can only be sent back to an earlier stage.
transition-error-not-adopted = Only an adopted plan can be revised.

hearing-form-heading = Public hearing
hearing-form-current = The hearing is open from { $opens } to { $closes }.
hearing-form-opens-date = Opens, date
hearing-form-opens-time = Opens, time
hearing-form-closes-date = Deadline, date
hearing-form-closes-time = Deadline, time
hearing-form-timezone = Times are Norwegian time.
hearing-error-bad-time = Enter the time as hh:mm, for example 09:00.
hearing-error-no-such-time = That time does not exist on that day (the change to summer time). Choose another.
hearing-error-closes-before-opens = The deadline must be after the hearing opens.
hearing-form-future = The hearing opens { $opens } and its deadline is { $closes }.
hearing-form-closed = The hearing was open from { $opens } to { $closes }.
hearing-form-short-reason = Reason for a deadline shorter than six weeks
hearing-form-short-reason-hint = A hearing should normally last three months and never less than six weeks. Fill this in only if the deadline is shorter than six weeks.
hearing-error-opens-in-past = The hearing cannot open in the past. Choose a time from now on.
hearing-error-closes-in-past = The deadline has already passed. Choose a deadline in the future.
hearing-error-too-short = The hearing is shorter than six weeks. Move the deadline, or say why it must be shorter.
hearing-error-reason-too-long = Write the reason in at most 500 characters.
hearing-error-too-early-stage = A hearing can be set from Førstegangsbehandling (first treatment). The plan is not there yet.

theme-field-title = New theme
theme-add = Add theme
contact-field-role = Role
contact-field-responsibility = Responsibility
contact-add = Add contact
plan-field-status-text = Where things stand
plan-field-status-text-hint = Shown on the plan's page: what is going on in this stage, what comes next, and when.
contact-field-name = Name
contact-field-name-consent = The person agreed to have their name shown on the plan's page
contact-field-name-consent-hint = Without it, only the role, the responsibility and the contact details are shown.
contact-name-published = name shown
contact-name-not-published = name not shown

planner-parts-nav = Parts of the plan
planner-part-all = Everything on one page
flash-plan-created = The plan has been created.
flash-plan-saved = The plan has been saved.
flash-theme-added = The theme has been added.
flash-theme-deleted = The theme has been deleted.
flash-contact-added = The contact has been added.
flash-contact-deleted = The contact has been deleted.
flash-milestone-added = The milestone has been added.
flash-milestone-saved = The milestone has been saved.
flash-milestone-moved = The milestone has been moved.
flash-milestone-deleted = The milestone has been deleted.
flash-stage-moved = The stage has been changed.
flash-hearing-saved = The hearing has been saved.
confirm-delete-title = Do you want to delete “{ $name }”?
confirm-delete-cannot-undo = This cannot be undone.
confirm-delete-yes = Yes, delete
confirm-delete-no = No, go back
