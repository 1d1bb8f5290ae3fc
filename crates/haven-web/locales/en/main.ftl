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

# --- Identity, access and the firewall ---
nav-review = Access review
nav-audit = Audit log
nav-admin = Administration
nav-inbox = Inbox

mfa-title = Second step of sign-in
mfa-explain = Enter the six-digit code from your authenticator app.
mfa-enrol-explain = Your role signs in with a second step. Add this key to an authenticator app on your phone, then enter the code it shows.
mfa-secret = Key for the authenticator app
mfa-open-app = Open in an authenticator app on this device
mfa-code = Six-digit code
mfa-submit = Continue
mfa-wrong = That code did not work. Check the time on your phone and try the next code.

review-title = Access review
review-explain = Emergency access and disclosures made without consent wait here until a supervisor has looked at them.
review-empty = Nothing is waiting for review.
review-col-kind = What
review-col-user = Who
review-col-reason = Reason given
review-col-when = When
review-open-record = Open the record
review-mark = Mark as reviewed
review-kind-break_glass = Emergency access
review-kind-consent_override = Disclosure without consent

audit-title = Audit log
audit-explain = Who did what, when and why. The log holds identifiers only, never names or case content.
audit-filter-actor = User id
audit-filter-record = Record id
audit-filter-action = Action
audit-filter-apply = Filter
audit-empty = No events match.
audit-col-when = When
audit-col-who = Who
audit-col-what = What
audit-col-record = Record
audit-col-why = Why
audit-col-outcome = Outcome

inbox-title = Inbox
inbox-explain = Documents that people have agreed to send to your organisation appear here. Your organisation cannot see case records.
inbox-empty = No documents have been sent to your organisation.

admin-title = Administration
admin-one-time-password = One-time password (shown only now):
admin-orgs = Organisations
admin-org-name = Name
admin-org-kind = Kind
admin-org-country = Country (ISO code, e.g. THA)
admin-org-see-all = Caseworkers see all cases
admin-org-see-all-short = All caseworkers see every case (names and contact only)
admin-save = Save
admin-org-new = New organisation
admin-create = Create
admin-users = Users
admin-user-role = Role
admin-user-org = Organisation
admin-user-mfa = Second step set up
admin-user-new = New user
admin-yes = yes
admin-no = no
admin-user-created = User { $username } was created.

consent-title = Consent to share
consent-none = No consent has been recorded. Nothing may be shared outside this organisation.
consent-purpose = Purpose
consent-recipient = Recipient organisation
consent-categories = Information covered
consent-expires = Valid until
consent-status = Status
consent-withdraw = Withdraw
consent-record = Record a new consent
consent-language = Language the consent was explained in (code, e.g. my)
consent-interpreter = Interpreter, if one helped
consent-explain-hint = Record consent only after explaining, in the person's language, what will be shared, with whom and why, and that they can say no or withdraw at any time.
consent-save = Save consent
consent-withdrawn = Withdrawn
consent-in-force = In force
consent-expired = Expired
consent-purpose-referral = Referral to a service
consent-purpose-cross_border_transfer = Transfer to another country
consent-purpose-consular_contact = Contact with a consulate
consent-purpose-prosecution_disclosure = Disclosure to a prosecutor
consent-purpose-tracing = Family tracing
consent-purpose-research = Research and statistics

category-identity = Identity
category-contact_location = Contact and location
category-narrative = Account of events
category-health = Health
category-immigration_status = Immigration status
category-forced_acts = Acts the person was forced to commit

access-log-title = Who accessed this record and why

break-glass-title = Emergency access
break-glass-explain = If someone is in danger and you need this record now, you can open it for one hour. Your reason is recorded and a supervisor will review it.
break-glass-reason = Why you need access now
break-glass-submit = Open for one hour

person-withheld = Not shown to you:
person-withheld-field = not shown to you

role-caseworker = Caseworker
role-supervisor = Supervisor
role-decision_maker = Decision maker
role-org_admin = Organisation administrator
role-system_admin = System administrator
role-auditor = Auditor

org-kind-ngo_assistance = NGO (assistance)
org-kind-shelter = Shelter
org-kind-health = Health service
org-kind-legal_aid = Legal aid
org-kind-labour_inspection = Labour inspection
org-kind-nrm_coordinator = National referral coordinator
org-kind-consular = Consulate
org-kind-police = Police
org-kind-prosecution = Prosecution
org-kind-immigration = Immigration
org-kind-border = Border authority

