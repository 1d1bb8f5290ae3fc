# haven user interface, Lao (lo).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = ວຽກງານຄຸ້ມຄອງກໍລະນີ ສຳລັບຜູ້ທີ່ຖືກຄ້າມະນຸດເຂົ້າໄປໃນສູນສໍ້ໂກງອອນລາຍ
skip-to-content = ຂ້າມໄປຫາເນື້ອຫາ
quick-exit = ອອກດ່ວນ
nav-persons = ບຸກຄົນ
nav-new-person = ເພີ່ມບຸກຄົນໃໝ່
nav-logout = ອອກຈາກລະບົບ
nav-signed-in-as = ເຂົ້າລະບົບໃນນາມ { $username }
nav-language = ພາສາ
nav-language-apply = ປ່ຽນ
nav-api-docs = API

login-title = ເຂົ້າສູ່ລະບົບ
login-username = ຊື່ຜູ້ໃຊ້
login-password = ລະຫັດຜ່ານ
login-submit = ເຂົ້າສູ່ລະບົບ
login-failed = ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.
login-locked = ພະຍາຍາມຫຼາຍເທື່ອເກີນໄປ. ບັນຊີນີ້ຖືກຢຸດໄວ້ຊົ່ວຄາວສອງສາມນາທີ.
login-rate-limited = ມີການພະຍາຍາມຈາກອຸປະກອນນີ້ຫຼາຍເທື່ອເກີນໄປ. ກະລຸນາລໍຖ້າໜຶ່ງນາທີ ແລ້ວລອງໃໝ່.

password-title = ຕັ້ງລະຫັດຜ່ານໃໝ່
password-explain = ລະຫັດຜ່ານຂອງທ່ານຖືກຕັ້ງໂດຍຄົນອື່ນ. ກະລຸນາຕັ້ງລະຫັດຜ່ານຂອງທ່ານເອງກ່ອນດຳເນີນການຕໍ່.
password-new = ລະຫັດຜ່ານໃໝ່ (ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ)
password-confirm = ໃສ່ລະຫັດຜ່ານໃໝ່ອີກຄັ້ງ
password-submit = ບັນທຶກລະຫັດຜ່ານ
password-mismatch = ລະຫັດຜ່ານທັງສອງບໍ່ຄືກັນ.

persons-title = ບຸກຄົນ
persons-search-label = ຄົ້ນຫາຕາມຊື່
persons-search-submit = ຄົ້ນຫາ
persons-search-hint = ພິມຊື່ດ້ວຍຕົວອັກສອນໃດກໍໄດ້ ຫຼື ດ້ວຍຕົວອັກສອນລາແຕັງ: "Nguyen" ກໍຈະພົບ "Nguyễn" ນຳ.
persons-empty = ຍັງບໍ່ມີການເພີ່ມບຸກຄົນໃດເທື່ອ.
persons-no-match = ບໍ່ມີໃຜກົງກັບການຄົ້ນຫານີ້.
persons-col-name = ຊື່
persons-col-location = ບ່ອນຢູ່ປັດຈຸບັນ
persons-col-added = ວັນທີເພີ່ມ
persons-next = ໜ້າຕໍ່ໄປ
persons-prev = ໜ້າກ່ອນ

person-new-title = ເພີ່ມບຸກຄົນໃໝ່
person-full-name = ຊື່ເຕັມ ຕາມທີ່ເຈົ້າຕົວຂຽນ
person-full-name-hint = ຊ່ອງດຽວສຳລັບຊື່ທັງໝົດ ດ້ວຍຕົວອັກສອນໃດກໍໄດ້ ແລະ ຕາມລຳດັບຂອງເຈົ້າຕົວເອງ.
person-other-names = ຊື່ອື່ນ ຫຼື ຊື່ແຝງ, ແຖວລະໜຶ່ງຊື່
person-latin-name = ຊື່ເປັນຕົວອັກສອນລາແຕັງ
person-sex = ເພດ ຕາມທີ່ເຈົ້າຕົວອະທິບາຍ
person-dob = ວັນເດືອນປີເກີດ (YYYY-MM-DD)
person-estimated-age = ຫຼື: ອາຍຸໂດຍປະມານ (ປີ)
person-age-uncertain = ອາຍຸຍັງບໍ່ແນ່ນອນ
person-nationalities = ສັນຊາດ: ລະຫັດປະເທດ ເຊັ່ນ MMR, VNM ຂັ້ນດ້ວຍເຄື່ອງໝາຍ (,)
person-languages = ພາສາ: ລະຫັດ ເຊັ່ນ my, vi, th ຂັ້ນດ້ວຍເຄື່ອງໝາຍ (,)
person-contact = ຂໍ້ມູນຕິດຕໍ່
person-location = ບ່ອນທີ່ເຈົ້າຕົວຢູ່ໃນປັດຈຸບັນ
person-notes = ບັນທຶກ
person-save = ບັນທຶກ
person-optional = ບໍ່ບັງຄັບ
person-prefer-not = ທຸກຊ່ອງ ຍົກເວັ້ນຊື່ ສາມາດປະໄວ້ຫວ່າງໄດ້ ເຊັ່ນ ຖ້າເຈົ້າຕົວບໍ່ຢາກບອກ.

location-shelter = ສູນພັກພິງ
location-community = ຢູ່ໃນຊຸມຊົນ
location-immigration_detention = ສະຖານກັກຕົວຂອງກວດຄົນເຂົ້າເມືອງ
location-police_custody = ຢູ່ໃນການຄວບຄຸມຂອງຕຳຫຼວດ
location-hospital = ໂຮງໝໍ
location-in_compound = ຍັງຢູ່ໃນສູນສໍ້ໂກງ
location-unknown = ບໍ່ຮູ້

