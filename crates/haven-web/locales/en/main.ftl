# haven user interface, English (source language).
# Every other catalogue translates these keys. Keep sentences short and plain:
# many readers use a second language, and some are survivors reading over a
# caseworker's shoulder. Never word anything as a verdict on a person.

app-name = haven
app-tagline = Case work for people trafficked into scam compounds
skip-to-content = Skip to content
quick-exit = Quick exit
nav-persons = People
nav-new-person = New person
nav-logout = Sign out
nav-signed-in-as = Signed in as { $username }
nav-language = Language
nav-language-apply = Change
nav-api-docs = API

login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-failed = The username or password is not right.
login-locked = Too many attempts. This account is paused for a few minutes.
login-rate-limited = Too many attempts from this device. Wait a minute and try again.

password-title = Choose a new password
password-explain = Your password was set by someone else. Choose your own before you continue.
password-new = New password (at least 12 characters)
password-confirm = New password again
password-submit = Save password
password-mismatch = The two passwords are not the same.

persons-title = People
persons-search-label = Search by name
persons-search-submit = Search
persons-search-hint = Type a name in any script, or in Latin letters: "Nguyen" also finds "Nguyễn".
persons-empty = No one has been added yet.
persons-no-match = No one matches this search.
persons-col-name = Name
persons-col-location = Where now
persons-col-added = Added
persons-next = Next page
persons-prev = Previous page

person-new-title = New person
person-full-name = Full name, as the person writes it
person-full-name-hint = One field for the whole name, in any script and in the person's own order.
person-other-names = Other names or aliases, one per line
person-latin-name = Name in Latin letters
person-sex = Sex, as the person describes it
person-dob = Date of birth (YYYY-MM-DD)
person-estimated-age = Or: estimated age in years
person-age-uncertain = The age is uncertain
person-nationalities = Nationalities: country codes such as MMR, VNM, separated by commas
person-languages = Languages: codes such as my, vi, th, separated by commas
person-contact = Contact
person-location = Where the person is now
person-notes = Notes
person-save = Save
person-optional = optional
person-prefer-not = Every field except the name may stay empty, for example if the person prefers not to say.

location-shelter = Shelter
location-community = In the community
location-immigration_detention = Immigration detention
location-police_custody = Police custody
location-hospital = Hospital
location-in_compound = Still in a compound
location-unknown = Not known

person-title = Person
person-may-be-child = This person may be a child. Follow the child procedure until an age assessment says otherwise.
person-detained = This person is in detention.
person-cases = Cases
person-no-cases = No case yet.
person-open-case = Open a case
person-erase = Erase this person
person-erase-explain = Erasure destroys the key of this record. It cannot be undone, not even from a backup.
person-erase-confirm = I understand that this cannot be undone
person-erased = This record has been erased.
person-age = { $years } years
person-age-estimated = about { $years } years
person-age-estimated-uncertain = about { $years } years (uncertain)
person-not-recorded = not recorded
person-created = Added

case-title = Case
case-status = Status
case-opened = Opened
case-closed = Closed
case-assigned = Assigned to
case-unassigned = Nobody yet
case-person = Person
case-notes = Notes
case-no-notes = No notes yet.
case-add-note = Add a note
case-note-save = Save note
case-note-erased = (erased with the person's record)
case-status-change = Change status
case-status-save = Save status
status-open = Open
status-active = Active
status-suspended = Suspended
status-closed = Closed

field-full_name = Full name
field-other_names = Other names
field-latin_name = Name in Latin letters
field-sex = Sex
field-date_of_birth = Date of birth
field-estimated_age = Estimated age
field-nationalities = Nationalities
field-languages = Languages
field-contact = Contact
field-location = Where now
field-notes = Notes
field-body = Note
field-status = Status
field-closed_on = Closing date
field-password = Password
field-username = Username

validation-required = This is required.
validation-too_long = This is too long.
validation-too_many = There are too many entries.
validation-invalid_characters = This contains characters that cannot be stored.
validation-invalid_date = Write the date as YYYY-MM-DD.
validation-implausible_date = This date is not possible.
validation-implausible_age = The age must be between 0 and 120.
validation-invalid_country = Use a three-letter country code such as MMR or VNM.
validation-invalid_language = Use a language code such as my, vi or zh-Hans.
validation-invalid_location = Choose a place from the list.
validation-invalid_status = Choose a status from the list.
validation-before_opening = A case cannot close before it opened.
validation-too_short = Use at least 12 characters.
validation-generic = Please check this field.

error-title = Something went wrong
error-not-found = This page does not exist, or it is not yours to see.
error-forbidden = You do not have access to this.
error-invalid = Please check the form.
error-csrf = This form has expired. Go back, reload the page and try again.
error-erased = This record has been erased.
error-server = The server could not finish this. Nothing was saved.
back = Back
