# haven user interface, Tagalog/Filipino (tl).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = Pangangasiwa ng kaso para sa mga taong na-traffic papunta sa mga scam compound
skip-to-content = Lumaktaw sa nilalaman
quick-exit = Mabilis na paglabas
nav-persons = Mga tao
nav-new-person = Magdagdag ng tao
nav-logout = Mag-sign out
nav-signed-in-as = Naka-sign in bilang { $username }
nav-language = Wika
nav-language-apply = Palitan
nav-api-docs = API

login-title = Mag-sign in
login-username = Username
login-password = Password
login-submit = Mag-sign in
login-failed = Mali ang username o password.
login-locked = Masyadong maraming pagsubok. Naka-pause ang account na ito nang ilang minuto.
login-rate-limited = Masyadong maraming pagsubok mula sa device na ito. Maghintay ng isang minuto at subukang muli.

password-title = Pumili ng bagong password
password-explain = Ibang tao ang nagtakda ng iyong password. Pumili ng sarili mong password bago magpatuloy.
password-new = Bagong password (hindi bababa sa 12 character)
password-confirm = Ulitin ang bagong password
password-submit = I-save ang password
password-mismatch = Hindi magkapareho ang dalawang password.

persons-title = Mga tao
persons-search-label = Maghanap ayon sa pangalan
persons-search-submit = Maghanap
persons-search-hint = Mag-type ng pangalan sa anumang sulat, o sa mga letrang Latin: mahahanap din ng "Nguyen" ang "Nguyễn".
persons-empty = Wala pang naidadagdag na tao.
persons-no-match = Walang tumutugma sa paghahanap na ito.
persons-col-name = Pangalan
persons-col-location = Nasaan ngayon
persons-col-added = Idinagdag
persons-next = Susunod na pahina
persons-prev = Nakaraang pahina

person-new-title = Magdagdag ng tao
person-full-name = Buong pangalan, ayon sa pagkakasulat ng tao mismo
person-full-name-hint = Isang field para sa buong pangalan, sa anumang sulat at sa sariling pagkakasunod-sunod ng tao.
person-other-names = Iba pang pangalan o alyas, isa bawat linya
person-latin-name = Pangalan sa mga letrang Latin
person-sex = Kasarian, ayon sa paglalarawan ng tao mismo
person-dob = Petsa ng kapanganakan (YYYY-MM-DD)
person-estimated-age = O kaya: tantiyang edad sa taon
person-age-uncertain = Hindi tiyak ang edad
person-nationalities = Nasyonalidad: mga country code tulad ng MMR, VNM, pinaghihiwalay ng kuwit
person-languages = Mga wika: mga code tulad ng my, vi, th, pinaghihiwalay ng kuwit
person-contact = Contact
person-location = Kung nasaan ang tao ngayon
person-notes = Mga tala
person-save = I-save
person-optional = opsyonal
person-prefer-not = Maaaring iwanang blangko ang lahat ng field maliban sa pangalan, halimbawa kung mas gusto ng tao na hindi ito sabihin.

location-shelter = Shelter
location-community = Nasa komunidad
location-immigration_detention = Nakadetine sa imigrasyon
location-police_custody = Nasa kustodiya ng pulisya
location-hospital = Ospital
location-in_compound = Nasa loob pa ng compound
location-unknown = Hindi alam

person-title = Tao
person-may-be-child = Maaaring bata pa ang taong ito. Sundin ang proseso para sa mga bata hanggang may pagtatasa ng edad na nagsasabi ng iba.
person-detained = Nakadetine ang taong ito.
person-cases = Mga kaso
person-no-cases = Wala pang kaso.
person-open-case = Magbukas ng kaso
person-erase = Burahin ang record ng taong ito
person-erase-explain = Sinisira ng pagbura ang susi ng record na ito. Hindi na ito maibabalik, kahit mula sa backup.
person-erase-confirm = Nauunawaan ko na hindi na ito maibabalik
person-erased = Nabura na ang record na ito.
person-age = { $years } taon
person-age-estimated = mga { $years } taon
person-age-estimated-uncertain = mga { $years } taon (hindi tiyak)
person-not-recorded = hindi naitala
person-created = Idinagdag

