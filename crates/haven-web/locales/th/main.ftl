# haven user interface, Thai (th).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = งานดูแลรายกรณีสำหรับผู้ที่ถูกค้ามนุษย์เข้าไปในแหล่งหลอกลวงออนไลน์
skip-to-content = ข้ามไปยังเนื้อหา
quick-exit = ออกด่วน
nav-persons = บุคคล
nav-new-person = เพิ่มบุคคลใหม่
nav-logout = ออกจากระบบ
nav-signed-in-as = เข้าสู่ระบบในชื่อ { $username }
nav-language = ภาษา
nav-language-apply = เปลี่ยน
nav-api-docs = API

login-title = เข้าสู่ระบบ
login-username = ชื่อผู้ใช้
login-password = รหัสผ่าน
login-submit = เข้าสู่ระบบ
login-failed = ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง
login-locked = พยายามหลายครั้งเกินไป บัญชีนี้ถูกพักการใช้งานไว้สักครู่
login-rate-limited = มีการพยายามจากอุปกรณ์นี้หลายครั้งเกินไป กรุณารอหนึ่งนาทีแล้วลองอีกครั้ง

password-title = ตั้งรหัสผ่านใหม่
password-explain = รหัสผ่านของคุณถูกตั้งโดยผู้อื่น กรุณาตั้งรหัสผ่านของคุณเองก่อนดำเนินการต่อ
password-new = รหัสผ่านใหม่ (อย่างน้อย 12 ตัวอักษร)
password-confirm = ใส่รหัสผ่านใหม่อีกครั้ง
password-submit = บันทึกรหัสผ่าน
password-mismatch = รหัสผ่านทั้งสองช่องไม่ตรงกัน

persons-title = บุคคล
persons-search-label = ค้นหาตามชื่อ
persons-search-submit = ค้นหา
persons-search-hint = พิมพ์ชื่อด้วยอักษรใดก็ได้ หรือด้วยอักษรละติน: "Nguyen" จะพบ "Nguyễn" ด้วย
persons-empty = ยังไม่มีการเพิ่มบุคคลใด
persons-no-match = ไม่พบบุคคลที่ตรงกับการค้นหานี้
persons-col-name = ชื่อ
persons-col-location = อยู่ที่ไหนตอนนี้
persons-col-added = วันที่เพิ่ม
persons-next = หน้าถัดไป
persons-prev = หน้าก่อนหน้า

person-new-title = เพิ่มบุคคลใหม่
person-full-name = ชื่อเต็ม ตามที่เจ้าตัวเขียน
person-full-name-hint = ช่องเดียวสำหรับชื่อทั้งหมด ใช้อักษรใดก็ได้ และเรียงลำดับตามแบบของเจ้าตัว
person-other-names = ชื่ออื่นหรือชื่อเล่น บรรทัดละหนึ่งชื่อ
person-latin-name = ชื่อเป็นอักษรละติน
person-sex = เพศ ตามที่เจ้าตัวระบุ
person-dob = วันเกิด (YYYY-MM-DD)
person-estimated-age = หรือ: อายุโดยประมาณ (ปี)
person-age-uncertain = อายุยังไม่แน่นอน
person-nationalities = สัญชาติ: รหัสประเทศ เช่น MMR, VNM คั่นด้วยเครื่องหมายจุลภาค
person-languages = ภาษา: รหัส เช่น my, vi, th คั่นด้วยเครื่องหมายจุลภาค
person-contact = ช่องทางติดต่อ
person-location = ตอนนี้เจ้าตัวอยู่ที่ไหน
person-notes = บันทึก
person-save = บันทึก
person-optional = ไม่บังคับ
person-prefer-not = ทุกช่องยกเว้นชื่อเว้นว่างไว้ได้ เช่น หากเจ้าตัวไม่ต้องการบอก

location-shelter = บ้านพักพิง
location-community = อยู่ในชุมชน
location-immigration_detention = ห้องกักของสำนักงานตรวจคนเข้าเมือง
location-police_custody = อยู่ในความควบคุมของตำรวจ
location-hospital = โรงพยาบาล
location-in_compound = ยังอยู่ในแหล่งหลอกลวง
location-unknown = ไม่ทราบ

