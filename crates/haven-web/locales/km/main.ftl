# haven user interface, Khmer (km).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = ការគ្រប់គ្រងករណីសម្រាប់អ្នកដែលត្រូវបានគេជួញដូរទៅកាន់មជ្ឈមណ្ឌលបោកប្រាស់តាមអនឡាញ
skip-to-content = រំលងទៅខ្លឹមសារ
quick-exit = ចេញភ្លាមៗ
nav-persons = បុគ្គល
nav-new-person = បន្ថែមបុគ្គលថ្មី
nav-logout = ចាកចេញ
nav-signed-in-as = បានចូលជា { $username }
nav-language = ភាសា
nav-language-apply = ប្ដូរ
nav-api-docs = API

login-title = ចូលគណនី
login-username = ឈ្មោះអ្នកប្រើ
login-password = ពាក្យសម្ងាត់
login-submit = ចូល
login-failed = ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវទេ។
login-locked = ព្យាយាមច្រើនដងពេក។ គណនីនេះត្រូវបានផ្អាកប៉ុន្មាននាទី។
login-rate-limited = មានការព្យាយាមច្រើនដងពេកពីឧបករណ៍នេះ។ សូមរង់ចាំមួយនាទី ហើយព្យាយាមម្ដងទៀត។

password-title = ជ្រើសរើសពាក្យសម្ងាត់ថ្មី
password-explain = ពាក្យសម្ងាត់របស់អ្នកត្រូវបានកំណត់ដោយអ្នកផ្សេង។ សូមជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួនរបស់អ្នក មុនពេលបន្ត។
password-new = ពាក្យសម្ងាត់ថ្មី (យ៉ាងហោចណាស់ 12 តួអក្សរ)
password-confirm = វាយពាក្យសម្ងាត់ថ្មីម្ដងទៀត
password-submit = រក្សាទុកពាក្យសម្ងាត់
password-mismatch = ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។

persons-title = បុគ្គល
persons-search-label = ស្វែងរកតាមឈ្មោះ
persons-search-submit = ស្វែងរក
persons-search-hint = វាយឈ្មោះជាអក្សរណាក៏បាន ឬជាអក្សរឡាតាំង៖ "Nguyen" ក៏រកឃើញ "Nguyễn" ដែរ។
persons-empty = មិនទាន់មានអ្នកណាត្រូវបានបន្ថែមនៅឡើយទេ។
persons-no-match = គ្មានអ្នកណាត្រូវនឹងការស្វែងរកនេះទេ។
persons-col-name = ឈ្មោះ
persons-col-location = ទីតាំងបច្ចុប្បន្ន
persons-col-added = ថ្ងៃបន្ថែម
persons-next = ទំព័របន្ទាប់
persons-prev = ទំព័រមុន

person-new-title = បន្ថែមបុគ្គលថ្មី
person-full-name = ឈ្មោះពេញ តាមរបៀបដែលសាមីខ្លួនសរសេរ
person-full-name-hint = ប្រអប់តែមួយសម្រាប់ឈ្មោះទាំងមូល ជាអក្សរណាក៏បាន និងតាមលំដាប់ផ្ទាល់របស់សាមីខ្លួន។
person-other-names = ឈ្មោះផ្សេងទៀត ឬឈ្មោះក្លែង មួយបន្ទាត់មួយឈ្មោះ
person-latin-name = ឈ្មោះជាអក្សរឡាតាំង
person-sex = ភេទ តាមការពិពណ៌នារបស់សាមីខ្លួន
person-dob = ថ្ងៃខែឆ្នាំកំណើត (YYYY-MM-DD)
person-estimated-age = ឬ៖ អាយុប្រហាក់ប្រហែល (ឆ្នាំ)
person-age-uncertain = អាយុមិនទាន់ប្រាកដ
person-nationalities = សញ្ជាតិ៖ លេខកូដប្រទេស ដូចជា MMR, VNM បំបែកដោយសញ្ញាក្បៀស
person-languages = ភាសា៖ លេខកូដ ដូចជា my, vi, th បំបែកដោយសញ្ញាក្បៀស
person-contact = ព័ត៌មានទំនាក់ទំនង
person-location = ទីកន្លែងដែលសាមីខ្លួនស្ថិតនៅពេលនេះ
person-notes = កំណត់ចំណាំ
person-save = រក្សាទុក
person-optional = មិនចាំបាច់
person-prefer-not = ប្រអប់ទាំងអស់ លើកលែងតែឈ្មោះ អាចទុកទទេបាន ឧទាហរណ៍ ប្រសិនបើសាមីខ្លួនមិនចង់និយាយ។

location-shelter = ទីជម្រក
location-community = នៅក្នុងសហគមន៍
location-immigration_detention = មណ្ឌលឃុំខ្លួនអន្តោប្រវេសន៍
location-police_custody = ក្នុងការឃុំខ្លួនរបស់នគរបាល
location-hospital = មន្ទីរពេទ្យ
location-in_compound = នៅក្នុងទីតាំងបោកប្រាស់នៅឡើយ
location-unknown = មិនដឹង