case-title = Kaso
case-status = Katayuan
case-opened = Binuksan
case-closed = Isinara
case-assigned = Nakatalaga kay
case-unassigned = Wala pa
case-person = Tao
case-notes = Mga tala
case-no-notes = Wala pang tala.
case-add-note = Magdagdag ng tala
case-note-save = I-save ang tala
case-note-erased = (nabura kasama ng record ng tao)
case-status-change = Palitan ang katayuan
case-status-save = I-save ang katayuan
status-open = Bukas
status-active = Aktibo
status-suspended = Pansamantalang itinigil
status-closed = Sarado

field-full_name = Buong pangalan
field-other_names = Iba pang pangalan
field-latin_name = Pangalan sa mga letrang Latin
field-sex = Kasarian
field-date_of_birth = Petsa ng kapanganakan
field-estimated_age = Tantiyang edad
field-nationalities = Nasyonalidad
field-languages = Mga wika
field-contact = Contact
field-location = Nasaan ngayon
field-notes = Mga tala
field-body = Tala
field-status = Katayuan
field-closed_on = Petsa ng pagsasara
field-password = Password
field-username = Username

validation-required = Kailangan ito.
validation-too_long = Masyadong mahaba ito.
validation-too_many = Masyadong marami ang entry.
validation-invalid_characters = May mga character dito na hindi maiimbak.
validation-invalid_date = Isulat ang petsa bilang YYYY-MM-DD.
validation-implausible_date = Hindi posible ang petsang ito.
validation-implausible_age = Ang edad ay dapat nasa pagitan ng 0 at 120.
validation-invalid_country = Gumamit ng tatlong-letrang country code tulad ng MMR o VNM.
validation-invalid_language = Gumamit ng language code tulad ng my, vi o zh-Hans.
validation-invalid_location = Pumili ng lugar mula sa listahan.
validation-invalid_status = Pumili ng katayuan mula sa listahan.
validation-before_opening = Hindi maaaring isara ang kaso bago ito binuksan.
validation-too_short = Gumamit ng hindi bababa sa 12 character.
validation-generic = Pakisuri ang field na ito.

error-title = Nagkaroon ng problema
error-not-found = Walang ganitong pahina, o wala kang pahintulot na makita ito.
error-forbidden = Wala kang access dito.
error-invalid = Pakisuri ang form.
error-csrf = Nag-expire na ang form na ito. Bumalik, i-reload ang pahina, at subukang muli.
error-erased = Nabura na ang record na ito.
error-server = Hindi ito natapos ng server. Walang na-save.
back = Bumalik

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = Pagsusuri ng access
nav-audit = Audit log
nav-admin = Administrasyon
nav-inbox = Inbox

mfa-title = Ikalawang hakbang ng pag-sign in
mfa-explain = Ilagay ang 6 na digit na code mula sa iyong authenticator app.
mfa-enrol-explain = Dahil sa iyong tungkulin, may ikalawang hakbang ang iyong pag-sign in. Idagdag ang key na ito sa isang authenticator app sa iyong telepono, pagkatapos ay ilagay ang code na ipinapakita nito.
mfa-secret = Key para sa authenticator app
mfa-open-app = Buksan sa isang authenticator app sa device na ito
mfa-code = 6 na digit na code
mfa-submit = Magpatuloy
mfa-wrong = Hindi gumana ang code na iyon. Tingnan ang oras sa iyong telepono at subukan ang susunod na code.

review-title = Pagsusuri ng access
review-explain = Ang emergency access at ang pagbubunyag ng impormasyon nang walang pahintulot ay naghihintay rito hanggang masuri ito ng isang supervisor.
review-empty = Walang naghihintay na susuriin.
review-col-kind = Uri
review-col-user = Sino
review-col-reason = Ibinigay na dahilan
review-col-when = Kailan
review-open-record = Buksan ang record
review-mark = Markahan bilang nasuri na
review-kind-break_glass = Emergency access
review-kind-consent_override = Pagbubunyag nang walang pahintulot