person-title = ບຸກຄົນ
person-may-be-child = ບຸກຄົນນີ້ອາດເປັນເດັກ. ໃຫ້ປະຕິບັດຕາມຂັ້ນຕອນສຳລັບເດັກ ຈົນກວ່າການປະເມີນອາຍຸຈະລະບຸເປັນຢ່າງອື່ນ.
person-detained = ບຸກຄົນນີ້ກຳລັງຖືກກັກຕົວ.
person-cases = ກໍລະນີ
person-no-cases = ຍັງບໍ່ມີກໍລະນີ.
person-open-case = ເປີດກໍລະນີ
person-erase = ລຶບຂໍ້ມູນຂອງບຸກຄົນນີ້
person-erase-explain = ການລຶບຈະທຳລາຍກະແຈຂອງຂໍ້ມູນນີ້. ບໍ່ສາມາດຍົກເລີກໄດ້ ເຖິງແມ່ນຈາກຂໍ້ມູນສຳຮອງ.
person-erase-confirm = ຂ້ອຍເຂົ້າໃຈວ່າສິ່ງນີ້ບໍ່ສາມາດຍົກເລີກໄດ້
person-erased = ຂໍ້ມູນນີ້ຖືກລຶບແລ້ວ.
person-age = { $years } ປີ
person-age-estimated = ປະມານ { $years } ປີ
person-age-estimated-uncertain = ປະມານ { $years } ປີ (ບໍ່ແນ່ນອນ)
person-not-recorded = ບໍ່ໄດ້ບັນທຶກ
person-created = ວັນທີເພີ່ມ

case-title = ກໍລະນີ
case-status = ສະຖານະ
case-opened = ວັນທີເປີດ
case-closed = ວັນທີປິດ
case-assigned = ຜູ້ຮັບຜິດຊອບ
case-unassigned = ຍັງບໍ່ມີ
case-person = ບຸກຄົນ
case-notes = ບັນທຶກ
case-no-notes = ຍັງບໍ່ມີບັນທຶກ.
case-add-note = ເພີ່ມບັນທຶກ
case-note-save = ບັນທຶກຂໍ້ຄວາມ
case-note-erased = (ຖືກລຶບພ້ອມກັບຂໍ້ມູນຂອງບຸກຄົນນີ້)
case-status-change = ປ່ຽນສະຖານະ
case-status-save = ບັນທຶກສະຖານະ
status-open = ເປີດ
status-active = ກຳລັງດຳເນີນການ
status-suspended = ໂຈະໄວ້ຊົ່ວຄາວ
status-closed = ປິດແລ້ວ

field-full_name = ຊື່ເຕັມ
field-other_names = ຊື່ອື່ນ
field-latin_name = ຊື່ເປັນຕົວອັກສອນລາແຕັງ
field-sex = ເພດ
field-date_of_birth = ວັນເດືອນປີເກີດ
field-estimated_age = ອາຍຸໂດຍປະມານ
field-nationalities = ສັນຊາດ
field-languages = ພາສາ
field-contact = ຂໍ້ມູນຕິດຕໍ່
field-location = ບ່ອນຢູ່ປັດຈຸບັນ
field-notes = ບັນທຶກ
field-body = ບັນທຶກ
field-status = ສະຖານະ
field-closed_on = ວັນທີປິດ
field-password = ລະຫັດຜ່ານ
field-username = ຊື່ຜູ້ໃຊ້

validation-required = ຕ້ອງປ້ອນຂໍ້ມູນຊ່ອງນີ້.
validation-too_long = ຍາວເກີນໄປ.
validation-too_many = ມີລາຍການຫຼາຍເກີນໄປ.
validation-invalid_characters = ມີຕົວອັກສອນທີ່ບໍ່ສາມາດບັນທຶກໄດ້.
validation-invalid_date = ກະລຸນາຂຽນວັນທີເປັນ YYYY-MM-DD.
validation-implausible_date = ວັນທີນີ້ເປັນໄປບໍ່ໄດ້.
validation-implausible_age = ອາຍຸຕ້ອງຢູ່ລະຫວ່າງ 0 ຫາ 120.
validation-invalid_country = ໃຊ້ລະຫັດປະເທດສາມຕົວອັກສອນ ເຊັ່ນ MMR ຫຼື VNM.
validation-invalid_language = ໃຊ້ລະຫັດພາສາ ເຊັ່ນ my, vi ຫຼື zh-Hans.
validation-invalid_location = ກະລຸນາເລືອກສະຖານທີ່ຈາກລາຍການ.
validation-invalid_status = ກະລຸນາເລືອກສະຖານະຈາກລາຍການ.
validation-before_opening = ກໍລະນີບໍ່ສາມາດປິດກ່ອນວັນທີເປີດໄດ້.
validation-too_short = ໃຊ້ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ.
validation-generic = ກະລຸນາກວດສອບຊ່ອງນີ້.

error-title = ເກີດມີບັນຫາ
error-not-found = ບໍ່ມີໜ້ານີ້ ຫຼື ທ່ານບໍ່ມີສິດເບິ່ງໜ້ານີ້.
error-forbidden = ທ່ານບໍ່ມີສິດເຂົ້າເຖິງສ່ວນນີ້.
error-invalid = ກະລຸນາກວດສອບແບບຟອມ.
error-csrf = ແບບຟອມນີ້ໝົດອາຍຸແລ້ວ. ກະລຸນາກັບຄືນ, ໂຫຼດໜ້າໃໝ່ ແລ້ວລອງອີກຄັ້ງ.
error-erased = ຂໍ້ມູນນີ້ຖືກລຶບແລ້ວ.
error-server = ເຊີບເວີບໍ່ສາມາດດຳເນີນການນີ້ໃຫ້ສຳເລັດໄດ້. ບໍ່ມີຂໍ້ມູນໃດຖືກບັນທຶກ.
back = ກັບຄືນ

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = ທົບທວນການເຂົ້າເຖິງ
nav-audit = ບັນທຶກການກວດສອບ
nav-admin = ການບໍລິຫານລະບົບ
nav-inbox = ກ່ອງຮັບເອກະສານ