person-title = បុគ្គល
person-may-be-child = បុគ្គលនេះអាចជាកុមារ។ សូមអនុវត្តនីតិវិធីសម្រាប់កុមារ រហូតដល់ការវាយតម្លៃអាយុបញ្ជាក់ផ្សេងពីនេះ។
person-detained = បុគ្គលនេះកំពុងត្រូវបានឃុំខ្លួន។
person-cases = ករណី
person-no-cases = មិនទាន់មានករណីនៅឡើយទេ។
person-open-case = បើកករណី
person-erase = លុបកំណត់ត្រារបស់បុគ្គលនេះ
person-erase-explain = ការលុបនឹងបំផ្លាញសោរបស់កំណត់ត្រានេះ។ មិនអាចត្រឡប់វិញបានទេ សូម្បីតែពីច្បាប់បម្រុងទុក។
person-erase-confirm = ខ្ញុំយល់ថា សកម្មភាពនេះមិនអាចត្រឡប់វិញបានទេ
person-erased = កំណត់ត្រានេះត្រូវបានលុបហើយ។
person-age = { $years } ឆ្នាំ
person-age-estimated = ប្រហែល { $years } ឆ្នាំ
person-age-estimated-uncertain = ប្រហែល { $years } ឆ្នាំ (មិនប្រាកដ)
person-not-recorded = មិនបានកត់ត្រា
person-created = ថ្ងៃបន្ថែម

case-title = ករណី
case-status = ស្ថានភាព
case-opened = ថ្ងៃបើក
case-closed = ថ្ងៃបិទ
case-assigned = អ្នកទទួលបន្ទុក
case-unassigned = មិនទាន់មាន
case-person = បុគ្គល
case-notes = កំណត់ចំណាំ
case-no-notes = មិនទាន់មានកំណត់ចំណាំនៅឡើយទេ។
case-add-note = បន្ថែមកំណត់ចំណាំ
case-note-save = រក្សាទុកកំណត់ចំណាំ
case-note-erased = (បានលុបរួមជាមួយកំណត់ត្រារបស់បុគ្គលនេះ)
case-status-change = ប្ដូរស្ថានភាព
case-status-save = រក្សាទុកស្ថានភាព
status-open = បើក
status-active = កំពុងដំណើរការ
status-suspended = ផ្អាក
status-closed = បានបិទ

field-full_name = ឈ្មោះពេញ
field-other_names = ឈ្មោះផ្សេងទៀត
field-latin_name = ឈ្មោះជាអក្សរឡាតាំង
field-sex = ភេទ
field-date_of_birth = ថ្ងៃខែឆ្នាំកំណើត
field-estimated_age = អាយុប្រហាក់ប្រហែល
field-nationalities = សញ្ជាតិ
field-languages = ភាសា
field-contact = ព័ត៌មានទំនាក់ទំនង
field-location = ទីតាំងបច្ចុប្បន្ន
field-notes = កំណត់ចំណាំ
field-body = កំណត់ចំណាំ
field-status = ស្ថានភាព
field-closed_on = ថ្ងៃបិទ
field-password = ពាក្យសម្ងាត់
field-username = ឈ្មោះអ្នកប្រើ

validation-required = ត្រូវតែបំពេញប្រអប់នេះ។
validation-too_long = វែងពេក។
validation-too_many = មានធាតុច្រើនពេក។
validation-invalid_characters = មានតួអក្សរដែលមិនអាចរក្សាទុកបាន។
validation-invalid_date = សូមសរសេរកាលបរិច្ឆេទជា YYYY-MM-DD។
validation-implausible_date = កាលបរិច្ឆេទនេះមិនអាចទៅរួចទេ។
validation-implausible_age = អាយុត្រូវតែនៅចន្លោះ 0 ដល់ 120។
validation-invalid_country = សូមប្រើលេខកូដប្រទេសបីអក្សរ ដូចជា MMR ឬ VNM។
validation-invalid_language = សូមប្រើលេខកូដភាសា ដូចជា my, vi ឬ zh-Hans។
validation-invalid_location = សូមជ្រើសរើសទីកន្លែងពីបញ្ជី។
validation-invalid_status = សូមជ្រើសរើសស្ថានភាពពីបញ្ជី។
validation-before_opening = ករណីមិនអាចបិទមុនថ្ងៃបើកបានទេ។
validation-too_short = សូមប្រើយ៉ាងហោចណាស់ 12 តួអក្សរ។
validation-generic = សូមពិនិត្យប្រអប់នេះ។