audit-title = Audit log
audit-explain = Sino ang gumawa ng ano, kailan at bakit. Mga identifier lamang ang nasa log, hindi kailanman mga pangalan o nilalaman ng kaso.
audit-filter-actor = User ID
audit-filter-record = Record ID
audit-filter-action = Aksyon
audit-filter-apply = I-filter
audit-empty = Walang tumutugmang pangyayari.
audit-col-when = Kailan
audit-col-who = Sino
audit-col-what = Ano
audit-col-record = Record
audit-col-why = Bakit
audit-col-outcome = Resulta

inbox-title = Inbox
inbox-explain = Dito lumalabas lamang ang mga dokumentong pumayag ang mga tao na ipadala sa iyong organisasyon. Hindi nakikita ng iyong organisasyon ang mga record ng kaso.
inbox-empty = Wala pang dokumentong naipadala sa iyong organisasyon.

admin-title = Administrasyon
admin-one-time-password = Password na isang beses lang magagamit (ipinapakita ngayon lamang):
admin-orgs = Mga organisasyon
admin-org-name = Pangalan
admin-org-kind = Uri
admin-org-country = Bansa (ISO code, hal. THA)
admin-org-see-all = Nakikita ng mga caseworker ang lahat ng kaso
admin-org-see-all-short = Nakikita ng lahat ng caseworker ang bawat kaso (pangalan at contact lamang)
admin-save = I-save
admin-org-new = Bagong organisasyon
admin-create = Gumawa
admin-users = Mga user
admin-user-role = Tungkulin
admin-user-org = Organisasyon
admin-user-mfa = Naka-set up ang ikalawang hakbang
admin-user-new = Bagong user
admin-yes = oo
admin-no = hindi
admin-user-created = Nagawa na ang user na { $username }.

consent-title = Pahintulot na magbahagi
consent-none = Walang naitalang pahintulot. Walang maaaring ibahagi sa labas ng organisasyong ito.
consent-purpose = Layunin
consent-recipient = Tatanggap na organisasyon
consent-categories = Saklaw na impormasyon
consent-expires = May bisa hanggang
consent-status = Katayuan
consent-withdraw = Bawiin
consent-record = Magtala ng bagong pahintulot
consent-language = Wikang ginamit sa pagpapaliwanag ng pahintulot (code, hal. my)
consent-interpreter = Interpreter, kung may tumulong
consent-explain-hint = Itala lamang ang pahintulot matapos ipaliwanag, sa wika ng tao, kung ano ang ibabahagi, kanino at bakit, at na maaari siyang tumanggi o bawiin ito anumang oras.
consent-save = I-save ang pahintulot
consent-withdrawn = Binawi
consent-in-force = May bisa
consent-expired = Nag-expire na
consent-purpose-referral = Referral sa isang serbisyo
consent-purpose-cross_border_transfer = Paglipat sa ibang bansa
consent-purpose-consular_contact = Pakikipag-ugnayan sa konsulado
consent-purpose-prosecution_disclosure = Pagbubunyag sa prosecutor
consent-purpose-tracing = Paghahanap sa pamilya
consent-purpose-research = Pananaliksik at estadistika

category-identity = Pagkakakilanlan
category-contact_location = Contact at lokasyon
category-narrative = Salaysay ng mga pangyayari
category-health = Kalusugan
category-immigration_status = Katayuan sa imigrasyon
category-forced_acts = Mga gawaing pilit na ipinagawa sa tao

access-log-title = Sino ang nag-access sa record na ito at bakit

break-glass-title = Emergency access
break-glass-explain = Kung may taong nasa panganib at kailangan mo ang record na ito ngayon, maaari mo itong buksan nang isang oras. Itatala ang iyong dahilan at susuriin ito ng isang supervisor.
break-glass-reason = Bakit kailangan mo ng access ngayon
break-glass-submit = Buksan nang isang oras

person-withheld = Hindi ipinapakita sa iyo:
person-withheld-field = hindi ipinapakita sa iyo

role-caseworker = Caseworker
role-supervisor = Supervisor
role-decision_maker = Tagapagpasya
role-org_admin = Administrator ng organisasyon
role-system_admin = Administrator ng system
role-auditor = Auditor