person-title = บุคคล
person-may-be-child = บุคคลนี้อาจเป็นเด็ก ให้ปฏิบัติตามขั้นตอนสำหรับเด็กจนกว่าผลการประเมินอายุจะระบุเป็นอย่างอื่น
person-detained = บุคคลนี้อยู่ระหว่างถูกควบคุมตัว
person-cases = กรณี
person-no-cases = ยังไม่มีกรณี
person-open-case = เปิดกรณี
person-erase = ลบข้อมูลของบุคคลนี้
person-erase-explain = การลบจะทำลายกุญแจของข้อมูลนี้ ไม่สามารถย้อนกลับได้ แม้แต่จากข้อมูลสำรอง
person-erase-confirm = ฉันเข้าใจว่าการลบนี้ย้อนกลับไม่ได้
person-erased = ข้อมูลนี้ถูกลบแล้ว
person-age = { $years } ปี
person-age-estimated = ประมาณ { $years } ปี
person-age-estimated-uncertain = ประมาณ { $years } ปี (ไม่แน่นอน)
person-not-recorded = ไม่ได้บันทึกไว้
person-created = วันที่เพิ่ม

case-title = กรณี
case-status = สถานะ
case-opened = วันที่เปิด
case-closed = วันที่ปิด
case-assigned = ผู้รับผิดชอบ
case-unassigned = ยังไม่มี
case-person = บุคคล
case-notes = บันทึก
case-no-notes = ยังไม่มีบันทึก
case-add-note = เพิ่มบันทึก
case-note-save = จัดเก็บบันทึก
case-note-erased = (ถูกลบไปพร้อมกับข้อมูลของบุคคลนี้)
case-status-change = เปลี่ยนสถานะ
case-status-save = บันทึกสถานะ
status-open = เปิด
status-active = กำลังดำเนินการ
status-suspended = ระงับไว้ชั่วคราว
status-closed = ปิดแล้ว

field-full_name = ชื่อเต็ม
field-other_names = ชื่ออื่น
field-latin_name = ชื่อเป็นอักษรละติน
field-sex = เพศ
field-date_of_birth = วันเกิด
field-estimated_age = อายุโดยประมาณ
field-nationalities = สัญชาติ
field-languages = ภาษา
field-contact = ช่องทางติดต่อ
field-location = อยู่ที่ไหนตอนนี้
field-notes = บันทึก
field-body = บันทึก
field-status = สถานะ
field-closed_on = วันที่ปิด
field-password = รหัสผ่าน
field-username = ชื่อผู้ใช้

validation-required = ต้องกรอกช่องนี้
validation-too_long = ข้อความนี้ยาวเกินไป
validation-too_many = มีรายการมากเกินไป
validation-invalid_characters = มีอักขระที่ไม่สามารถจัดเก็บได้
validation-invalid_date = กรุณาเขียนวันที่ในรูปแบบ YYYY-MM-DD
validation-implausible_date = วันที่นี้เป็นไปไม่ได้
validation-implausible_age = อายุต้องอยู่ระหว่าง 0 ถึง 120
validation-invalid_country = ใช้รหัสประเทศสามตัวอักษร เช่น MMR หรือ VNM
validation-invalid_language = ใช้รหัสภาษา เช่น my, vi หรือ zh-Hans
validation-invalid_location = กรุณาเลือกสถานที่จากรายการ
validation-invalid_status = กรุณาเลือกสถานะจากรายการ
validation-before_opening = กรณีจะปิดก่อนวันที่เปิดไม่ได้
validation-too_short = ใช้อย่างน้อย 12 ตัวอักษร
validation-generic = กรุณาตรวจสอบช่องนี้