error-title = មានបញ្ហាកើតឡើង
error-not-found = ទំព័រនេះមិនមានទេ ឬអ្នកមិនមានសិទ្ធិមើលវាទេ។
error-forbidden = អ្នកមិនមានសិទ្ធិចូលប្រើផ្នែកនេះទេ។
error-invalid = សូមពិនិត្យទម្រង់បែបបទ។
error-csrf = ទម្រង់បែបបទនេះផុតកំណត់ហើយ។ សូមត្រឡប់ក្រោយ ផ្ទុកទំព័រឡើងវិញ ហើយព្យាយាមម្ដងទៀត។
error-erased = កំណត់ត្រានេះត្រូវបានលុបហើយ។
error-server = ម៉ាស៊ីនមេមិនអាចបញ្ចប់សកម្មភាពនេះបានទេ។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។
back = ត្រឡប់ក្រោយ

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = ការពិនិត្យការចូលប្រើ
nav-audit = កំណត់ហេតុសវនកម្ម
nav-admin = ការគ្រប់គ្រងប្រព័ន្ធ
nav-inbox = ប្រអប់ទទួលឯកសារ

mfa-title = ជំហានទីពីរនៃការចូលគណនី
mfa-explain = សូមបញ្ចូលលេខកូដ 6 ខ្ទង់ពីកម្មវិធីផ្ទៀងផ្ទាត់របស់អ្នក។
mfa-enrol-explain = តួនាទីរបស់អ្នកត្រូវចូលគណនីដោយមានជំហានទីពីរ។ សូមបន្ថែមសោនេះទៅក្នុងកម្មវិធីផ្ទៀងផ្ទាត់នៅលើទូរសព្ទរបស់អ្នក រួចបញ្ចូលលេខកូដដែលកម្មវិធីបង្ហាញ។
mfa-secret = សោសម្រាប់កម្មវិធីផ្ទៀងផ្ទាត់
mfa-open-app = បើកក្នុងកម្មវិធីផ្ទៀងផ្ទាត់នៅលើឧបករណ៍នេះ
mfa-code = លេខកូដ 6 ខ្ទង់
mfa-submit = បន្ត
mfa-wrong = លេខកូដនោះមិនដំណើរការទេ។ សូមពិនិត្យម៉ោងនៅលើទូរសព្ទរបស់អ្នក ហើយសាកល្បងលេខកូដបន្ទាប់។

review-title = ការពិនិត្យការចូលប្រើ
review-explain = ការចូលប្រើពេលអាសន្ន និងការបង្ហាញព័ត៌មានដោយគ្មានការយល់ព្រម រង់ចាំនៅទីនេះ រហូតដល់អ្នកត្រួតពិនិត្យបានពិនិត្យមើល។
review-empty = គ្មានអ្វីកំពុងរង់ចាំការពិនិត្យទេ។
review-col-kind = ប្រភេទ
review-col-user = អ្នកធ្វើ
review-col-reason = មូលហេតុដែលបានផ្ដល់
review-col-when = ពេលវេលា
review-open-record = បើកកំណត់ត្រា
review-mark = សម្គាល់ថាបានពិនិត្យហើយ
review-kind-break_glass = ការចូលប្រើពេលអាសន្ន
review-kind-consent_override = ការបង្ហាញព័ត៌មានដោយគ្មានការយល់ព្រម

audit-title = កំណត់ហេតុសវនកម្ម
audit-explain = នរណាបានធ្វើអ្វី នៅពេលណា និងហេតុអ្វី។ កំណត់ហេតុនេះរក្សាទុកតែលេខសម្គាល់ប៉ុណ្ណោះ មិនដែលរក្សាទុកឈ្មោះ ឬខ្លឹមសារករណីទេ។
audit-filter-actor = លេខសម្គាល់អ្នកប្រើ
audit-filter-record = លេខសម្គាល់កំណត់ត្រា
audit-filter-action = សកម្មភាព
audit-filter-apply = ច្រោះ
audit-empty = គ្មានព្រឹត្តិការណ៍ដែលត្រូវគ្នាទេ។
audit-col-when = ពេលវេលា
audit-col-who = អ្នកធ្វើ
audit-col-what = សកម្មភាព
audit-col-record = កំណត់ត្រា
audit-col-why = មូលហេតុ
audit-col-outcome = លទ្ធផល

inbox-title = ប្រអប់ទទួលឯកសារ
inbox-explain = នៅទីនេះបង្ហាញតែឯកសារដែលសាមីខ្លួនបានយល់ព្រមផ្ញើមកអង្គការរបស់អ្នកប៉ុណ្ណោះ។ អង្គការរបស់អ្នកមិនអាចមើលកំណត់ត្រាករណីបានទេ។
inbox-empty = មិនទាន់មានឯកសារណាត្រូវបានផ្ញើមកអង្គការរបស់អ្នកទេ។

admin-title = ការគ្រប់គ្រងប្រព័ន្ធ
admin-one-time-password = ពាក្យសម្ងាត់ប្រើតែម្ដង (បង្ហាញតែពេលនេះប៉ុណ្ណោះ)៖
admin-orgs = អង្គការ
admin-org-name = ឈ្មោះ
admin-org-kind = ប្រភេទ
admin-org-country = ប្រទេស (លេខកូដ ISO ឧទាហរណ៍ THA)
admin-org-see-all = បុគ្គលិកករណីមើលឃើញករណីទាំងអស់
admin-org-see-all-short = បុគ្គលិកករណីទាំងអស់មើលឃើញគ្រប់ករណី (តែឈ្មោះ និងព័ត៌មានទំនាក់ទំនងប៉ុណ្ណោះ)
admin-save = រក្សាទុក
admin-org-new = អង្គការថ្មី
admin-create = បង្កើត
admin-users = អ្នកប្រើ
admin-user-role = តួនាទី
admin-user-org = អង្គការ
admin-user-mfa = បានរៀបចំជំហានទីពីរ
admin-user-new = អ្នកប្រើថ្មី
admin-yes = បាទ/ចាស
admin-no = ទេ
admin-user-created = បានបង្កើតអ្នកប្រើ { $username } ហើយ។