mfa-title = ຂັ້ນຕອນທີສອງຂອງການເຂົ້າສູ່ລະບົບ
mfa-explain = ໃສ່ລະຫັດ 6 ຕົວເລກຈາກແອັບຢືນຢັນຕົວຕົນຂອງທ່ານ.
mfa-enrol-explain = ບົດບາດຂອງທ່ານຕ້ອງເຂົ້າສູ່ລະບົບດ້ວຍຂັ້ນຕອນທີສອງ. ເພີ່ມກະແຈນີ້ໃສ່ແອັບຢືນຢັນຕົວຕົນໃນໂທລະສັບຂອງທ່ານ ແລ້ວໃສ່ລະຫັດທີ່ແອັບສະແດງ.
mfa-secret = ກະແຈສຳລັບແອັບຢືນຢັນຕົວຕົນ
mfa-open-app = ເປີດໃນແອັບຢືນຢັນຕົວຕົນໃນອຸປະກອນນີ້
mfa-code = ລະຫັດ 6 ຕົວເລກ
mfa-submit = ດຳເນີນການຕໍ່
mfa-wrong = ລະຫັດນັ້ນໃຊ້ບໍ່ໄດ້. ກະລຸນາກວດເບິ່ງເວລາໃນໂທລະສັບຂອງທ່ານ ແລ້ວລອງລະຫັດຖັດໄປ.

review-title = ທົບທວນການເຂົ້າເຖິງ
review-explain = ການເຂົ້າເຖິງສຸກເສີນ ແລະ ການເປີດເຜີຍຂໍ້ມູນໂດຍບໍ່ໄດ້ຮັບຄວາມຍິນຍອມ ຈະລໍຖ້າຢູ່ບ່ອນນີ້ ຈົນກວ່າຫົວໜ້າງານຈະໄດ້ກວດເບິ່ງ.
review-empty = ບໍ່ມີຫຍັງລໍຖ້າການທົບທວນ.
review-col-kind = ປະເພດ
review-col-user = ຜູ້ດຳເນີນການ
review-col-reason = ເຫດຜົນທີ່ໃຫ້ໄວ້
review-col-when = ເວລາ
review-open-record = ເປີດເບິ່ງຂໍ້ມູນ
review-mark = ໝາຍວ່າທົບທວນແລ້ວ
review-kind-break_glass = ການເຂົ້າເຖິງສຸກເສີນ
review-kind-consent_override = ການເປີດເຜີຍຂໍ້ມູນໂດຍບໍ່ໄດ້ຮັບຄວາມຍິນຍອມ

audit-title = ບັນທຶກການກວດສອບ
audit-explain = ໃຜເຮັດຫຍັງ, ເມື່ອໃດ ແລະ ເປັນຫຍັງ. ບັນທຶກນີ້ເກັບສະເພາະລະຫັດອ້າງອີງເທົ່ານັ້ນ, ບໍ່ເຄີຍເກັບຊື່ ຫຼື ເນື້ອຫາຂອງກໍລະນີ.
audit-filter-actor = ລະຫັດຜູ້ໃຊ້
audit-filter-record = ລະຫັດຂໍ້ມູນ
audit-filter-action = ການດຳເນີນການ
audit-filter-apply = ກັ່ນຕອງ
audit-empty = ບໍ່ມີເຫດການທີ່ກົງກັນ.
audit-col-when = ເວລາ
audit-col-who = ຜູ້ດຳເນີນການ
audit-col-what = ການດຳເນີນການ
audit-col-record = ຂໍ້ມູນ
audit-col-why = ເຫດຜົນ
audit-col-outcome = ຜົນໄດ້ຮັບ

inbox-title = ກ່ອງຮັບເອກະສານ
inbox-explain = ບ່ອນນີ້ຈະສະແດງສະເພາະເອກະສານທີ່ເຈົ້າຕົວໄດ້ຍິນຍອມໃຫ້ສົ່ງມາຫາອົງການຂອງທ່ານເທົ່ານັ້ນ. ອົງການຂອງທ່ານບໍ່ສາມາດເບິ່ງຂໍ້ມູນກໍລະນີໄດ້.
inbox-empty = ຍັງບໍ່ມີເອກະສານໃດຖືກສົ່ງມາຫາອົງການຂອງທ່ານ.

admin-title = ການບໍລິຫານລະບົບ
admin-one-time-password = ລະຫັດຜ່ານໃຊ້ຄັ້ງດຽວ (ສະແດງສະເພາະຕອນນີ້ເທົ່ານັ້ນ):
admin-orgs = ອົງການ
admin-org-name = ຊື່
admin-org-kind = ປະເພດ
admin-org-country = ປະເທດ (ລະຫັດ ISO, ເຊັ່ນ THA)
admin-org-see-all = ພະນັກງານຄຸ້ມຄອງກໍລະນີເຫັນທຸກກໍລະນີ
admin-org-see-all-short = ພະນັກງານຄຸ້ມຄອງກໍລະນີທຸກຄົນເຫັນທຸກກໍລະນີ (ສະເພາະຊື່ ແລະ ຂໍ້ມູນຕິດຕໍ່)
admin-save = ບັນທຶກ
admin-org-new = ອົງການໃໝ່
admin-create = ສ້າງ
admin-users = ຜູ້ໃຊ້
admin-user-role = ບົດບາດ
admin-user-org = ອົງການ
admin-user-mfa = ຕັ້ງຄ່າຂັ້ນຕອນທີສອງແລ້ວ
admin-user-new = ຜູ້ໃຊ້ໃໝ່
admin-yes = ແມ່ນ
admin-no = ບໍ່
admin-user-created = ສ້າງຜູ້ໃຊ້ { $username } ແລ້ວ.

