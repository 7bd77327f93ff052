# The members' reading room (/mine-moter).
reading-room-title = My meetings
reading-room-intro = The meetings of the bodies you sit on, with all case papers – including those exempt from public access. What is new or changed since you last opened a meeting is marked.
reading-room-upcoming = Upcoming meetings
reading-room-no-upcoming = You have no upcoming meetings.
reading-room-recent = Recent meetings
reading-room-not-opened = Not opened yet
reading-room-unseen = { $count ->
    [one] 1 new or changed since your last visit
   *[other] { $count } new or changed since your last visit
}
reading-room-status-planlagt = Planned
reading-room-status-innkalt = Convened
reading-room-status-avholdt = Held
reading-room-status-protokoll-godkjent = Minutes approved
reading-room-status-avlyst = Cancelled
reading-room-back = Back to my meetings
reading-room-status = Status
reading-room-place = Place
reading-room-remote = remote meeting
reading-room-notice = Notice published
reading-room-last-visit = You last opened the meeting
reading-room-first-visit = First time – everything is new to you
reading-room-meeting-changed = Changed: the meeting (time, place or status) has changed since you last opened it.
reading-room-minutes = Minutes
reading-room-agenda = Agenda
reading-room-notes-private = Under each item you can write your own notes. Only you can read your notes.
reading-room-no-items = The agenda is not ready yet.
reading-room-exempt = Exempt from public access ({ $ground }). Public title: { $title }
reading-room-archive-case = Archive case
reading-room-recommendation = Recommendation
reading-room-decision = Decision
reading-room-vote = Vote
reading-room-papers = Case papers
reading-room-paper-saksframlegg = case paper
reading-room-paper-vedlegg = attachment
reading-room-paper-protokoll = minutes
reading-room-paper-exempt = exempt from public access ({ $ground }), do not pass on
reading-room-no-papers = No case papers yet.
reading-room-novelty-ny = New
reading-room-novelty-endret = Changed
reading-room-note-label = Your note on { $number }
reading-room-note-hint = Only you can read your notes. At most { $max } characters. Save an empty note to delete it.
reading-room-note-save = Save the note
reading-room-note-saved = The note is saved.
reading-room-note-deleted = The note is deleted.
reading-room-note-conflict = The note was changed in another tab or window. The field now shows what is saved; the text you typed is above, for you to copy.
reading-room-note-unsaved = You typed (not saved):