consent-title = ការយល់ព្រមឱ្យចែករំលែក
consent-none = មិនទាន់មានការកត់ត្រាការយល់ព្រមទេ។ មិនអាចចែករំលែកអ្វីទៅក្រៅអង្គការនេះបានទេ។
consent-purpose = គោលបំណង
consent-recipient = អង្គការអ្នកទទួល
consent-categories = ព័ត៌មានដែលគ្របដណ្ដប់
consent-expires = មានសុពលភាពរហូតដល់
consent-status = ស្ថានភាព
consent-withdraw = ដកការយល់ព្រម
consent-record = កត់ត្រាការយល់ព្រមថ្មី
consent-language = ភាសាដែលបានប្រើដើម្បីពន្យល់អំពីការយល់ព្រម (លេខកូដ ឧទាហរណ៍ my)
consent-interpreter = អ្នកបកប្រែផ្ទាល់មាត់ ប្រសិនបើមានអ្នកជួយ
consent-explain-hint = កត់ត្រាការយល់ព្រម តែបន្ទាប់ពីបានពន្យល់ជាភាសារបស់សាមីខ្លួនរួចហើយប៉ុណ្ណោះ ថាព័ត៌មានអ្វីនឹងត្រូវចែករំលែក ជាមួយនរណា និងហេតុអ្វី ហើយថាសាមីខ្លួនអាចបដិសេធ ឬដកការយល់ព្រមវិញបានគ្រប់ពេល។
consent-save = រក្សាទុកការយល់ព្រម
consent-withdrawn = បានដកវិញ
consent-in-force = កំពុងមានសុពលភាព
consent-expired = ផុតកំណត់
consent-purpose-referral = ការបញ្ជូនទៅសេវាកម្ម
consent-purpose-cross_border_transfer = ការផ្ទេរទៅប្រទេសផ្សេង
consent-purpose-consular_contact = ការទំនាក់ទំនងជាមួយស្ថានកុងស៊ុល
consent-purpose-prosecution_disclosure = ការបង្ហាញព័ត៌មានដល់ព្រះរាជអាជ្ញា
consent-purpose-tracing = ការស្វែងរកក្រុមគ្រួសារ
consent-purpose-research = ការស្រាវជ្រាវ និងស្ថិតិ

category-identity = អត្តសញ្ញាណ
category-contact_location = ទំនាក់ទំនង និងទីតាំង
category-narrative = ការរៀបរាប់អំពីព្រឹត្តិការណ៍
category-health = សុខភាព
category-immigration_status = ស្ថានភាពអន្តោប្រវេសន៍
category-forced_acts = សកម្មភាពដែលសាមីខ្លួនត្រូវបានបង្ខំឱ្យធ្វើ

access-log-title = នរណាបានចូលមើលកំណត់ត្រានេះ និងហេតុអ្វី

break-glass-title = ការចូលប្រើពេលអាសន្ន
break-glass-explain = ប្រសិនបើមាននរណាម្នាក់កំពុងស្ថិតក្នុងគ្រោះថ្នាក់ ហើយអ្នកត្រូវការកំណត់ត្រានេះឥឡូវនេះ អ្នកអាចបើកវាបានរយៈពេលមួយម៉ោង។ មូលហេតុរបស់អ្នកនឹងត្រូវបានកត់ត្រា ហើយអ្នកត្រួតពិនិត្យនឹងពិនិត្យវាឡើងវិញ។
break-glass-reason = ហេតុអ្វីបានជាអ្នកត្រូវការចូលប្រើឥឡូវនេះ
break-glass-submit = បើករយៈពេលមួយម៉ោង

person-withheld = មិនបង្ហាញដល់អ្នក៖
person-withheld-field = មិនបង្ហាញដល់អ្នក

role-caseworker = បុគ្គលិកករណី
role-supervisor = អ្នកត្រួតពិនិត្យ
role-decision_maker = អ្នកសម្រេចចិត្ត
role-org_admin = អ្នកគ្រប់គ្រងអង្គការ
role-system_admin = អ្នកគ្រប់គ្រងប្រព័ន្ធ
role-auditor = សវនករ

org-kind-ngo_assistance = អង្គការមិនមែនរដ្ឋាភិបាល (ជំនួយ)
org-kind-shelter = ទីជម្រក
org-kind-health = សេវាសុខាភិបាល
org-kind-legal_aid = ជំនួយផ្លូវច្បាប់
org-kind-labour_inspection = អធិការកិច្ចការងារ
org-kind-nrm_coordinator = អ្នកសម្របសម្រួលការបញ្ជូនថ្នាក់ជាតិ
org-kind-consular = ស្ថានកុងស៊ុល
org-kind-police = នគរបាល
org-kind-prosecution = អយ្យការ
org-kind-immigration = អន្តោប្រវេសន៍
org-kind-border = អាជ្ញាធរព្រំដែន