error-title = เกิดข้อผิดพลาด
error-not-found = ไม่มีหน้านี้ หรือคุณไม่มีสิทธิ์ดูหน้านี้
error-forbidden = คุณไม่มีสิทธิ์เข้าถึงส่วนนี้
error-invalid = กรุณาตรวจสอบแบบฟอร์ม
error-csrf = แบบฟอร์มนี้หมดอายุแล้ว กรุณากลับไป โหลดหน้าใหม่ แล้วลองอีกครั้ง
error-erased = ข้อมูลนี้ถูกลบแล้ว
error-server = เซิร์ฟเวอร์ทำรายการนี้ไม่สำเร็จ ยังไม่มีการบันทึกข้อมูลใด
back = กลับ

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = ทบทวนการเข้าถึง
nav-audit = บันทึกการตรวจสอบ
nav-admin = การดูแลระบบ
nav-inbox = กล่องรับเอกสาร

mfa-title = ขั้นตอนที่สองของการเข้าสู่ระบบ
mfa-explain = กรอกรหัส 6 หลักจากแอปยืนยันตัวตนของคุณ
mfa-enrol-explain = บทบาทของคุณต้องเข้าสู่ระบบด้วยขั้นตอนที่สอง เพิ่มคีย์นี้ลงในแอปยืนยันตัวตนบนโทรศัพท์ของคุณ แล้วกรอกรหัสที่แอปแสดง
mfa-secret = คีย์สำหรับแอปยืนยันตัวตน
mfa-open-app = เปิดในแอปยืนยันตัวตนบนอุปกรณ์นี้
mfa-code = รหัส 6 หลัก
mfa-submit = ดำเนินการต่อ
mfa-wrong = รหัสนั้นใช้ไม่ได้ กรุณาตรวจสอบเวลาบนโทรศัพท์ของคุณ แล้วลองใช้รหัสถัดไป

review-title = ทบทวนการเข้าถึง
review-explain = การเข้าถึงฉุกเฉินและการเปิดเผยข้อมูลโดยไม่ได้รับความยินยอมจะรออยู่ที่นี่ จนกว่าหัวหน้างานจะตรวจดูแล้ว
review-empty = ไม่มีรายการที่รอการทบทวน
review-col-kind = ประเภท
review-col-user = ผู้ดำเนินการ
review-col-reason = เหตุผลที่ให้ไว้
review-col-when = วันเวลา
review-open-record = เปิดดูข้อมูล
review-mark = ทำเครื่องหมายว่าทบทวนแล้ว
review-kind-break_glass = การเข้าถึงฉุกเฉิน
review-kind-consent_override = การเปิดเผยข้อมูลโดยไม่ได้รับความยินยอม

audit-title = บันทึกการตรวจสอบ
audit-explain = ใครทำอะไร เมื่อใด และเพราะเหตุใด บันทึกนี้เก็บเฉพาะรหัสอ้างอิงเท่านั้น ไม่เก็บชื่อหรือเนื้อหาของกรณีเลย
audit-filter-actor = รหัสผู้ใช้
audit-filter-record = รหัสข้อมูล
audit-filter-action = การดำเนินการ
audit-filter-apply = กรอง
audit-empty = ไม่มีเหตุการณ์ที่ตรงกัน
audit-col-when = วันเวลา
audit-col-who = ผู้ดำเนินการ
audit-col-what = การดำเนินการ
audit-col-record = ข้อมูล
audit-col-why = เหตุผล
audit-col-outcome = ผลลัพธ์

inbox-title = กล่องรับเอกสาร
inbox-explain = ที่นี่จะแสดงเฉพาะเอกสารที่เจ้าตัวยินยอมให้ส่งถึงองค์กรของคุณเท่านั้น องค์กรของคุณไม่สามารถดูข้อมูลกรณีได้
inbox-empty = ยังไม่มีเอกสารใดถูกส่งถึงองค์กรของคุณ