consent-title = ຄວາມຍິນຍອມໃນການແບ່ງປັນຂໍ້ມູນ
consent-none = ຍັງບໍ່ມີການບັນທຶກຄວາມຍິນຍອມ. ຫ້າມແບ່ງປັນຂໍ້ມູນໃດໆອອກໄປນອກອົງການນີ້.
consent-purpose = ຈຸດປະສົງ
consent-recipient = ອົງການຜູ້ຮັບ
consent-categories = ຂໍ້ມູນທີ່ກວມເອົາ
consent-expires = ໃຊ້ໄດ້ຮອດ
consent-status = ສະຖານະ
consent-withdraw = ຖອນຄວາມຍິນຍອມ
consent-record = ບັນທຶກຄວາມຍິນຍອມໃໝ່
consent-language = ພາສາທີ່ໃຊ້ອະທິບາຍເລື່ອງຄວາມຍິນຍອມ (ລະຫັດ, ເຊັ່ນ my)
consent-interpreter = ລ່າມ, ຖ້າມີຄົນຊ່ວຍແປ
consent-explain-hint = ບັນທຶກຄວາມຍິນຍອມ ຫຼັງຈາກໄດ້ອະທິບາຍເປັນພາສາຂອງເຈົ້າຕົວແລ້ວເທົ່ານັ້ນ ວ່າຈະແບ່ງປັນຂໍ້ມູນຫຍັງ, ໃຫ້ໃຜ ແລະ ເປັນຫຍັງ, ແລະ ເຈົ້າຕົວສາມາດປະຕິເສດ ຫຼື ຖອນຄວາມຍິນຍອມໄດ້ທຸກເວລາ.
consent-save = ບັນທຶກຄວາມຍິນຍອມ
consent-withdrawn = ຖອນແລ້ວ
consent-in-force = ມີຜົນບັງຄັບໃຊ້
consent-expired = ໝົດອາຍຸແລ້ວ
consent-purpose-referral = ການສົ່ງຕໍ່ໄປຫາບໍລິການ
consent-purpose-cross_border_transfer = ການສົ່ງຕໍ່ໄປຍັງປະເທດອື່ນ
consent-purpose-consular_contact = ການຕິດຕໍ່ກັບສະຖານກົງສຸນ
consent-purpose-prosecution_disclosure = ການເປີດເຜີຍຂໍ້ມູນໃຫ້ໄອຍະການ
consent-purpose-tracing = ການຕິດຕາມຊອກຫາຄອບຄົວ
consent-purpose-research = ການຄົ້ນຄວ້າ ແລະ ສະຖິຕິ

category-identity = ຂໍ້ມູນລະບຸຕົວຕົນ
category-contact_location = ຂໍ້ມູນຕິດຕໍ່ ແລະ ສະຖານທີ່
category-narrative = ຄຳບອກເລົ່າເຫດການ
category-health = ສຸຂະພາບ
category-immigration_status = ສະຖານະການເຂົ້າເມືອງ
category-forced_acts = ການກະທຳທີ່ເຈົ້າຕົວຖືກບັງຄັບໃຫ້ເຮັດ

access-log-title = ໃຜໄດ້ເຂົ້າເຖິງຂໍ້ມູນນີ້ ແລະ ເປັນຫຍັງ

break-glass-title = ການເຂົ້າເຖິງສຸກເສີນ
break-glass-explain = ຖ້າມີຄົນຕົກຢູ່ໃນອັນຕະລາຍ ແລະ ທ່ານຕ້ອງການຂໍ້ມູນນີ້ດຽວນີ້, ທ່ານສາມາດເປີດເບິ່ງໄດ້ເປັນເວລາໜຶ່ງຊົ່ວໂມງ. ເຫດຜົນຂອງທ່ານຈະຖືກບັນທຶກໄວ້ ແລະ ຫົວໜ້າງານຈະທົບທວນ.
break-glass-reason = ເປັນຫຍັງທ່ານຈຶ່ງຕ້ອງການເຂົ້າເຖິງດຽວນີ້
break-glass-submit = ເປີດເບິ່ງໜຶ່ງຊົ່ວໂມງ

person-withheld = ບໍ່ສະແດງໃຫ້ທ່ານເຫັນ:
person-withheld-field = ບໍ່ສະແດງໃຫ້ທ່ານເຫັນ

role-caseworker = ພະນັກງານຄຸ້ມຄອງກໍລະນີ
role-supervisor = ຫົວໜ້າງານ
role-decision_maker = ຜູ້ມີອຳນາດຕັດສິນໃຈ
role-org_admin = ຜູ້ບໍລິຫານລະບົບຂອງອົງການ
role-system_admin = ຜູ້ບໍລິຫານລະບົບ
role-auditor = ຜູ້ກວດສອບ