field-reason = Reason
field-expires_on = Valid until
field-categories = Information covered
field-recipient = Recipient
field-purpose = Purpose
field-kind = Kind
field-role = Role
field-interpreter = Interpreter

validation-invalid_category = Choose from the listed kinds of information.
validation-in_the_past = This date has already passed.
validation-invalid_consent_purpose = Choose a purpose from the list.
validation-unknown_org = Choose an organisation from the list.
validation-invalid_org_kind = Choose a kind from the list.
validation-invalid_role = Choose a role from the list.
validation-invalid_username = Use letters, digits, dots, dashes or underscores.

# --- Identification interview ---
screening-title = Screening
screening-section = Screenings
screening-none = No screening yet.
screening-start = Start a screening
screening-instrument = Questionnaire
screening-survivor-language = Language of the interview
screening-interpreter = Interpreter, if one helps
screening-begin = Begin
screening-progress = Question { $n } of { $total }
screening-answer = Answer
screening-yes = Yes
screening-no = No
screening-prefer-not = Prefer not to say
screening-dont-know = Does not know
screening-skip-hint = No question is mandatory. Leave it unanswered to come back to it later.
screening-save-next = Save and continue
screening-back = Previous question
screening-pause = Pause and return later
screening-overview = Answers so far
screening-answered = { $n } answered
screening-continue = Continue the interview
screening-complete = Finish and see the result
screening-completed = Finished
screening-in-progress = In progress
screening-started = Started
screening-result = Result
screening-explanation = Why
screening-element-met = indicated
screening-element-not-met = not yet indicated
screening-needs = Referrals to offer now
screening-instrument-version = Questionnaire version
screening-revisit = Questions to come back to when the person is ready
outcome-reasonable_grounds = Reasonable grounds: this person is presumed to have been trafficked. Protection and the non-punishment principle apply from now.
outcome-vulnerable_migrant = A migrant in a vulnerable situation. Reasonable grounds of trafficking are not established yet, and nothing here rules them out. Refer to the services below now, and offer another conversation later.
vulnerabilities-heading = Vulnerabilities
vulnerability-irregular_status = irregular status or missing documents
vulnerability-stranded = stranded
vulnerability-destitute = destitute: no safe place to stay or no money for food
vulnerability-injured = injured or ill
vulnerability-witness_to_abuse = witnessed abuse of others
vulnerability-debt_bondage_risk = a debt that someone is holding over them
vulnerability-fear_of_return = afraid to go home
outcome-not_yet_determined = Not yet determined. The person may not be ready to say more. Offer the recovery and reflection period and another conversation later.
element-act = Recruitment, transport or holding (act)
element-means = Deception, force or control (means)
element-purpose = Exploitation, including forced criminal work (purpose)
element-deceptive_recruitment = Deceptive recruitment
element-coercive_recruitment = Coercive recruitment
element-recruitment_abuse_of_vulnerability = Recruitment by abuse of vulnerability
element-exploitative_conditions = Exploitative conditions
element-coercion_at_destination = Coercion at destination
element-abuse_of_vulnerability_at_destination = Abuse of vulnerability at destination
need-legal_aid = Legal aid
need-medical = Medical care
need-psychological = Psychological support
need-shelter = Safe shelter
need-return_risk_assessment = Risk assessment before any return
need-consular = Consular assistance (travel documents)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = A job website
option-friend_or_relative = A friend or relative
option-other = Other
option-beatings = Beatings
option-electric_shocks = Electric shocks
option-solitary_confinement = Being locked up alone
option-sexual_violence = Sexual violence
option-threats = Threats
option-witnessed_violence = Seeing violence against others
option-none_of_these = None of these
option-MMR = Myanmar
option-KHM = Cambodia
option-LAO = Laos
option-PHL = Philippines
option-THA = Thailand
option-dont_know = Does not know