org-kind-ngo_assistance = NGO (tulong)
org-kind-shelter = Shelter
org-kind-health = Serbisyong pangkalusugan
org-kind-legal_aid = Tulong legal
org-kind-labour_inspection = Inspeksyon sa paggawa
org-kind-nrm_coordinator = Pambansang coordinator ng referral
org-kind-consular = Konsulado
org-kind-police = Pulisya
org-kind-prosecution = Prosekusyon
org-kind-immigration = Imigrasyon
org-kind-border = Awtoridad sa hangganan

field-reason = Dahilan
field-expires_on = May bisa hanggang
field-categories = Saklaw na impormasyon
field-recipient = Tatanggap
field-purpose = Layunin
field-kind = Uri
field-role = Tungkulin
field-interpreter = Interpreter

validation-invalid_category = Pumili mula sa mga nakalistang uri ng impormasyon.
validation-in_the_past = Lumipas na ang petsang ito.
validation-invalid_consent_purpose = Pumili ng layunin mula sa listahan.
validation-unknown_org = Pumili ng organisasyon mula sa listahan.
validation-invalid_org_kind = Pumili ng uri mula sa listahan.
validation-invalid_role = Pumili ng tungkulin mula sa listahan.
validation-invalid_username = Gumamit ng mga letra, numero, tuldok, gitling o underscore.

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = Pagsusuri
screening-section = Mga pagsusuri
screening-none = Wala pang pagsusuri.
screening-start = Magsimula ng pagsusuri
screening-instrument = Talatanungan
screening-survivor-language = Wikang ginamit sa panayam
screening-interpreter = Interpreter, kung may makatutulong
screening-begin = Magsimula
screening-progress = Tanong { $n } sa { $total }
screening-answer = Sagot
screening-yes = Oo
screening-no = Hindi
screening-prefer-not = Mas gustong hindi sabihin
screening-dont-know = Hindi alam
screening-skip-hint = Walang tanong na sapilitan. Maaaring iwanang walang sagot at balikan ito mamaya.
screening-save-next = I-save at magpatuloy
screening-back = Nakaraang tanong
screening-pause = I-pause at bumalik mamaya
screening-overview = Mga sagot sa ngayon
screening-answered = { $n } ang nasagot
screening-continue = Ipagpatuloy ang panayam
screening-complete = Tapusin at tingnan ang resulta
screening-completed = Tapos na
screening-in-progress = Kasalukuyang ginagawa
screening-started = Sinimulan
screening-result = Resulta
screening-explanation = Bakit
screening-element-met = may palatandaan
screening-element-not-met = wala pang palatandaan
screening-needs = Mga referral na maaaring ialok ngayon
screening-instrument-version = Bersyon ng talatanungan
screening-revisit = Mga tanong na babalikan kapag handa na ang tao
outcome-reasonable_grounds = May makatwirang batayan (reasonable grounds): ipinapalagay na na-traffic ang taong ito. Simula ngayon, umiiral na ang proteksyon at ang prinsipyo ng hindi pagpaparusa (non-punishment principle).
outcome-vulnerable_migrant = Migranteng nasa bulnerableng kalagayan. Hindi pa natutukoy ang makatwirang batayan (reasonable grounds) ng trafficking, at walang anuman dito na nag-aalis sa posibilidad na iyon. I-refer ngayon sa mga serbisyo sa ibaba, at mag-alok ng isa pang pag-uusap sa ibang pagkakataon.
vulnerabilities-heading = Mga kahinaan ng kalagayan
vulnerability-irregular_status = iregular na katayuan o nawawalang dokumento
vulnerability-stranded = na-stranded
vulnerability-destitute = walang-wala: walang ligtas na matutuluyan o perang pambili ng pagkain
vulnerability-injured = may pinsala o sakit
vulnerability-witness_to_abuse = nakasaksi ng pang-aabuso sa iba
vulnerability-debt_bondage_risk = utang na ginagamit ng isang tao para gipitin sila
vulnerability-fear_of_return = takot umuwi
outcome-not_yet_determined = Hindi pa natutukoy. Maaaring hindi pa handa ang tao na magsabi ng higit pa. Ialok ang panahon ng paggaling at pagninilay (recovery and reflection period), at isa pang pag-uusap sa ibang pagkakataon.
element-act = Pag-recruit, pagbiyahe o pagkulong (gawain)
element-means = Panlilinlang, puwersa o kontrol (paraan)
element-purpose = Pagsasamantala, kabilang ang sapilitang gawaing kriminal (layunin)
element-deceptive_recruitment = Mapanlinlang na pag-recruit
element-coercive_recruitment = Sapilitang pag-recruit
element-recruitment_abuse_of_vulnerability = Pag-recruit sa pamamagitan ng pagsasamantala sa kahinaan ng kalagayan
element-exploitative_conditions = Mapagsamantalang kalagayan sa trabaho
element-coercion_at_destination = Pamimilit sa destinasyon
element-abuse_of_vulnerability_at_destination = Pagsasamantala sa kahinaan ng kalagayan sa destinasyon
need-legal_aid = Tulong legal
need-medical = Pangangalagang medikal
need-psychological = Suportang sikolohikal
need-shelter = Ligtas na shelter
need-return_risk_assessment = Pagtatasa ng panganib bago ang anumang pag-uwi
need-consular = Tulong mula sa konsulado (mga dokumento sa paglalakbay)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = Isang website ng trabaho
option-friend_or_relative = Isang kaibigan o kamag-anak
option-other = Iba pa
option-beatings = Pambubugbog
option-electric_shocks = Pagkuryente
option-solitary_confinement = Pagkakakulong nang mag-isa
option-sexual_violence = Sekswal na karahasan
option-threats = Pagbabanta
option-witnessed_violence = Pagkakita ng karahasan laban sa iba
option-none_of_these = Wala sa mga ito
option-MMR = Myanmar
option-KHM = Kambodya
option-LAO = Laos
option-PHL = Pilipinas
option-THA = Thailand
option-dont_know = Hindi alam

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = Umiiral na ngayon ang prinsipyo ng hindi pagpaparusa (non-punishment principle): hindi dapat kasuhan, parusahan o idetine ang taong ito dahil sa mga gawaing pilit na ipinagawa sa kanya, kabilang ang mga paglabag sa imigrasyon.
np-urgent-release = Agaran: nakadetine ang taong ito. Ang unang hakbang ay hilingin ang kanyang paglaya.
jur-title = Batas na umiiral
jur-fc-recognised = Kinikilala ng pambansang batas ang sapilitang pagpapagawa ng krimen bilang pagsasamantala.
jur-fc-not-recognised = Hindi nakalista sa pambansang batas ang sapilitang pagpapagawa ng krimen bilang pagsasamantala. Gamitin na lamang ang mga probisyon sa ibaba.
jur-alternatives = Mga probisyong maaaring gamitin
jur-np-scope = Hindi pagpaparusa sa pambansang batas
jur-deadlines = Target para sa pagpapasya kung may makatwirang batayan (reasonable grounds): { $days } araw ng trabaho. Panahon ng paggaling at pagninilay: { $reflection } araw.
jur-decides = Sino ang gumagawa ng pinal na pasya

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = { $count ->
    [one] Pinatitibay ng isa pang kaso na bumabanggit sa parehong compound, recruiter o patalastas.
   *[other] Pinatitibay ng { $count } pang kaso na bumabanggit sa parehong compound, recruiter o patalastas.
}

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = Pinal na pasya
decision-none = Wala pang pinal na pasya. Ginagawa ito ng awtorisadong tagapagpasya, na may nakasulat na mga dahilan, pagkatapos ng panahon ng paggaling at pagninilay (recovery and reflection period).
decision-record = Itala ang pinal na pasya
decision-hint = Ang panahon ng paggaling at pagninilay ay { $days } araw mula sa pagtatapos ng pagsusuri. Hindi tinatanggap ang pasyang ginawa bago matapos ito.
decision-conclusion = Pasya
decision-confirmed = Natukoy bilang biktima ng trafficking
decision-not-confirmed = Hindi pa nakumpirma batay sa kasalukuyang nalalaman (maaaring muling suriin; tuloy ang mga referral)
decision-reasons = Mga nakasulat na dahilan
decision-sign = Lagdaan ang pasya
validation-reasons_required = Isulat ang mga dahilan ng pasya (hindi bababa sa 20 character).
validation-invalid_conclusion = Pumili ng isa sa dalawang pasya.

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = Mga gawain
tasks-title = Mga gawain
tasks-none = Walang kailangang gawin sa ngayon.
tasks-child = bata
tasks-overdue = lampas na sa takdang petsa
task-request_release = Agaran: hilingin ang paglaya mula sa pagkakadetine
task-child_in_detention = Agaran: may batang nakadetine
task-reasonable_grounds_due = Takdang petsa ng pagpapasya kung may makatwirang batayan
task-recovery_period_ends = Pagtatapos ng panahon ng paggaling at pagninilay
task-rescreen = Mag-alok ng isa pang pagsusuri

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = Mga nakaraang parusa na dapat burahin
penalty-none = Walang naitalang nakaraang hatol, multa o utos ng deportasyon.
penalty-due = hilingin ang pagbura ng rekord
penalty-expungement = Pagbura ng rekord
penalty-expungement-update = I-update
penalty-record = Magtala ng nakaraang parusa
penalty-kind = Uri ng parusa
penalty-country = Bansang nagpataw nito (code, hal. THA)
penalty-date = Petsa, kung alam
penalty-offence = Para saan ito
penalty-consequence = Ang gawain ay bunga ng pagiging na-traffic
penalty-kind-conviction = Hatol ng pagkakasala
penalty-kind-fine = Multa
penalty-kind-deportation_order = Utos ng deportasyon
penalty-kind-entry_ban = Pagbabawal sa pagpasok (entry ban)
expungement-not_requested = hindi pa hinihiling ang pagbura ng rekord
expungement-requested = hiniling na ang pagbura ng rekord
expungement-granted = nabura na ang rekord
expungement-refused = tinanggihan ang pagbura ng rekord

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = Paunawa: hindi dapat parusahan ang taong ipinapalagay na biktima ng trafficking in persons
notice-to = Sa pulisya, sa mga awtoridad sa imigrasyon, sa prosekusyon at sa hangganan, at sa alinmang hukuman:
notice-finding = Noong { $date }, natukoy ng organisasyong ito na may makatwirang batayan (reasonable grounds) upang paniwalaan na ang taong nakapangalan sa ibaba ay biktima ng trafficking in persons, kabilang ang trafficking para sa sapilitang paggawa ng krimen.
notice-issued-by = Inilabas ng
notice-principle = Alinsunod sa prinsipyo ng hindi pagpaparusa (non-punishment principle), hindi dapat idetine, sampahan ng kaso, usigin o parusahan ang taong ito dahil sa mga gawaing pinilit siyang gawin bunga ng pagiging biktima ng trafficking. Umiiral ito lalo na sa:
notice-scope-immigration = mga paglabag sa imigrasyon: iregular na pagpasok o paglabas ng bansa, overstaying, pagtatrabaho nang walang permit, pagiging biktima ng smuggling, kawalan ng dokumento;
notice-scope-status = mga paglabag na may kaugnayan sa kanyang katayuan, at mga paglabag na administratibo at sibil;
notice-scope-crimes = mga krimeng nagawa bunga ng pagiging biktima ng trafficking, kabilang ang online na panloloko (online fraud), romance at investment scam, money laundering at mga kaugnay na kaso ng sabwatan (conspiracy).
notice-not-exhaustive = Hindi kumpleto ang listahang ito. Umiiral ang prinsipyo mula sa pagtukoy ng makatwirang batayan (reasonable grounds), bago pa ang anumang pinal na pasya.
notice-release = Nakadetine ang taong ito. Hinihiling namin ang kanyang agarang paglaya at paglilipat sa ligtas at angkop na pangangalaga.
notice-law = Pambansang batas:
notice-reference = Reperensya
notice-open = Paunawa ng hindi pagpaparusa (maaaring i-print)
notice-pdf = I-download ang paunawa bilang PDF (sa wika ng tao at ng awtoridad)
notice-authority-language = Wika ng awtoridad

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = Ipadala ang abiso sa
notice-send = Ipadala
notice-send-hint = Kailangan ang naitalang pahintulot ng tao para sa layuning ito at sa awtoridad na ito. Ang abiso lamang ang matatanggap ng awtoridad, hindi kailanman ang rekord ng kaso.
consent-purpose-non_punishment_notice = Pagpapadala ng abiso ng non-punishment sa isang awtoridad
inbox-kind-non_punishment_notice = Abiso ng non-punishment