field-reason = មូលហេតុ
field-expires_on = មានសុពលភាពរហូតដល់
field-categories = ព័ត៌មានដែលគ្របដណ្ដប់
field-recipient = អ្នកទទួល
field-purpose = គោលបំណង
field-kind = ប្រភេទ
field-role = តួនាទី
field-interpreter = អ្នកបកប្រែផ្ទាល់មាត់

validation-invalid_category = សូមជ្រើសរើសពីប្រភេទព័ត៌មានដែលមានក្នុងបញ្ជី។
validation-in_the_past = កាលបរិច្ឆេទនេះបានកន្លងផុតទៅហើយ។
validation-invalid_consent_purpose = សូមជ្រើសរើសគោលបំណងពីបញ្ជី។
validation-unknown_org = សូមជ្រើសរើសអង្គការពីបញ្ជី។
validation-invalid_org_kind = សូមជ្រើសរើសប្រភេទពីបញ្ជី។
validation-invalid_role = សូមជ្រើសរើសតួនាទីពីបញ្ជី។
validation-invalid_username = សូមប្រើអក្សរ លេខ សញ្ញាចុច (.) សញ្ញាដក (-) ឬសញ្ញាគូសក្រោម (_)។

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = ការពិនិត្យបឋម
screening-section = ការពិនិត្យបឋម
screening-none = មិនទាន់មានការពិនិត្យបឋមនៅឡើយទេ។
screening-start = ចាប់ផ្ដើមការពិនិត្យបឋម
screening-instrument = កម្រងសំណួរ
screening-survivor-language = ភាសាដែលប្រើក្នុងការសម្ភាសន៍
screening-interpreter = អ្នកបកប្រែផ្ទាល់មាត់ ប្រសិនបើមានអ្នកជួយ
screening-begin = ចាប់ផ្ដើម
screening-progress = សំណួរទី { $n } ក្នុងចំណោម { $total }
screening-answer = ចម្លើយ
screening-yes = បាទ/ចាស
screening-no = ទេ
screening-prefer-not = មិនចង់និយាយ
screening-dont-know = មិនដឹង
screening-skip-hint = គ្មានសំណួរណាមួយដែលត្រូវតែឆ្លើយទេ។ អាចទុកវាចោលសិន ហើយត្រឡប់មកឆ្លើយវិញនៅពេលក្រោយ។
screening-save-next = រក្សាទុក ហើយបន្ត
screening-back = សំណួរមុន
screening-pause = ផ្អាកសិន ហើយត្រឡប់មកវិញនៅពេលក្រោយ
screening-overview = ចម្លើយរហូតមកដល់ពេលនេះ
screening-answered = បានឆ្លើយ { $n }
screening-continue = បន្តការសម្ភាសន៍
screening-complete = បញ្ចប់ ហើយមើលលទ្ធផល
screening-completed = បានបញ្ចប់
screening-in-progress = កំពុងដំណើរការ
screening-started = ថ្ងៃចាប់ផ្ដើម
screening-result = លទ្ធផល
screening-explanation = មូលហេតុ
screening-element-met = មានសញ្ញាបង្ហាញ
screening-element-not-met = មិនទាន់មានសញ្ញាបង្ហាញ
screening-needs = ការបញ្ជូនដែលគួរផ្ដល់ជូនឥឡូវនេះ
screening-instrument-version = កំណែកម្រងសំណួរ
screening-revisit = សំណួរដែលត្រូវត្រឡប់មកសួរវិញ នៅពេលសាមីខ្លួនត្រៀមខ្លួនរួចរាល់
outcome-reasonable_grounds = មានមូលដ្ឋានសមហេតុផល៖ បុគ្គលនេះត្រូវបានសន្មតថាជាអ្នកដែលត្រូវបានគេជួញដូរ។ ការការពារ និងគោលការណ៍មិនដាក់ទោស ត្រូវអនុវត្តចាប់ពីពេលនេះតទៅ។
outcome-vulnerable_migrant = ជនចំណាកស្រុកដែលស្ថិតក្នុងស្ថានភាពងាយរងគ្រោះ។ មិនទាន់បញ្ជាក់ថាមានមូលដ្ឋានសមហេតុផលថាត្រូវបានគេជួញដូរនៅឡើយទេ ហើយគ្មានអ្វីនៅទីនេះបដិសេធលទ្ធភាពនោះទេ។ សូមបញ្ជូនទៅសេវាខាងក្រោមឥឡូវនេះ ហើយជួបពិភាក្សាម្ដងទៀតនៅពេលក្រោយ។
vulnerabilities-heading = ភាពងាយរងគ្រោះ
vulnerability-irregular_status = ស្ថានភាពអន្តោប្រវេសន៍មិនប្រក្រតី ឬបាត់ឯកសារ
vulnerability-stranded = ជាប់គាំង
vulnerability-destitute = ខ្វះខាត៖ គ្មានកន្លែងស្នាក់នៅដែលមានសុវត្ថិភាព ឬគ្មានលុយទិញអាហារ
vulnerability-injured = មានរបួស ឬឈឺ
vulnerability-witness_to_abuse = បានឃើញអ្នកដទៃត្រូវគេធ្វើបាប
vulnerability-debt_bondage_risk = បំណុលដែលនរណាម្នាក់កំពុងប្រើដើម្បីគាបសង្កត់
vulnerability-fear_of_return = ខ្លាចត្រឡប់ទៅផ្ទះវិញ
outcome-not_yet_determined = មិនទាន់កំណត់បាននៅឡើយ។ សាមីខ្លួនប្រហែលជាមិនទាន់ត្រៀមខ្លួននិយាយបន្ថែមទេ។ សូមផ្ដល់រយៈពេលស្ដារឡើងវិញ និងពិចារណា ហើយជួបពិភាក្សាម្ដងទៀតនៅពេលក្រោយ។
element-act = ការជ្រើសរើស ការដឹកជញ្ជូន ឬការឃុំទុក (សកម្មភាព)
element-means = ការបោកប្រាស់ ការប្រើកម្លាំង ឬការគ្រប់គ្រង (មធ្យោបាយ)
element-purpose = ការកេងប្រវ័ញ្ច រួមទាំងការបង្ខំឱ្យធ្វើការងារជាបទល្មើស (គោលបំណង)
element-deceptive_recruitment = ការជ្រើសរើសដោយការបោកប្រាស់
element-coercive_recruitment = ការជ្រើសរើសដោយការបង្ខិតបង្ខំ
element-recruitment_abuse_of_vulnerability = ការជ្រើសរើសដោយឆ្លៀតប្រយោជន៍ពីភាពងាយរងគ្រោះ
element-exploitative_conditions = លក្ខខណ្ឌការងារដែលជាការកេងប្រវ័ញ្ច
element-coercion_at_destination = ការបង្ខិតបង្ខំនៅទីកន្លែងគោលដៅ
element-abuse_of_vulnerability_at_destination = ការឆ្លៀតប្រយោជន៍ពីភាពងាយរងគ្រោះនៅទីកន្លែងគោលដៅ
need-legal_aid = ជំនួយផ្លូវច្បាប់
need-medical = ការថែទាំសុខភាព
need-psychological = ការគាំទ្រផ្លូវចិត្ត
need-shelter = ទីជម្រកដែលមានសុវត្ថិភាព
need-return_risk_assessment = ការវាយតម្លៃហានិភ័យ មុនពេលត្រឡប់ទៅវិញ
need-consular = ជំនួយពីស្ថានកុងស៊ុល (ឯកសារធ្វើដំណើរ)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = គេហទំព័រស្វែងរកការងារ
option-friend_or_relative = មិត្តភក្ដិ ឬសាច់ញាតិ
option-other = ផ្សេងទៀត
option-beatings = ការវាយដំ
option-electric_shocks = ការឆក់អគ្គិសនី
option-solitary_confinement = ការត្រូវគេឃុំទុកតែម្នាក់ឯង
option-sexual_violence = អំពើហិង្សាផ្លូវភេទ
option-threats = ការគំរាមកំហែង
option-witnessed_violence = ការឃើញអំពើហិង្សាលើអ្នកដទៃ
option-none_of_these = គ្មានរឿងណាមួយក្នុងចំណោមនេះទេ
option-MMR = មីយ៉ាន់ម៉ា
option-KHM = កម្ពុជា
option-LAO = ឡាវ
option-PHL = ហ្វីលីពីន
option-THA = ថៃ
option-dont_know = មិនដឹង

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = គោលការណ៍មិនដាក់ទោស ត្រូវអនុវត្តចាប់ពីពេលនេះតទៅ៖ មិនត្រូវចោទប្រកាន់ ដាក់ទោស ឬឃុំខ្លួនបុគ្គលនេះ ចំពោះសកម្មភាពដែលសាមីខ្លួនត្រូវបានបង្ខំឱ្យធ្វើ រួមទាំងបទល្មើសអន្តោប្រវេសន៍ឡើយ។
np-urgent-release = បន្ទាន់៖ បុគ្គលនេះកំពុងត្រូវបានឃុំខ្លួន។ សកម្មភាពដំបូងគឺស្នើសុំឱ្យដោះលែងសាមីខ្លួន។
jur-title = ច្បាប់ដែលត្រូវអនុវត្ត
jur-fc-recognised = ច្បាប់ជាតិទទួលស្គាល់ការបង្ខំឱ្យប្រព្រឹត្តបទល្មើស ថាជាការកេងប្រវ័ញ្ច។
jur-fc-not-recognised = ច្បាប់ជាតិមិនបានចែងថា ការបង្ខំឱ្យប្រព្រឹត្តបទល្មើសជាការកេងប្រវ័ញ្ចទេ។ សូមប្រើបទប្បញ្ញត្តិខាងក្រោមជំនួសវិញ។
jur-alternatives = បទប្បញ្ញត្តិដែលអាចពឹងផ្អែកបាន
jur-np-scope = គោលការណ៍មិនដាក់ទោសក្នុងច្បាប់ជាតិ
jur-deadlines = គោលដៅសម្រាប់ការសន្និដ្ឋានថាមានមូលដ្ឋានសមហេតុផល៖ { $days } ថ្ងៃធ្វើការ។ រយៈពេលស្ដារឡើងវិញ និងពិចារណា៖ { $reflection } ថ្ងៃ។
jur-decides = អ្នកដែលធ្វើការសម្រេចចុងក្រោយ

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = មានករណីផ្សេងទៀតចំនួន { $count } ដែលនិយាយពីបរិវេណ អ្នកជ្រើសរើស ឬការផ្សាយពាណិជ្ជកម្មដូចគ្នា។

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = ការសម្រេចចុងក្រោយ
decision-none = មិនទាន់មានការសម្រេចចុងក្រោយនៅឡើយទេ។ ការសម្រេចនេះធ្វើឡើងដោយអ្នកសម្រេចចិត្តដែលមានសមត្ថកិច្ច ដោយមានមូលហេតុជាលាយលក្ខណ៍អក្សរ បន្ទាប់ពីរយៈពេលស្ដារឡើងវិញ និងពិចារណា។
decision-record = កត់ត្រាការសម្រេចចុងក្រោយ
decision-hint = រយៈពេលស្ដារឡើងវិញ និងពិចារណា គឺ { $days } ថ្ងៃ គិតចាប់ពីពេលបញ្ចប់ការពិនិត្យបឋម។ ការសម្រេចមុនពេលនោះ មិនត្រូវបានទទួលយកទេ។
decision-conclusion = ការសម្រេច
decision-confirmed = ត្រូវបានកំណត់អត្តសញ្ញាណថាជាជនរងគ្រោះនៃការជួញដូរមនុស្ស
decision-not-confirmed = មិនទាន់បញ្ជាក់បានទេ ផ្អែកលើព័ត៌មានដែលដឹងនៅពេលនេះ (អាចពិចារណាឡើងវិញបាន ហើយការបញ្ជូននៅតែបន្ត)
decision-reasons = មូលហេតុជាលាយលក្ខណ៍អក្សរ
decision-sign = ចុះហត្ថលេខាលើការសម្រេច
validation-reasons_required = សូមសរសេរមូលហេតុនៃការសម្រេច (យ៉ាងហោចណាស់ 20 តួអក្សរ)។
validation-invalid_conclusion = សូមជ្រើសរើសការសម្រេចមួយក្នុងចំណោមការសម្រេចទាំងពីរ។

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = ភារកិច្ច
tasks-title = ភារកិច្ច
tasks-none = បច្ចុប្បន្ននេះ មិនមានអ្វីត្រូវធ្វើទេ។
tasks-child = កុមារ
tasks-overdue = ហួសកាលកំណត់
task-request_release = បន្ទាន់៖ ស្នើសុំឱ្យដោះលែងពីការឃុំខ្លួន
task-child_in_detention = បន្ទាន់៖ មានកុមារម្នាក់កំពុងត្រូវបានឃុំខ្លួន
task-reasonable_grounds_due = ដល់កាលកំណត់សម្រាប់ការសន្និដ្ឋានថាមានមូលដ្ឋានសមហេតុផល
task-recovery_period_ends = រយៈពេលស្ដារឡើងវិញ និងពិចារណា ត្រូវបញ្ចប់
task-rescreen = ផ្ដល់ការពិនិត្យបឋមម្ដងទៀត

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = ទោសពីមុនដែលត្រូវលុបចោល
penalty-none = មិនមានការកត់ត្រាអំពីសាលក្រមផ្តន្ទាទោស ការពិន័យជាប្រាក់ ឬដីកាបណ្តេញចេញពីមុនទេ។
penalty-due = ស្នើសុំលុបកំណត់ត្រា
penalty-expungement = ការលុបកំណត់ត្រា
penalty-expungement-update = ធ្វើបច្ចុប្បន្នភាព
penalty-record = កត់ត្រាទោសពីមុន
penalty-kind = ប្រភេទទោស
penalty-country = ប្រទេសដែលបានដាក់ទោស (លេខកូដ ឧទាហរណ៍ THA)
penalty-date = កាលបរិច្ឆេទ ប្រសិនបើដឹង
penalty-offence = ដាក់ទោសដោយសារអ្វី
penalty-consequence = សកម្មភាពនេះគឺជាផលវិបាកនៃការត្រូវបានគេជួញដូរ
penalty-kind-conviction = សាលក្រមផ្តន្ទាទោស
penalty-kind-fine = ការពិន័យជាប្រាក់
penalty-kind-deportation_order = ដីកាបណ្តេញចេញពីប្រទេស
penalty-kind-entry_ban = ការហាមឃាត់មិនឱ្យចូលប្រទេស
expungement-not_requested = មិនទាន់បានស្នើសុំលុបកំណត់ត្រា
expungement-requested = បានស្នើសុំលុបកំណត់ត្រា
expungement-granted = បានលុបកំណត់ត្រា
expungement-refused = សំណើលុបកំណត់ត្រាត្រូវបានបដិសេធ

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = សេចក្ដីជូនដំណឹង៖ មិនត្រូវដាក់ទោសបុគ្គលដែលត្រូវបានសន្មតថាជាជនរងគ្រោះនៃការជួញដូរមនុស្សឡើយ
notice-to = ជូនចំពោះ៖ នគរបាល អាជ្ញាធរអន្តោប្រវេសន៍ អយ្យការ អាជ្ញាធរព្រំដែន និងតុលាការទាំងអស់៖
notice-finding = នៅថ្ងៃទី { $date } អង្គការនេះបានរកឃើញថា មានមូលដ្ឋានសមហេតុផលដើម្បីជឿថា បុគ្គលដែលមានឈ្មោះខាងក្រោម គឺជាជនរងគ្រោះនៃការជួញដូរមនុស្ស រួមទាំងការជួញដូរដើម្បីបង្ខំឱ្យប្រព្រឹត្តបទល្មើសព្រហ្មទណ្ឌ។
notice-issued-by = ចេញដោយ
notice-principle = យោងតាមគោលការណ៍មិនដាក់ទោស មិនត្រូវឃុំខ្លួន ចោទប្រកាន់ កាត់ក្ដី ឬដាក់ទោសបុគ្គលនេះ ចំពោះសកម្មភាពដែលសាមីខ្លួនត្រូវបានបង្ខំឱ្យប្រព្រឹត្ត ជាលទ្ធផលនៃការត្រូវបានគេជួញដូរឡើយ។ គោលការណ៍នេះអនុវត្តជាពិសេសចំពោះ៖
notice-scope-immigration = បទល្មើសអន្តោប្រវេសន៍៖ ការចូល ឬចេញដោយខុសច្បាប់ ការស្នាក់នៅហួសកាលកំណត់ ការធ្វើការដោយគ្មានលិខិតអនុញ្ញាត ការត្រូវបានគេរត់ពន្ធឆ្លងដែន ការគ្មានឯកសារ។
notice-scope-status = បទល្មើសដែលទាក់ទងនឹងស្ថានភាពរបស់សាមីខ្លួន ព្រមទាំងបទល្មើសរដ្ឋបាល និងរដ្ឋប្បវេណី។
notice-scope-crimes = បទល្មើសព្រហ្មទណ្ឌដែលបានប្រព្រឹត្តជាលទ្ធផលនៃការត្រូវបានគេជួញដូរ រួមទាំងការឆបោកតាមអនឡាញ ការឆបោកតាមរយៈស្នេហា និងការវិនិយោគ ការសម្អាតប្រាក់ និងការចោទប្រកាន់ពីបទឃុបឃិតពាក់ព័ន្ធ។
notice-not-exhaustive = បញ្ជីនេះមិនមែនជាបញ្ជីគ្រប់ជ្រុងជ្រោយទេ។ គោលការណ៍នេះត្រូវអនុវត្តចាប់ពីពេលរកឃើញថាមានមូលដ្ឋានសមហេតុផល មុនការសម្រេចចុងក្រោយណាមួយ។
notice-release = បុគ្គលនេះកំពុងត្រូវបានឃុំខ្លួន។ យើងខ្ញុំសូមស្នើឱ្យដោះលែងសាមីខ្លួនជាបន្ទាន់ ហើយប្រគល់ឱ្យស្ថិតក្រោមការថែទាំដែលមានសុវត្ថិភាព និងសមស្រប។
notice-law = ច្បាប់ជាតិ៖
notice-reference = លេខយោង
notice-open = សេចក្ដីជូនដំណឹងអំពីគោលការណ៍មិនដាក់ទោស (សម្រាប់បោះពុម្ព)
notice-pdf = ទាញយកសេចក្ដីជូនដំណឹងជា PDF (ជាភាសារបស់បុគ្គលនោះ និងភាសារបស់អាជ្ញាធរ)
notice-authority-language = ភាសារបស់អាជ្ញាធរ

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = ផ្ញើលិខិតជូនដំណឹងទៅ
notice-send = ផ្ញើ
notice-send-hint = ការផ្ញើត្រូវការការយល់ព្រមដែលបានកត់ត្រារបស់បុគ្គលនោះសម្រាប់គោលបំណងនេះ និងអាជ្ញាធរនេះ។ អាជ្ញាធរទទួលបានតែលិខិតជូនដំណឹងប៉ុណ្ណោះ មិនដែលទទួលបានឯកសារករណីទេ។
consent-purpose-non_punishment_notice = ការផ្ញើលិខិតជូនដំណឹងអំពីការមិនដាក់ទោសទៅអាជ្ញាធរ
inbox-kind-non_punishment_notice = លិខិតជូនដំណឹងអំពីការមិនដាក់ទោស