admin-title = การดูแลระบบ
admin-one-time-password = รหัสผ่านใช้ครั้งเดียว (แสดงเฉพาะตอนนี้เท่านั้น):
admin-orgs = องค์กร
admin-org-name = ชื่อ
admin-org-kind = ประเภท
admin-org-country = ประเทศ (รหัส ISO เช่น THA)
admin-org-see-all = เจ้าหน้าที่ดูแลรายกรณีเห็นทุกกรณี
admin-org-see-all-short = เจ้าหน้าที่ดูแลรายกรณีทุกคนเห็นทุกกรณี (เฉพาะชื่อและช่องทางติดต่อ)
admin-save = บันทึก
admin-org-new = องค์กรใหม่
admin-create = สร้าง
admin-users = ผู้ใช้
admin-user-role = บทบาท
admin-user-org = องค์กร
admin-user-mfa = ตั้งค่าขั้นตอนที่สองแล้ว
admin-user-new = ผู้ใช้ใหม่
admin-yes = ใช่
admin-no = ไม่
admin-user-created = สร้างผู้ใช้ { $username } แล้ว

consent-title = ความยินยอมในการแบ่งปันข้อมูล
consent-none = ยังไม่มีการบันทึกความยินยอม ห้ามแบ่งปันข้อมูลใดออกไปนอกองค์กรนี้
consent-purpose = วัตถุประสงค์
consent-recipient = องค์กรผู้รับ
consent-categories = ข้อมูลที่ครอบคลุม
consent-expires = ใช้ได้ถึง
consent-status = สถานะ
consent-withdraw = ถอนความยินยอม
consent-record = บันทึกความยินยอมใหม่
consent-language = ภาษาที่ใช้อธิบายเรื่องความยินยอม (รหัส เช่น my)
consent-interpreter = ล่าม หากมีผู้ช่วยแปล
consent-explain-hint = บันทึกความยินยอมได้ก็ต่อเมื่ออธิบายเป็นภาษาของเจ้าตัวแล้วว่า จะแบ่งปันข้อมูลอะไร ให้ใคร และเพราะเหตุใด และเจ้าตัวปฏิเสธหรือถอนความยินยอมได้ทุกเมื่อ
consent-save = บันทึกความยินยอม
consent-withdrawn = ถอนแล้ว
consent-in-force = มีผลอยู่
consent-expired = หมดอายุแล้ว
consent-purpose-referral = การส่งต่อไปยังหน่วยบริการ
consent-purpose-cross_border_transfer = การส่งต่อไปยังอีกประเทศหนึ่ง
consent-purpose-consular_contact = การติดต่อกับสถานกงสุล
consent-purpose-prosecution_disclosure = การเปิดเผยข้อมูลต่อพนักงานอัยการ
consent-purpose-tracing = การติดตามค้นหาครอบครัว
consent-purpose-research = การวิจัยและสถิติ

category-identity = ข้อมูลระบุตัวตน
category-contact_location = ช่องทางติดต่อและที่อยู่
category-narrative = คำบอกเล่าเหตุการณ์
category-health = สุขภาพ
category-immigration_status = สถานะการเข้าเมือง
category-forced_acts = การกระทำที่เจ้าตัวถูกบังคับให้ทำ

access-log-title = ใครเข้าถึงข้อมูลนี้และเพราะเหตุใด

break-glass-title = การเข้าถึงฉุกเฉิน
break-glass-explain = หากมีผู้ตกอยู่ในอันตรายและคุณต้องใช้ข้อมูลนี้ทันที คุณเปิดดูได้เป็นเวลาหนึ่งชั่วโมง ระบบจะบันทึกเหตุผลของคุณไว้ และหัวหน้างานจะทบทวน
break-glass-reason = เหตุใดคุณจึงต้องเข้าถึงตอนนี้
break-glass-submit = เปิดดูหนึ่งชั่วโมง

person-withheld = ไม่แสดงให้คุณเห็น:
person-withheld-field = ไม่แสดงให้คุณเห็น

role-caseworker = เจ้าหน้าที่ดูแลรายกรณี
role-supervisor = หัวหน้างาน
role-decision_maker = ผู้มีอำนาจตัดสินใจ
role-org_admin = ผู้ดูแลระบบขององค์กร
role-system_admin = ผู้ดูแลระบบ
role-auditor = ผู้ตรวจสอบ