org-kind-ngo_assistance = ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດ (ໃຫ້ການຊ່ວຍເຫຼືອ)
org-kind-shelter = ສູນພັກພິງ
org-kind-health = ບໍລິການສຸຂະພາບ
org-kind-legal_aid = ການຊ່ວຍເຫຼືອທາງກົດໝາຍ
org-kind-labour_inspection = ການກວດກາແຮງງານ
org-kind-nrm_coordinator = ຜູ້ປະສານງານການສົ່ງຕໍ່ລະດັບຊາດ
org-kind-consular = ສະຖານກົງສຸນ
org-kind-police = ຕຳຫຼວດ
org-kind-prosecution = ໄອຍະການ
org-kind-immigration = ກວດຄົນເຂົ້າເມືອງ
org-kind-border = ເຈົ້າໜ້າທີ່ຊາຍແດນ

field-reason = ເຫດຜົນ
field-expires_on = ໃຊ້ໄດ້ຮອດ
field-categories = ຂໍ້ມູນທີ່ກວມເອົາ
field-recipient = ຜູ້ຮັບ
field-purpose = ຈຸດປະສົງ
field-kind = ປະເພດ
field-role = ບົດບາດ
field-interpreter = ລ່າມ

validation-invalid_category = ກະລຸນາເລືອກຈາກປະເພດຂໍ້ມູນທີ່ມີໃນລາຍການ.
validation-in_the_past = ວັນທີນີ້ຜ່ານໄປແລ້ວ.
validation-invalid_consent_purpose = ກະລຸນາເລືອກຈຸດປະສົງຈາກລາຍການ.
validation-unknown_org = ກະລຸນາເລືອກອົງການຈາກລາຍການ.
validation-invalid_org_kind = ກະລຸນາເລືອກປະເພດຈາກລາຍການ.
validation-invalid_role = ກະລຸນາເລືອກບົດບາດຈາກລາຍການ.
validation-invalid_username = ໃຊ້ຕົວອັກສອນ, ຕົວເລກ, ຈຸດ (.), ຂີດ (-) ຫຼື ຂີດກ້ອງ (_).

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = ການກວດຄັດກອງ
screening-section = ການກວດຄັດກອງ
screening-none = ຍັງບໍ່ມີການກວດຄັດກອງ.
screening-start = ເລີ່ມການກວດຄັດກອງ
screening-instrument = ແບບສອບຖາມ
screening-survivor-language = ພາສາທີ່ໃຊ້ໃນການສຳພາດ
screening-interpreter = ລ່າມ, ຖ້າມີຄົນຊ່ວຍແປ
screening-begin = ເລີ່ມ
screening-progress = ຄຳຖາມທີ { $n } ຈາກ { $total }
screening-answer = ຄຳຕອບ
screening-yes = ແມ່ນ
screening-no = ບໍ່
screening-prefer-not = ບໍ່ຢາກບອກ
screening-dont-know = ບໍ່ຮູ້
screening-skip-hint = ບໍ່ມີຄຳຖາມໃດທີ່ບັງຄັບໃຫ້ຕອບ. ປະໄວ້ກ່ອນໄດ້ ແລ້ວຄ່ອຍກັບມາຕອບພາຍຫຼັງ.
screening-save-next = ບັນທຶກ ແລະ ສືບຕໍ່
screening-back = ຄຳຖາມກ່ອນໜ້າ
screening-pause = ພັກໄວ້ກ່ອນ ແລ້ວກັບມາສືບຕໍ່ພາຍຫຼັງ
screening-overview = ຄຳຕອບທີ່ໄດ້ມາຮອດຕອນນີ້
screening-answered = ຕອບແລ້ວ { $n } ຂໍ້
screening-continue = ສືບຕໍ່ການສຳພາດ
screening-complete = ສຳເລັດ ແລະ ເບິ່ງຜົນ
screening-completed = ສຳເລັດແລ້ວ
screening-in-progress = ກຳລັງດຳເນີນການ
screening-started = ວັນທີເລີ່ມ
screening-result = ຜົນໄດ້ຮັບ
screening-explanation = ເຫດຜົນ
screening-element-met = ມີຂໍ້ບົ່ງຊີ້
screening-element-not-met = ຍັງບໍ່ມີຂໍ້ບົ່ງຊີ້
screening-needs = ການສົ່ງຕໍ່ທີ່ຄວນສະເໜີໃຫ້ຕອນນີ້
screening-instrument-version = ສະບັບຂອງແບບສອບຖາມ
screening-revisit = ຄຳຖາມທີ່ຈະກັບມາຖາມອີກ ເມື່ອເຈົ້າຕົວພ້ອມ
outcome-reasonable_grounds = ມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອ: ສັນນິຖານວ່າບຸກຄົນນີ້ຖືກຄ້າມະນຸດ. ການປົກປ້ອງ ແລະ ຫຼັກການບໍ່ລົງໂທດ ມີຜົນນຳໃຊ້ນັບແຕ່ນີ້ໄປ.
outcome-vulnerable_migrant = ຜູ້ຍ້າຍຖິ່ນທີ່ຢູ່ໃນສະພາບທີ່ອ່ອນແອ. ຍັງບໍ່ທັນໄດ້ຂໍ້ສະຫຼຸບວ່າມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອວ່າຖືກຄ້າມະນຸດ, ແລະ ບໍ່ມີຫຍັງຢູ່ທີ່ນີ້ຕັດຄວາມເປັນໄປໄດ້ນັ້ນອອກ. ໃຫ້ສົ່ງຕໍ່ໄປຫາບໍລິການຂ້າງລຸ່ມນີ້ໃນຕອນນີ້, ແລະ ນັດລົມກັນອີກຄັ້ງພາຍຫຼັງ.
vulnerabilities-heading = ສະພາບທີ່ອ່ອນແອ
vulnerability-irregular_status = ສະຖານະການເຂົ້າເມືອງບໍ່ຖືກຕ້ອງ ຫຼື ບໍ່ມີເອກະສານ
vulnerability-stranded = ຕິດຄ້າງ
vulnerability-destitute = ຂາດເຂີນ: ບໍ່ມີບ່ອນພັກທີ່ປອດໄພ ຫຼື ບໍ່ມີເງິນຊື້ອາຫານ
vulnerability-injured = ບາດເຈັບ ຫຼື ເຈັບປ່ວຍ
vulnerability-witness_to_abuse = ໄດ້ເຫັນຄົນອື່ນຖືກທຳຮ້າຍ
vulnerability-debt_bondage_risk = ໜີ້ທີ່ມີຄົນໃຊ້ເພື່ອບີບບັງຄັບ
vulnerability-fear_of_return = ຢ້ານກັບບ້ານ
outcome-not_yet_determined = ຍັງບໍ່ທັນໄດ້ຂໍ້ສະຫຼຸບ. ເຈົ້າຕົວອາດຍັງບໍ່ພ້ອມທີ່ຈະເລົ່າຕື່ມ. ໃຫ້ສະເໜີໄລຍະເວລາຟື້ນຟູ ແລະ ໄຕ່ຕອງ, ແລະ ນັດລົມກັນອີກຄັ້ງພາຍຫຼັງ.
element-act = ການຈັດຫາ, ການຂົນສົ່ງ ຫຼື ການກັກຂັງໄວ້ (ການກະທຳ)
element-means = ການຫຼອກລວງ, ການໃຊ້ກຳລັງ ຫຼື ການຄວບຄຸມ (ວິທີການ)
element-purpose = ການຂູດຮີດ, ລວມທັງການບັງຄັບໃຫ້ເຮັດວຽກທີ່ຜິດກົດໝາຍ (ຈຸດປະສົງ)
element-deceptive_recruitment = ການຈັດຫາໂດຍການຫຼອກລວງ
element-coercive_recruitment = ການຈັດຫາໂດຍການບັງຄັບ
element-recruitment_abuse_of_vulnerability = ການຈັດຫາໂດຍສວຍໃຊ້ສະພາບທີ່ອ່ອນແອ
element-exploitative_conditions = ສະພາບການເຮັດວຽກທີ່ເປັນການຂູດຮີດ
element-coercion_at_destination = ການບັງຄັບຢູ່ບ່ອນປາຍທາງ
element-abuse_of_vulnerability_at_destination = ການສວຍໃຊ້ສະພາບທີ່ອ່ອນແອຢູ່ບ່ອນປາຍທາງ
need-legal_aid = ການຊ່ວຍເຫຼືອທາງກົດໝາຍ
need-medical = ການປິ່ນປົວທາງການແພດ
need-psychological = ການຊ່ວຍເຫຼືອດ້ານຈິດໃຈ
need-shelter = ສູນພັກພິງທີ່ປອດໄພ
need-return_risk_assessment = ການປະເມີນຄວາມສ່ຽງກ່ອນການເດີນທາງກັບຄືນທຸກຄັ້ງ
need-consular = ການຊ່ວຍເຫຼືອຈາກສະຖານກົງສຸນ (ເອກະສານເດີນທາງ)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = ເວັບໄຊຫາວຽກ
option-friend_or_relative = ໝູ່ເພື່ອນ ຫຼື ຍາດພີ່ນ້ອງ
option-other = ອື່ນໆ
option-beatings = ຖືກທຸບຕີ
option-electric_shocks = ຖືກຊັອດໄຟຟ້າ
option-solitary_confinement = ຖືກຂັງໄວ້ຄົນດຽວ
option-sexual_violence = ຄວາມຮຸນແຮງທາງເພດ
option-threats = ຖືກນາບຂູ່
option-witnessed_violence = ເຫັນຄົນອື່ນຖືກທຳຮ້າຍ
option-none_of_these = ບໍ່ມີຂໍ້ໃດເລີຍ
option-MMR = ມຽນມາ
option-KHM = ກຳປູເຈຍ
option-LAO = ລາວ
option-PHL = ຟີລິບປິນ
option-THA = ໄທ
option-dont_know = ບໍ່ຮູ້

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = ຫຼັກການບໍ່ລົງໂທດ ມີຜົນນຳໃຊ້ນັບແຕ່ນີ້ໄປ: ຫ້າມດຳເນີນຄະດີ, ລົງໂທດ ຫຼື ກັກຕົວບຸກຄົນນີ້ ຍ້ອນການກະທຳທີ່ເຈົ້າຕົວຖືກບັງຄັບໃຫ້ເຮັດ, ລວມທັງການລະເມີດກົດໝາຍກ່ຽວກັບການເຂົ້າເມືອງ.
np-urgent-release = ດ່ວນ: ບຸກຄົນນີ້ກຳລັງຖືກກັກຕົວ. ສິ່ງທຳອິດທີ່ຕ້ອງເຮັດ ແມ່ນຮ້ອງຂໍໃຫ້ປ່ອຍຕົວ.
jur-title = ກົດໝາຍທີ່ນຳໃຊ້
jur-fc-recognised = ກົດໝາຍແຫ່ງຊາດຖືວ່າການບັງຄັບໃຫ້ກະທຳຜິດ ເປັນການຂູດຮີດ.
jur-fc-not-recognised = ກົດໝາຍແຫ່ງຊາດບໍ່ໄດ້ລະບຸວ່າການບັງຄັບໃຫ້ກະທຳຜິດ ເປັນການຂູດຮີດ. ໃຫ້ໃຊ້ບົດບັນຍັດຂ້າງລຸ່ມນີ້ແທນ.
jur-alternatives = ບົດບັນຍັດທີ່ສາມາດອີງໃສ່ໄດ້
jur-np-scope = ຫຼັກການບໍ່ລົງໂທດໃນກົດໝາຍແຫ່ງຊາດ
jur-deadlines = ເປົ້າໝາຍໃນການພິຈາລະນາວ່າມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອ: { $days } ວັນລັດຖະການ. ໄລຍະເວລາຟື້ນຟູ ແລະ ໄຕ່ຕອງ: { $reflection } ວັນ.
jur-decides = ຜູ້ຕັດສິນຂັ້ນສຸດທ້າຍ

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = ມີອີກ { $count } ກໍລະນີທີ່ກ່າວເຖິງສະຖານທີ່ ຜູ້ຈັດຫາງານ ຫຼື ໂຄສະນາດຽວກັນ.

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = ການຕັດສິນໃຈຂັ້ນສຸດທ້າຍ
decision-none = ຍັງບໍ່ມີການຕັດສິນໃຈຂັ້ນສຸດທ້າຍ. ການຕັດສິນໃຈນີ້ ເຮັດໂດຍຜູ້ມີອຳນາດຕັດສິນໃຈທີ່ໄດ້ຮັບມອບໝາຍ, ພ້ອມເຫດຜົນເປັນລາຍລັກອັກສອນ, ຫຼັງຈາກໄລຍະເວລາຟື້ນຟູ ແລະ ໄຕ່ຕອງ.
decision-record = ບັນທຶກການຕັດສິນໃຈຂັ້ນສຸດທ້າຍ
decision-hint = ໄລຍະເວລາຟື້ນຟູ ແລະ ໄຕ່ຕອງ ແມ່ນ { $days } ວັນ ນັບແຕ່ການກວດຄັດກອງສຳເລັດ. ລະບົບຈະບໍ່ຮັບການຕັດສິນໃຈກ່ອນກຳນົດນີ້.
decision-conclusion = ການຕັດສິນໃຈ
decision-confirmed = ໄດ້ຮັບການລະບຸວ່າເປັນຜູ້ຖືກເຄາະຮ້າຍຈາກການຄ້າມະນຸດ
decision-not-confirmed = ຍັງບໍ່ທັນຢັ້ງຢືນໄດ້ ຕາມຂໍ້ມູນທີ່ຮູ້ໃນຕອນນີ້ (ສາມາດພິຈາລະນາຄືນໄດ້; ການສົ່ງຕໍ່ຍັງສືບຕໍ່)
decision-reasons = ເຫດຜົນເປັນລາຍລັກອັກສອນ
decision-sign = ລົງລາຍເຊັນໃນການຕັດສິນໃຈ
validation-reasons_required = ກະລຸນາຂຽນເຫດຜົນຂອງການຕັດສິນໃຈ (ຢ່າງໜ້ອຍ 20 ຕົວອັກສອນ).
validation-invalid_conclusion = ກະລຸນາເລືອກການຕັດສິນໃຈໜຶ່ງໃນສອງແບບ.

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = ວຽກ
tasks-title = ວຽກ
tasks-none = ຕອນນີ້ບໍ່ມີວຽກທີ່ຕ້ອງເຮັດ.
tasks-child = ເດັກ
tasks-overdue = ເກີນກຳນົດ
task-request_release = ດ່ວນ: ຮ້ອງຂໍໃຫ້ປ່ອຍຕົວຈາກການກັກຕົວ
task-child_in_detention = ດ່ວນ: ມີເດັກກຳລັງຖືກກັກຕົວ
task-reasonable_grounds_due = ຮອດກຳນົດພິຈາລະນາວ່າມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອ
task-recovery_period_ends = ໄລຍະເວລາຟື້ນຟູ ແລະ ໄຕ່ຕອງ ສິ້ນສຸດລົງ
task-rescreen = ສະເໜີການກວດຄັດກອງອີກຄັ້ງ

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = ໂທດໃນອະດີດທີ່ຄວນລຶບລ້າງ
penalty-none = ບໍ່ມີການບັນທຶກຄຳຕັດສິນລົງໂທດ, ຄ່າປັບໄໝ ຫຼື ຄຳສັ່ງເນລະເທດໃນອະດີດ.
penalty-due = ຮ້ອງຂໍໃຫ້ລຶບລ້າງປະຫວັດ
penalty-expungement = ການລຶບລ້າງປະຫວັດ
penalty-expungement-update = ອັບເດດ
penalty-record = ບັນທຶກໂທດໃນອະດີດ
penalty-kind = ປະເພດຂອງໂທດ
penalty-country = ປະເທດທີ່ໃຫ້ໂທດ (ລະຫັດ, ເຊັ່ນ THA)
penalty-date = ວັນທີ, ຖ້າຮູ້
penalty-offence = ຖືກລົງໂທດຍ້ອນຫຍັງ
penalty-consequence = ການກະທຳນັ້ນເປັນຜົນມາຈາກການຖືກຄ້າມະນຸດ
penalty-kind-conviction = ຄຳຕັດສິນລົງໂທດ
penalty-kind-fine = ຄ່າປັບໄໝ
penalty-kind-deportation_order = ຄຳສັ່ງເນລະເທດ
penalty-kind-entry_ban = ຄຳສັ່ງຫ້າມເຂົ້າປະເທດ
expungement-not_requested = ຍັງບໍ່ໄດ້ຮ້ອງຂໍລຶບລ້າງປະຫວັດ
expungement-requested = ຮ້ອງຂໍລຶບລ້າງປະຫວັດແລ້ວ
expungement-granted = ລຶບລ້າງປະຫວັດແລ້ວ
expungement-refused = ຄຳຮ້ອງຂໍລຶບລ້າງປະຫວັດຖືກປະຕິເສດ

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = ແຈ້ງການ: ຫ້າມລົງໂທດບຸກຄົນທີ່ສັນນິຖານວ່າເປັນຜູ້ຖືກເຄາະຮ້າຍຈາກການຄ້າມະນຸດ
notice-to = ຮຽນ: ເຈົ້າໜ້າທີ່ຕຳຫຼວດ, ເຈົ້າໜ້າທີ່ກວດຄົນເຂົ້າເມືອງ, ອົງການໄອຍະການ, ເຈົ້າໜ້າທີ່ປ້ອງກັນຊາຍແດນ ແລະ ສານທຸກແຫ່ງ:
notice-finding = ໃນວັນທີ { $date } ອົງການນີ້ໄດ້ພິຈາລະນາເຫັນວ່າ ມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອວ່າ ບຸກຄົນທີ່ມີຊື່ຂ້າງລຸ່ມນີ້ ແມ່ນຜູ້ຖືກເຄາະຮ້າຍຈາກການຄ້າມະນຸດ, ລວມທັງການຄ້າມະນຸດເພື່ອບັງຄັບໃຫ້ກະທຳຜິດທາງອາຍາ.
notice-issued-by = ອອກໂດຍ
notice-principle = ຕາມຫຼັກການບໍ່ລົງໂທດ, ຫ້າມກັກຕົວ, ກ່າວຫາ, ດຳເນີນຄະດີ ຫຼື ລົງໂທດບຸກຄົນນີ້ ສຳລັບການກະທຳທີ່ເຈົ້າຕົວຖືກບັງຄັບໃຫ້ເຮັດ ອັນເປັນຜົນມາຈາກການຖືກຄ້າມະນຸດ. ຫຼັກການນີ້ນຳໃຊ້ໂດຍສະເພາະກັບ:
notice-scope-immigration = ການລະເມີດກ່ຽວກັບການເຂົ້າເມືອງ: ການເຂົ້າ ຫຼື ອອກເມືອງໂດຍບໍ່ຖືກຕ້ອງຕາມກົດໝາຍ, ການຢູ່ກາຍກຳນົດ, ການເຮັດວຽກໂດຍບໍ່ມີໃບອະນຸຍາດ, ການຖືກລັກລອບນຳເຂົ້າເມືອງ, ການບໍ່ມີເອກະສານ;
notice-scope-status = ການກະທຳຜິດທີ່ກ່ຽວຂ້ອງກັບສະຖານະຂອງເຈົ້າຕົວ, ລວມທັງການລະເມີດທາງບໍລິຫານ ແລະ ທາງແພ່ງ;
notice-scope-crimes = ການກະທຳຜິດທາງອາຍາທີ່ເກີດຂຶ້ນອັນເປັນຜົນມາຈາກການຖືກຄ້າມະນຸດ, ລວມທັງການສໍ້ໂກງທາງອອນລາຍ, ການຫຼອກລວງທາງຄວາມຮັກ ແລະ ການຫຼອກລວງໃຫ້ລົງທຶນ, ການຟອກເງິນ ແລະ ຂໍ້ກ່າວຫາສົມຮູ້ຮ່ວມຄິດທີ່ກ່ຽວຂ້ອງ.
notice-not-exhaustive = ລາຍການນີ້ບໍ່ແມ່ນລາຍການທັງໝົດ. ຫຼັກການນີ້ມີຜົນນຳໃຊ້ນັບແຕ່ມີການພິຈາລະນາວ່າມີເຫດຜົນອັນສົມຄວນໃຫ້ເຊື່ອ, ກ່ອນການຕັດສິນໃຈຂັ້ນສຸດທ້າຍໃດໆ.
notice-release = ບຸກຄົນນີ້ກຳລັງຖືກກັກຕົວ. ພວກເຮົາຂໍໃຫ້ປ່ອຍຕົວເຈົ້າຕົວໂດຍທັນທີ ແລະ ມອບໃຫ້ຢູ່ໃນຄວາມເບິ່ງແຍງທີ່ປອດໄພ ແລະ ເໝາະສົມ.
notice-law = ກົດໝາຍແຫ່ງຊາດ:
notice-reference = ເລກອ້າງອີງ
notice-open = ແຈ້ງການຕາມຫຼັກການບໍ່ລົງໂທດ (ສຳລັບພິມ)
notice-pdf = ດາວໂຫຼດແຈ້ງການເປັນ PDF (ພາສາຂອງບຸກຄົນນັ້ນ ແລະ ພາສາຂອງເຈົ້າໜ້າທີ່)
notice-authority-language = ພາສາຂອງເຈົ້າໜ້າທີ່ຜູ້ຮັບ

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = ສົ່ງໜັງສືແຈ້ງໄປຫາ
notice-send = ສົ່ງ
notice-send-hint = ການສົ່ງຕ້ອງມີການຍິນຍອມທີ່ບັນທຶກໄວ້ຂອງບຸກຄົນນັ້ນສຳລັບຈຸດປະສົງນີ້ ແລະ ອົງການນີ້. ອົງການຈະໄດ້ຮັບພຽງແຕ່ໜັງສືແຈ້ງ ບໍ່ເຄີຍໄດ້ຮັບຂໍ້ມູນກໍລະນີ.
consent-purpose-non_punishment_notice = ການສົ່ງໜັງສືແຈ້ງກ່ຽວກັບການບໍ່ລົງໂທດໄປຫາອົງການ
inbox-kind-non_punishment_notice = ໜັງສືແຈ້ງກ່ຽວກັບການບໍ່ລົງໂທດ
