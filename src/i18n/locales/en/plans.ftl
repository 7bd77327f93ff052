# The public plan page, its history and feeds.

plan-summary-heading = In brief
plan-vision-heading = Vision
plan-themes-heading = Themes under study
plan-progress-heading = Progress plan
plan-progress-empty = The progress plan has not been entered yet.
plan-stage-track-label = Where the plan stands
plan-stage-status-done = completed
plan-stage-status-current = the plan is here now
plan-stage-status-upcoming = to come
plan-stage-step = Stage { $number } of { $count }: { $stage }
milestone-done-on = Completed { $date }
milestone-done = Completed
milestone-not-done = Not completed
milestone-late = Late
milestone-stage = Stage: { $stage }
plan-decisions-heading = Decisions and treatment
plan-decisions-empty = No political decisions have been recorded yet.
plan-contacts-heading = Contact
plan-contact-email = E-mail
plan-contact-phone = Phone
plan-participate-heading = Have your say
hearing-open = The public hearing is open. The deadline for submissions is { $closes }.
hearing-open-how = Send your submission by e-mail, and say which theme it concerns:
hearing-upcoming = The public hearing opens { $opens }. The deadline for submissions will be { $closes }.
hearing-closed = The public hearing closed { $closes }. Thank you for all submissions.
hearing-planned = Participation and public hearing are planned: { $when }.
hearing-none = No public hearing has been planned yet.

plan-status-heading = Where things stand
milestone-late-planned = Late – planned for { $when }
hearing-planned-late = Participation and public hearing were planned for { $when }, but are late. No new time has been set yet.
plan-participants = The plan invites these to take part:
participant-ansatte = employees
participant-folkevalgte = elected representatives
participant-innbyggere = residents
participant-naeringsliv = businesses
participant-frivillige = voluntary organisations
participant-andre-interessegrupper = other interest groups
plan-facts-heading = About the plan
plan-horizon = Plan period: { $years } years
plan-revision-interval = Revised every { $years } years
plan-cycle = { $cycle ->
    [1] First version
   *[other] Revision { $revision }
}
plan-adopted = Adopted { $date }.
plan-revision-due = The next revision is due to start by { $date }.
plan-history-link = See the full history of the plan
plan-feed-link = Follow changes to the plan (Atom feed)
plans-feed-link = Follow changes to all plans (Atom feed)

history-title = History
history-intro = Every change of stage in the plan, with who decided it and when.
history-cycle = { $cycle ->
    [1] First version
   *[other] Revision { $revision }
}
history-empty = No events have been recorded.
event-created = Work started at the stage { $to }
event-advanced = From { $from } to { $to }
event-sent-back = Sent back from { $from } to { $to }
event-revision-started = Revision started: from { $from } to { $to }
event-decision = Decision: { $reference }
back-to-plan = Back to the plan

feed-title-all = Thematic plans – { $municipality }
feed-title-plan = { $plan } – { $municipality }
feed-milestone = Milestone: { $title } ({ $when }) – { $status }
feed-document = New document ({ $kind }): { $title }
plan-adopted-document = Read the adopted plan: { $title }