org-kind-ngo_assistance = องค์กรพัฒนาเอกชน (ให้ความช่วยเหลือ)
org-kind-shelter = บ้านพักพิง
org-kind-health = หน่วยบริการสุขภาพ
org-kind-legal_aid = ความช่วยเหลือทางกฎหมาย
org-kind-labour_inspection = การตรวจแรงงาน
org-kind-nrm_coordinator = ผู้ประสานงานกลไกการส่งต่อระดับชาติ
org-kind-consular = สถานกงสุล
org-kind-police = ตำรวจ
org-kind-prosecution = อัยการ
org-kind-immigration = ตรวจคนเข้าเมือง
org-kind-border = หน่วยงานชายแดน

field-reason = เหตุผล
field-expires_on = ใช้ได้ถึง
field-categories = ข้อมูลที่ครอบคลุม
field-recipient = ผู้รับ
field-purpose = วัตถุประสงค์
field-kind = ประเภท
field-role = บทบาท
field-interpreter = ล่าม

validation-invalid_category = กรุณาเลือกจากประเภทข้อมูลที่มีในรายการ
validation-in_the_past = วันที่นี้ผ่านไปแล้ว
validation-invalid_consent_purpose = กรุณาเลือกวัตถุประสงค์จากรายการ
validation-unknown_org = กรุณาเลือกองค์กรจากรายการ
validation-invalid_org_kind = กรุณาเลือกประเภทจากรายการ
validation-invalid_role = กรุณาเลือกบทบาทจากรายการ
validation-invalid_username = ใช้ตัวอักษร ตัวเลข จุด ขีดกลาง หรือขีดล่าง

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = การคัดกรอง
screening-section = การคัดกรอง
screening-none = ยังไม่มีการคัดกรอง
screening-start = เริ่มการคัดกรอง
screening-instrument = แบบสอบถาม
screening-survivor-language = ภาษาที่ใช้ในการสัมภาษณ์
screening-interpreter = ล่าม หากมีผู้ช่วยแปล
screening-begin = เริ่ม
screening-progress = คำถามที่ { $n } จาก { $total }
screening-answer = คำตอบ
screening-yes = ใช่
screening-no = ไม่ใช่
screening-prefer-not = ไม่ต้องการตอบ
screening-dont-know = ไม่ทราบ
screening-skip-hint = ไม่มีคำถามข้อใดที่บังคับให้ตอบ เว้นว่างไว้ก่อนได้ แล้วค่อยกลับมาตอบภายหลัง
screening-save-next = บันทึกและทำต่อ
screening-back = คำถามก่อนหน้า
screening-pause = พักไว้ก่อน แล้วกลับมาทำต่อภายหลัง
screening-overview = คำตอบที่ได้จนถึงตอนนี้
screening-answered = ตอบแล้ว { $n } ข้อ
screening-continue = สัมภาษณ์ต่อ
screening-complete = เสร็จสิ้นและดูผล
screening-completed = เสร็จสิ้นแล้ว
screening-in-progress = กำลังดำเนินการ
screening-started = เริ่มเมื่อ
screening-result = ผลลัพธ์
screening-explanation = เหตุผล
screening-element-met = มีข้อบ่งชี้
screening-element-not-met = ยังไม่มีข้อบ่งชี้
screening-needs = การส่งต่อที่ควรเสนอให้ตอนนี้
screening-instrument-version = ฉบับของแบบสอบถาม
screening-revisit = คำถามที่จะกลับมาถามอีกครั้งเมื่อเจ้าตัวพร้อม
outcome-reasonable_grounds = มีเหตุอันควรเชื่อ: สันนิษฐานว่าบุคคลนี้ถูกค้ามนุษย์ การคุ้มครองและหลักการไม่ลงโทษมีผลตั้งแต่บัดนี้
outcome-vulnerable_migrant = ผู้ย้ายถิ่นที่อยู่ในสถานการณ์เปราะบาง ยังไม่ได้ข้อสรุปว่ามีเหตุอันควรเชื่อว่าถูกค้ามนุษย์ และไม่มีสิ่งใดในที่นี้ตัดความเป็นไปได้นั้นออก ให้ส่งต่อไปยังบริการด้านล่างตอนนี้ และนัดพูดคุยกันอีกครั้งในภายหลัง
vulnerabilities-heading = ความเปราะบาง
vulnerability-irregular_status = สถานะการเข้าเมืองไม่ปกติ หรือไม่มีเอกสาร
vulnerability-stranded = ติดค้างอยู่ ไปต่อไม่ได้
vulnerability-destitute = ขัดสน: ไม่มีที่พักที่ปลอดภัย หรือไม่มีเงินซื้ออาหาร
vulnerability-injured = บาดเจ็บหรือเจ็บป่วย
vulnerability-witness_to_abuse = เคยเห็นผู้อื่นถูกทำร้าย
vulnerability-debt_bondage_risk = มีหนี้ที่ถูกผู้อื่นใช้บีบบังคับ
vulnerability-fear_of_return = กลัวการกลับบ้าน
outcome-not_yet_determined = ยังไม่ได้ข้อสรุป เจ้าตัวอาจยังไม่พร้อมเล่าเพิ่มเติม ให้เสนอระยะเวลาฟื้นฟูและไตร่ตรอง และนัดพูดคุยกันอีกครั้งในภายหลัง
element-act = การจัดหา การขนส่ง หรือการกักขังไว้ (การกระทำ)
element-means = การหลอกลวง การใช้กำลัง หรือการควบคุม (วิธีการ)
element-purpose = การแสวงหาประโยชน์โดยมิชอบ รวมถึงการบังคับให้ทำงานที่เป็นความผิดทางอาญา (วัตถุประสงค์)
element-deceptive_recruitment = การจัดหาโดยการหลอกลวง
element-coercive_recruitment = การจัดหาโดยการบังคับขู่เข็ญ
element-recruitment_abuse_of_vulnerability = การจัดหาโดยใช้ประโยชน์จากความเปราะบาง
element-exploitative_conditions = สภาพการทำงานที่เป็นการแสวงหาประโยชน์
element-coercion_at_destination = การบังคับขู่เข็ญ ณ ปลายทาง
element-abuse_of_vulnerability_at_destination = การใช้ประโยชน์จากความเปราะบาง ณ ปลายทาง
need-legal_aid = ความช่วยเหลือทางกฎหมาย
need-medical = การรักษาพยาบาล
need-psychological = การดูแลด้านจิตใจ
need-shelter = บ้านพักพิงที่ปลอดภัย
need-return_risk_assessment = การประเมินความเสี่ยงก่อนการเดินทางกลับทุกครั้ง
need-consular = ความช่วยเหลือจากสถานกงสุล (เอกสารการเดินทาง)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = เว็บไซต์หางาน
option-friend_or_relative = เพื่อนหรือญาติ
option-other = อื่นๆ
option-beatings = ถูกทุบตี
option-electric_shocks = ถูกช็อตไฟฟ้า
option-solitary_confinement = ถูกขังไว้ตามลำพัง
option-sexual_violence = ความรุนแรงทางเพศ
option-threats = ถูกข่มขู่
option-witnessed_violence = เห็นผู้อื่นถูกทำร้าย
option-none_of_these = ไม่มีข้อใดเลย
option-MMR = เมียนมา
option-KHM = กัมพูชา
option-LAO = ลาว
option-PHL = ฟิลิปปินส์
option-THA = ไทย
option-dont_know = ไม่ทราบ

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = หลักการไม่ลงโทษมีผลตั้งแต่บัดนี้: ห้ามดำเนินคดี ลงโทษ หรือควบคุมตัวบุคคลนี้จากการกระทำที่เจ้าตัวถูกบังคับให้ทำ รวมถึงความผิดเกี่ยวกับการเข้าเมือง
np-urgent-release = เร่งด่วน: บุคคลนี้อยู่ระหว่างถูกควบคุมตัว สิ่งแรกที่ต้องทำคือร้องขอให้ปล่อยตัว
jur-title = กฎหมายที่ใช้บังคับ
jur-fc-recognised = กฎหมายของประเทศนี้ถือว่าการบังคับให้กระทำความผิดเป็นการแสวงหาประโยชน์โดยมิชอบ
jur-fc-not-recognised = กฎหมายของประเทศนี้ไม่ได้ระบุว่าการบังคับให้กระทำความผิดเป็นการแสวงหาประโยชน์โดยมิชอบ ให้ใช้บทบัญญัติด้านล่างนี้แทน
jur-alternatives = บทบัญญัติที่ใช้อ้างอิงได้
jur-np-scope = หลักการไม่ลงโทษในกฎหมายของประเทศ
jur-deadlines = เป้าหมายในการพิจารณาว่ามีเหตุอันควรเชื่อ: { $days } วันทำการ ระยะเวลาฟื้นฟูและไตร่ตรอง: { $reflection } วัน
jur-decides = ผู้มีอำนาจวินิจฉัยชี้ขาด

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = มีกรณีอื่นอีก { $count } กรณีที่ระบุสถานที่ ผู้จัดหางาน หรือโฆษณาเดียวกัน ซึ่งช่วยยืนยันข้อมูลนี้

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = คำวินิจฉัยชี้ขาด
decision-none = ยังไม่มีคำวินิจฉัยชี้ขาด ผู้มีอำนาจตัดสินใจที่ได้รับมอบหมายจะเป็นผู้วินิจฉัย พร้อมเหตุผลเป็นลายลักษณ์อักษร หลังสิ้นสุดระยะเวลาฟื้นฟูและไตร่ตรอง
decision-record = บันทึกคำวินิจฉัยชี้ขาด
decision-hint = ระยะเวลาฟื้นฟูและไตร่ตรองคือ { $days } วัน นับจากวันที่การคัดกรองเสร็จสิ้น ระบบจะไม่รับคำวินิจฉัยที่ทำก่อนครบกำหนดนี้
decision-conclusion = คำวินิจฉัย
decision-confirmed = ได้รับการระบุว่าเป็นผู้เสียหายจากการค้ามนุษย์
decision-not-confirmed = ยังยืนยันไม่ได้จากข้อมูลที่ทราบในขณะนี้ (พิจารณาใหม่ได้ และการส่งต่อยังคงดำเนินต่อไป)
decision-reasons = เหตุผลเป็นลายลักษณ์อักษร
decision-sign = ลงนามในคำวินิจฉัย
validation-reasons_required = กรุณาเขียนเหตุผลของคำวินิจฉัย (อย่างน้อย 20 ตัวอักษร)
validation-invalid_conclusion = กรุณาเลือกคำวินิจฉัยอย่างใดอย่างหนึ่งจากสองแบบ

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = งาน
tasks-title = งาน
tasks-none = ตอนนี้ยังไม่มีงานที่ต้องทำ
tasks-child = เด็ก
tasks-overdue = เลยกำหนด
task-request_release = เร่งด่วน: ร้องขอให้ปล่อยตัวจากการควบคุมตัว
task-child_in_detention = เร่งด่วน: มีเด็กอยู่ระหว่างถูกควบคุมตัว
task-reasonable_grounds_due = ถึงกำหนดพิจารณาว่ามีเหตุอันควรเชื่อ
task-recovery_period_ends = ระยะเวลาฟื้นฟูและไตร่ตรองสิ้นสุดลง
task-rescreen = เสนอการคัดกรองอีกครั้ง

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = โทษในอดีตที่ควรขอล้างประวัติ
penalty-none = ไม่มีบันทึกคำพิพากษาว่ามีความผิด ค่าปรับ หรือคำสั่งเนรเทศในอดีต
penalty-due = ขอล้างประวัติ
penalty-expungement = การล้างประวัติ
penalty-expungement-update = บันทึก
penalty-record = บันทึกโทษในอดีต
penalty-kind = ประเภทของโทษ
penalty-country = ประเทศที่กำหนดโทษ (รหัส เช่น THA)
penalty-date = วันที่ (ถ้าทราบ)
penalty-offence = เหตุที่ถูกลงโทษ
penalty-consequence = การกระทำนั้นเป็นผลมาจากการถูกค้ามนุษย์
penalty-kind-conviction = คำพิพากษาว่ามีความผิด
penalty-kind-fine = ค่าปรับ
penalty-kind-deportation_order = คำสั่งเนรเทศ
penalty-kind-entry_ban = คำสั่งห้ามเข้าประเทศ
expungement-not_requested = ยังไม่ได้ขอล้างประวัติ
expungement-requested = ขอล้างประวัติแล้ว
expungement-granted = ล้างประวัติแล้ว
expungement-refused = คำขอล้างประวัติถูกปฏิเสธ

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = หนังสือแจ้ง: ห้ามลงโทษบุคคลที่สันนิษฐานว่าเป็นผู้เสียหายจากการค้ามนุษย์
notice-to = เรียน เจ้าหน้าที่ตำรวจ เจ้าหน้าที่ตรวจคนเข้าเมือง พนักงานอัยการ เจ้าหน้าที่ด่านพรมแดน และศาลทุกแห่ง
notice-finding = เมื่อวันที่ { $date } องค์กรนี้ได้พิจารณาแล้วเห็นว่ามีเหตุอันควรเชื่อว่าบุคคลซึ่งมีชื่อข้างล่างนี้เป็นผู้เสียหายจากการค้ามนุษย์ รวมถึงการค้ามนุษย์เพื่อบังคับให้กระทำความผิดทางอาญา
notice-issued-by = ออกโดย
notice-principle = ตามหลักการไม่ลงโทษ ห้ามควบคุมตัว แจ้งข้อกล่าวหา ฟ้องร้องดำเนินคดี หรือลงโทษบุคคลนี้สำหรับการกระทำที่บุคคลนี้ถูกบังคับให้กระทำอันเป็นผลมาจากการถูกค้ามนุษย์ โดยเฉพาะอย่างยิ่งในกรณีดังต่อไปนี้
notice-scope-immigration = ความผิดเกี่ยวกับการเข้าเมือง ได้แก่ การเข้าหรือออกนอกราชอาณาจักรโดยไม่ชอบด้วยกฎหมาย การอยู่เกินกำหนด การทำงานโดยไม่มีใบอนุญาต การถูกลักลอบพาเข้าเมือง และการไม่มีเอกสารประจำตัว
notice-scope-status = ความผิดที่เกี่ยวเนื่องกับสถานะของบุคคลนี้ รวมทั้งความผิดทางปกครองและทางแพ่ง
notice-scope-crimes = ความผิดอาญาที่กระทำลงอันเป็นผลมาจากการถูกค้ามนุษย์ รวมถึงการฉ้อโกงทางออนไลน์ การหลอกลวงให้รักและการหลอกลวงให้ลงทุน การฟอกเงิน และข้อหาสมคบกันกระทำความผิดที่เกี่ยวข้อง
notice-not-exhaustive = รายการข้างต้นมิใช่รายการทั้งหมด หลักการนี้มีผลใช้บังคับตั้งแต่มีการพิจารณาว่ามีเหตุอันควรเชื่อ โดยไม่ต้องรอคำวินิจฉัยชี้ขาด
notice-release = บุคคลนี้อยู่ระหว่างถูกควบคุมตัว จึงขอให้ปล่อยตัวโดยทันทีและส่งมอบให้อยู่ในความดูแลที่ปลอดภัยและเหมาะสม
notice-law = กฎหมายภายในประเทศ:
notice-reference = เลขที่อ้างอิง
notice-open = หนังสือแจ้งตามหลักการไม่ลงโทษ (สำหรับพิมพ์)
notice-pdf = ดาวน์โหลดหนังสือแจ้งเป็น PDF (ภาษาของบุคคลนั้นและภาษาของหน่วยงาน)
notice-authority-language = ภาษาของหน่วยงานผู้รับ

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = ส่งหนังสือแจ้งถึง
notice-send = ส่ง
notice-send-hint = การส่งต้องมีความยินยอมที่บันทึกไว้ของบุคคลนั้นสำหรับวัตถุประสงค์นี้และหน่วยงานนี้ หน่วยงานจะได้รับเฉพาะหนังสือแจ้ง ไม่ได้รับข้อมูลกรณี
consent-purpose-non_punishment_notice = การส่งหนังสือแจ้งเรื่องการไม่ลงโทษถึงหน่วยงาน
inbox-kind-non_punishment_notice = หนังสือแจ้งเรื่องการไม่ลงโทษ