# --- Non-punishment and jurisdiction ---
np-applies = The non-punishment principle applies from now: this person must not be prosecuted, punished or detained for acts they were made to commit, including immigration offences.
np-urgent-release = Urgent: this person is in detention. The first action is to request their release.
jur-title = Law that applies
jur-fc-recognised = National law recognises forced criminality as exploitation.
jur-fc-not-recognised = National law does not list forced criminality as exploitation. Use the provisions below instead.
jur-alternatives = Provisions to rely on
jur-np-scope = Non-punishment in national law
jur-deadlines = Target for a reasonable-grounds finding: { $days } working days. Recovery and reflection period: { $reflection } days.
jur-decides = Who takes the conclusive decision

# --- Corroboration ---
screening-corroborated = { $count ->
    [one] Corroborated by one other case that names the same compound, recruiter or advertisement.
   *[other] Corroborated by { $count } other cases that name the same compound, recruiter or advertisement.
}

# --- Conclusive decision ---
decision-title = Conclusive decision
decision-none = No conclusive decision yet. It is taken by an authorised decision maker, with written reasons, after the recovery and reflection period.
decision-record = Record the conclusive decision
decision-hint = The recovery and reflection period is { $days } days from the end of the screening. Earlier decisions are refused.
decision-conclusion = Decision
decision-confirmed = Identified as a victim of trafficking
decision-not-confirmed = Not confirmed on what is known now (open to reconsideration; referrals continue)
decision-reasons = Written reasons
decision-sign = Sign the decision
validation-reasons_required = Write the reasons for the decision (20 characters at least).
validation-invalid_conclusion = Choose one of the two decisions.

# --- Task list ---
nav-tasks = Tasks
tasks-title = Tasks
tasks-none = Nothing needs doing now.
tasks-child = child
tasks-overdue = overdue
task-request_release = Urgent: request release from detention
task-child_in_detention = Urgent: a child is in detention
task-reasonable_grounds_due = Reasonable-grounds finding due
task-recovery_period_ends = Recovery and reflection period ends
task-rescreen = Offer another screening

# --- Past penalties (expungement) ---
penalty-title = Past penalties to clear
penalty-none = No past convictions, fines or deportation orders recorded.
penalty-due = ask for expungement
penalty-expungement = Expungement
penalty-expungement-update = Update
penalty-record = Record a past penalty
penalty-kind = Kind of penalty
penalty-country = Country that imposed it (code, e.g. THA)
penalty-date = Date, if known
penalty-offence = What it was for
penalty-consequence = The act was a consequence of being trafficked
penalty-kind-conviction = Conviction
penalty-kind-fine = Fine
penalty-kind-deportation_order = Deportation order
penalty-kind-entry_ban = Entry ban
expungement-not_requested = expungement not yet requested
expungement-requested = expungement requested
expungement-granted = expunged
expungement-refused = expungement refused

# --- Non-punishment notice ---
notice-title = Notice: a presumed victim of trafficking must not be punished
notice-to = To the police, immigration, prosecution and border authorities, and any court:
notice-finding = On { $date } this organisation found reasonable grounds to believe that the person named below is a victim of trafficking in persons, including trafficking into forced criminality.
notice-issued-by = Issued by
notice-principle = Under the non-punishment principle, this person must not be detained, charged, prosecuted or punished for acts they were compelled to commit as a consequence of being trafficked. This applies in particular to:
notice-scope-immigration = immigration offences: irregular entry or exit, overstay, working without a permit, being smuggled, missing documents;
notice-scope-status = offences related to their status, and administrative and civil offences;
notice-scope-crimes = crimes committed as a consequence of being trafficked, including online fraud, romance and investment scams, money laundering and related conspiracy charges.
notice-not-exhaustive = This list is not exhaustive. The principle applies from the reasonable-grounds finding, before any conclusive decision.
notice-release = This person is in detention. We ask for their immediate release into safe, appropriate care.
notice-law = National law:
notice-reference = Reference
notice-open = Non-punishment notice (printable)
notice-pdf = Download the notice as PDF (the person's language and the authority's)
notice-authority-language = Language of the authority

# --- Sending the notice ---
notice-send-to = Send the notice to
notice-send = Send
notice-send-hint = Sending needs the person's recorded consent for this purpose and this authority. The authority receives the notice only, never the case record.
consent-purpose-non_punishment_notice = Sending the non-punishment notice to an authority
inbox-kind-non_punishment_notice = Non-punishment notice
