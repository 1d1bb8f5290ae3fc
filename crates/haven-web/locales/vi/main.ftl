# haven user interface, Vietnamese (vi).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = Quản lý trường hợp cho những người bị mua bán vào các cơ sở lừa đảo trực tuyến
skip-to-content = Bỏ qua, đến nội dung chính
quick-exit = Thoát nhanh
nav-persons = Danh sách người
nav-new-person = Thêm người mới
nav-logout = Đăng xuất
nav-signed-in-as = Đã đăng nhập với tên { $username }
nav-language = Ngôn ngữ
nav-language-apply = Đổi
nav-api-docs = API

login-title = Đăng nhập
login-username = Tên đăng nhập
login-password = Mật khẩu
login-submit = Đăng nhập
login-failed = Tên đăng nhập hoặc mật khẩu không đúng.
login-locked = Quá nhiều lần thử. Tài khoản này tạm dừng trong vài phút.
login-rate-limited = Quá nhiều lần thử từ thiết bị này. Hãy đợi một phút rồi thử lại.

password-title = Chọn mật khẩu mới
password-explain = Mật khẩu của bạn do người khác đặt. Hãy chọn mật khẩu riêng trước khi tiếp tục.
password-new = Mật khẩu mới (ít nhất 12 ký tự)
password-confirm = Nhập lại mật khẩu mới
password-submit = Lưu mật khẩu
password-mismatch = Hai mật khẩu không giống nhau.

persons-title = Danh sách người
persons-search-label = Tìm theo tên
persons-search-submit = Tìm
persons-search-hint = Nhập tên bằng bất kỳ chữ viết nào, hoặc bằng chữ Latinh: "Nguyen" cũng tìm được "Nguyễn".
persons-empty = Chưa có ai được thêm vào.
persons-no-match = Không có ai khớp với tìm kiếm này.
persons-col-name = Tên
persons-col-location = Hiện ở đâu
persons-col-added = Ngày thêm
persons-next = Trang sau
persons-prev = Trang trước

person-new-title = Thêm người mới
person-full-name = Họ tên đầy đủ, theo cách người đó viết
person-full-name-hint = Một ô cho toàn bộ tên, bằng bất kỳ chữ viết nào và theo thứ tự của chính người đó.
person-other-names = Tên khác hoặc bí danh, mỗi tên một dòng
person-latin-name = Tên bằng chữ Latinh
person-sex = Giới tính, theo cách người đó tự mô tả
person-dob = Ngày sinh (YYYY-MM-DD)
person-estimated-age = Hoặc: tuổi ước tính (số năm)
person-age-uncertain = Tuổi chưa chắc chắn
person-nationalities = Quốc tịch: mã quốc gia như MMR, VNM, cách nhau bằng dấu phẩy
person-languages = Ngôn ngữ: mã như my, vi, th, cách nhau bằng dấu phẩy
person-contact = Liên lạc
person-location = Nơi người đó đang ở hiện nay
person-notes = Ghi chú
person-save = Lưu
person-optional = không bắt buộc
person-prefer-not = Mọi ô trừ tên đều có thể để trống, ví dụ khi người đó không muốn nói.

location-shelter = Nhà tạm lánh
location-community = Trong cộng đồng
location-immigration_detention = Cơ sở tạm giữ của cơ quan xuất nhập cảnh
location-police_custody = Bị cảnh sát tạm giữ
location-hospital = Bệnh viện
location-in_compound = Vẫn còn trong cơ sở lừa đảo
location-unknown = Không rõ

person-title = Hồ sơ cá nhân
person-may-be-child = Người này có thể là trẻ em. Hãy làm theo quy trình dành cho trẻ em cho đến khi kết quả đánh giá tuổi cho thấy khác.
person-detained = Người này đang bị tạm giữ.
person-cases = Trường hợp
person-no-cases = Chưa có trường hợp nào.
person-open-case = Mở trường hợp
person-erase = Xóa hồ sơ của người này
person-erase-explain = Việc xóa sẽ hủy khóa của hồ sơ này. Không thể hoàn tác, kể cả từ bản sao lưu.
person-erase-confirm = Tôi hiểu rằng việc này không thể hoàn tác
person-erased = Hồ sơ này đã bị xóa.
person-age = { $years } tuổi
person-age-estimated = khoảng { $years } tuổi
person-age-estimated-uncertain = khoảng { $years } tuổi (chưa chắc chắn)
person-not-recorded = chưa ghi nhận
person-created = Ngày thêm

case-title = Trường hợp
case-status = Trạng thái
case-opened = Ngày mở
case-closed = Ngày đóng
case-assigned = Người phụ trách
case-unassigned = Chưa có ai
case-person = Người
case-notes = Ghi chú
case-no-notes = Chưa có ghi chú.
case-add-note = Thêm ghi chú
case-note-save = Lưu ghi chú
case-note-erased = (đã xóa cùng với hồ sơ của người này)
case-status-change = Đổi trạng thái
case-status-save = Lưu trạng thái
status-open = Mới mở
status-active = Đang xử lý
status-suspended = Tạm dừng
status-closed = Đã đóng

field-full_name = Họ tên đầy đủ
field-other_names = Tên khác
field-latin_name = Tên bằng chữ Latinh
field-sex = Giới tính
field-date_of_birth = Ngày sinh
field-estimated_age = Tuổi ước tính
field-nationalities = Quốc tịch
field-languages = Ngôn ngữ
field-contact = Liên lạc
field-location = Hiện ở đâu
field-notes = Ghi chú
field-body = Ghi chú
field-status = Trạng thái
field-closed_on = Ngày đóng
field-password = Mật khẩu
field-username = Tên đăng nhập

validation-required = Ô này là bắt buộc.
validation-too_long = Nội dung này quá dài.
validation-too_many = Có quá nhiều mục.
validation-invalid_characters = Nội dung này có ký tự không thể lưu được.
validation-invalid_date = Hãy viết ngày theo dạng YYYY-MM-DD.
validation-implausible_date = Ngày này không thể có.
validation-implausible_age = Tuổi phải từ 0 đến 120.
validation-invalid_country = Hãy dùng mã quốc gia ba chữ cái như MMR hoặc VNM.
validation-invalid_language = Hãy dùng mã ngôn ngữ như my, vi hoặc zh-Hans.
validation-invalid_location = Hãy chọn một nơi trong danh sách.
validation-invalid_status = Hãy chọn một trạng thái trong danh sách.
validation-before_opening = Không thể đóng trường hợp trước ngày mở.
validation-too_short = Hãy dùng ít nhất 12 ký tự.
validation-generic = Vui lòng kiểm tra ô này.

error-title = Đã xảy ra lỗi
error-not-found = Trang này không tồn tại, hoặc bạn không có quyền xem.
error-forbidden = Bạn không có quyền truy cập mục này.
error-invalid = Vui lòng kiểm tra biểu mẫu.
error-csrf = Biểu mẫu này đã hết hạn. Hãy quay lại, tải lại trang và thử lại.
error-erased = Hồ sơ này đã bị xóa.
error-server = Máy chủ không thể hoàn tất việc này. Chưa có gì được lưu.
back = Quay lại

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = Xem xét truy cập
nav-audit = Nhật ký kiểm tra
nav-admin = Quản trị
nav-inbox = Hộp thư đến

mfa-title = Bước thứ hai khi đăng nhập
mfa-explain = Nhập mã 6 chữ số từ ứng dụng xác thực của bạn.
mfa-enrol-explain = Vai trò của bạn cần thêm bước thứ hai khi đăng nhập. Hãy thêm khóa này vào một ứng dụng xác thực trên điện thoại, rồi nhập mã mà ứng dụng hiển thị.
mfa-secret = Khóa cho ứng dụng xác thực
mfa-open-app = Mở trong ứng dụng xác thực trên thiết bị này
mfa-code = Mã 6 chữ số
mfa-submit = Tiếp tục
mfa-wrong = Mã đó không dùng được. Hãy kiểm tra giờ trên điện thoại và thử mã tiếp theo.

review-title = Xem xét truy cập
review-explain = Các lần truy cập khẩn cấp và các lần cung cấp thông tin khi chưa có sự đồng ý sẽ chờ ở đây cho đến khi người giám sát xem xét.
review-empty = Không có mục nào đang chờ xem xét.
review-col-kind = Loại
review-col-user = Người thực hiện
review-col-reason = Lý do đã nêu
review-col-when = Thời gian
review-open-record = Mở hồ sơ
review-mark = Đánh dấu đã xem xét
review-kind-break_glass = Truy cập khẩn cấp
review-kind-consent_override = Cung cấp thông tin khi chưa có sự đồng ý

audit-title = Nhật ký kiểm tra
audit-explain = Ai đã làm gì, khi nào và vì sao. Nhật ký chỉ lưu mã định danh, không bao giờ lưu tên hay nội dung trường hợp.
audit-filter-actor = Mã người dùng
audit-filter-record = Mã hồ sơ
audit-filter-action = Hành động
audit-filter-apply = Lọc
audit-empty = Không có sự kiện nào khớp.
audit-col-when = Thời gian
audit-col-who = Người thực hiện
audit-col-what = Hành động
audit-col-record = Hồ sơ
audit-col-why = Lý do
audit-col-outcome = Kết quả

inbox-title = Hộp thư đến
inbox-explain = Nơi đây chỉ hiển thị những tài liệu mà người liên quan đã đồng ý gửi cho tổ chức của bạn. Tổ chức của bạn không thể xem hồ sơ trường hợp.
inbox-empty = Chưa có tài liệu nào được gửi cho tổ chức của bạn.

admin-title = Quản trị
admin-one-time-password = Mật khẩu dùng một lần (chỉ hiển thị lúc này):
admin-orgs = Tổ chức
admin-org-name = Tên
admin-org-kind = Loại
admin-org-country = Quốc gia (mã ISO, ví dụ THA)
admin-org-see-all = Cán bộ quản lý trường hợp xem được mọi trường hợp
admin-org-see-all-short = Mọi cán bộ quản lý trường hợp đều xem được mọi trường hợp (chỉ tên và thông tin liên lạc)
admin-save = Lưu
admin-org-new = Tổ chức mới
admin-create = Tạo
admin-users = Người dùng
admin-user-role = Vai trò
admin-user-org = Tổ chức
admin-user-mfa = Đã thiết lập bước thứ hai
admin-user-new = Người dùng mới
admin-yes = có
admin-no = không
admin-user-created = Đã tạo người dùng { $username }.

consent-title = Đồng ý chia sẻ thông tin
consent-none = Chưa ghi nhận sự đồng ý nào. Không được chia sẻ bất cứ thông tin gì ra ngoài tổ chức này.
consent-purpose = Mục đích
consent-recipient = Tổ chức nhận
consent-categories = Thông tin được bao gồm
consent-expires = Có hiệu lực đến
consent-status = Trạng thái
consent-withdraw = Rút lại
consent-record = Ghi nhận sự đồng ý mới
consent-language = Ngôn ngữ đã dùng để giải thích về sự đồng ý (mã, ví dụ my)
consent-interpreter = Phiên dịch viên, nếu có người hỗ trợ
consent-explain-hint = Chỉ ghi nhận sự đồng ý sau khi đã giải thích bằng ngôn ngữ của người đó: thông tin nào sẽ được chia sẻ, với ai, vì sao, và rằng họ có thể từ chối hoặc rút lại bất cứ lúc nào.
consent-save = Lưu sự đồng ý
consent-withdrawn = Đã rút lại
consent-in-force = Đang có hiệu lực
consent-expired = Đã hết hạn
consent-purpose-referral = Chuyển gửi đến một dịch vụ
consent-purpose-cross_border_transfer = Chuyển sang một quốc gia khác
consent-purpose-consular_contact = Liên hệ với lãnh sự quán
consent-purpose-prosecution_disclosure = Cung cấp thông tin cho công tố viên
consent-purpose-tracing = Tìm kiếm gia đình
consent-purpose-research = Nghiên cứu và thống kê

category-identity = Nhân thân
category-contact_location = Liên lạc và nơi ở
category-narrative = Lời kể về sự việc
category-health = Sức khỏe
category-immigration_status = Tình trạng xuất nhập cảnh, cư trú
category-forced_acts = Những việc người đó bị ép buộc phải làm

access-log-title = Ai đã truy cập hồ sơ này và vì sao

break-glass-title = Truy cập khẩn cấp
break-glass-explain = Nếu có người đang gặp nguy hiểm và bạn cần hồ sơ này ngay, bạn có thể mở hồ sơ trong một giờ. Lý do của bạn sẽ được ghi lại và người giám sát sẽ xem xét.
break-glass-reason = Vì sao bạn cần truy cập ngay bây giờ
break-glass-submit = Mở trong một giờ

person-withheld = Không hiển thị cho bạn:
person-withheld-field = không hiển thị cho bạn

role-caseworker = Cán bộ quản lý trường hợp
role-supervisor = Người giám sát
role-decision_maker = Người ra quyết định
role-org_admin = Quản trị viên tổ chức
role-system_admin = Quản trị viên hệ thống
role-auditor = Người kiểm tra

org-kind-ngo_assistance = Tổ chức phi chính phủ (hỗ trợ)
org-kind-shelter = Nhà tạm lánh
org-kind-health = Dịch vụ y tế
org-kind-legal_aid = Trợ giúp pháp lý
org-kind-labour_inspection = Thanh tra lao động
org-kind-nrm_coordinator = Điều phối viên chuyển tuyến quốc gia
org-kind-consular = Lãnh sự quán
org-kind-police = Cảnh sát
org-kind-prosecution = Cơ quan công tố
org-kind-immigration = Cơ quan xuất nhập cảnh
org-kind-border = Cơ quan biên phòng

field-reason = Lý do
field-expires_on = Có hiệu lực đến
field-categories = Thông tin được bao gồm
field-recipient = Bên nhận
field-purpose = Mục đích
field-kind = Loại
field-role = Vai trò
field-interpreter = Phiên dịch viên

validation-invalid_category = Hãy chọn trong các loại thông tin được liệt kê.
validation-in_the_past = Ngày này đã qua.
validation-invalid_consent_purpose = Hãy chọn một mục đích trong danh sách.
validation-unknown_org = Hãy chọn một tổ chức trong danh sách.
validation-invalid_org_kind = Hãy chọn một loại trong danh sách.
validation-invalid_role = Hãy chọn một vai trò trong danh sách.
validation-invalid_username = Hãy dùng chữ cái, chữ số, dấu chấm, dấu gạch ngang hoặc dấu gạch dưới.

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = Sàng lọc
screening-section = Các lần sàng lọc
screening-none = Chưa có lần sàng lọc nào.
screening-start = Bắt đầu sàng lọc
screening-instrument = Bảng câu hỏi
screening-survivor-language = Ngôn ngữ của buổi phỏng vấn
screening-interpreter = Phiên dịch viên, nếu có người hỗ trợ
screening-begin = Bắt đầu
screening-progress = Câu hỏi { $n } trên { $total }
screening-answer = Câu trả lời
screening-yes = Có
screening-no = Không
screening-prefer-not = Không muốn nói
screening-dont-know = Không biết
screening-skip-hint = Không có câu hỏi nào là bắt buộc. Có thể để trống một câu và quay lại sau.
screening-save-next = Lưu và tiếp tục
screening-back = Câu hỏi trước
screening-pause = Tạm dừng và quay lại sau
screening-overview = Các câu trả lời cho đến nay
screening-answered = Đã trả lời { $n } câu
screening-continue = Tiếp tục phỏng vấn
screening-complete = Hoàn tất và xem kết quả
screening-completed = Đã hoàn tất
screening-in-progress = Đang thực hiện
screening-started = Ngày bắt đầu
screening-result = Kết quả
screening-explanation = Lý do
screening-element-met = có dấu hiệu
screening-element-not-met = chưa có dấu hiệu
screening-needs = Các dịch vụ nên chuyển gửi ngay bây giờ
screening-instrument-version = Phiên bản bảng câu hỏi
screening-revisit = Các câu hỏi sẽ hỏi lại khi người đó sẵn sàng
outcome-reasonable_grounds = Có căn cứ hợp lý: người này được coi là đã bị mua bán. Việc bảo vệ và nguyên tắc không trừng phạt được áp dụng từ bây giờ.
outcome-vulnerable_migrant = Người di cư trong hoàn cảnh dễ bị tổn thương. Chưa xác lập được căn cứ hợp lý về việc bị mua bán, và không có điều gì ở đây loại trừ khả năng đó. Hãy chuyển gửi đến các dịch vụ dưới đây ngay bây giờ, và đề nghị một cuộc trò chuyện khác vào lúc sau.
vulnerabilities-heading = Các yếu tố dễ bị tổn thương
vulnerability-irregular_status = tình trạng cư trú không hợp lệ hoặc thiếu giấy tờ
vulnerability-stranded = bị mắc kẹt
vulnerability-destitute = túng quẫn: không có chỗ ở an toàn hoặc không có tiền mua thức ăn
vulnerability-injured = bị thương hoặc bị bệnh
vulnerability-witness_to_abuse = đã chứng kiến người khác bị ngược đãi
vulnerability-debt_bondage_risk = có khoản nợ bị người khác dùng để ép buộc
vulnerability-fear_of_return = sợ trở về nhà
outcome-not_yet_determined = Chưa xác định. Có thể người đó chưa sẵn sàng nói thêm. Hãy đề nghị thời gian phục hồi và cân nhắc, và một cuộc trò chuyện khác vào lúc sau.
element-act = Tuyển mộ, vận chuyển hoặc giam giữ (hành vi)
element-means = Lừa dối, vũ lực hoặc kiểm soát (thủ đoạn)
element-purpose = Bóc lột, kể cả bị ép làm việc phạm pháp (mục đích)
element-deceptive_recruitment = Tuyển mộ bằng thủ đoạn lừa dối
element-coercive_recruitment = Tuyển mộ bằng cưỡng ép
element-recruitment_abuse_of_vulnerability = Tuyển mộ bằng cách lợi dụng hoàn cảnh dễ bị tổn thương
element-exploitative_conditions = Điều kiện bóc lột
element-coercion_at_destination = Cưỡng ép tại nơi đến
element-abuse_of_vulnerability_at_destination = Lợi dụng hoàn cảnh dễ bị tổn thương tại nơi đến
need-legal_aid = Trợ giúp pháp lý
need-medical = Chăm sóc y tế
need-psychological = Hỗ trợ tâm lý
need-shelter = Nhà tạm lánh an toàn
need-return_risk_assessment = Đánh giá rủi ro trước mọi việc trở về
need-consular = Hỗ trợ lãnh sự (giấy tờ đi lại)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = Một trang web việc làm
option-friend_or_relative = Bạn bè hoặc người thân
option-other = Khác
option-beatings = Bị đánh đập
option-electric_shocks = Bị chích điện
option-solitary_confinement = Bị nhốt riêng một mình
option-sexual_violence = Bạo lực tình dục
option-threats = Bị đe dọa
option-witnessed_violence = Chứng kiến người khác bị bạo hành
option-none_of_these = Không có điều nào kể trên
option-MMR = Myanmar
option-KHM = Campuchia
option-LAO = Lào
option-PHL = Philippines
option-THA = Thái Lan
option-dont_know = Không biết

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = Nguyên tắc không trừng phạt được áp dụng từ bây giờ: người này không được bị truy tố, xử phạt hoặc tạm giữ vì những việc họ bị ép buộc phải làm, kể cả vi phạm về xuất nhập cảnh.
np-urgent-release = Khẩn cấp: người này đang bị tạm giữ. Việc cần làm đầu tiên là đề nghị trả tự do cho họ.
jur-title = Luật áp dụng
jur-fc-recognised = Luật quốc gia công nhận việc ép buộc làm việc phạm pháp là một hình thức bóc lột.
jur-fc-not-recognised = Luật quốc gia không liệt kê việc ép buộc làm việc phạm pháp là một hình thức bóc lột. Thay vào đó, hãy dựa vào các quy định dưới đây.
jur-alternatives = Các quy định có thể dựa vào
jur-np-scope = Nguyên tắc không trừng phạt trong luật quốc gia
jur-deadlines = Mục tiêu để kết luận có căn cứ hợp lý: { $days } ngày làm việc. Thời gian phục hồi và cân nhắc: { $reflection } ngày.
jur-decides = Ai đưa ra quyết định cuối cùng

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = Được củng cố bởi { $count } trường hợp khác nêu cùng khu, người tuyển dụng hoặc quảng cáo.

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = Quyết định cuối cùng
decision-none = Chưa có quyết định cuối cùng. Quyết định này do người ra quyết định có thẩm quyền đưa ra, kèm lý do bằng văn bản, sau thời gian phục hồi và cân nhắc.
decision-record = Ghi nhận quyết định cuối cùng
decision-hint = Thời gian phục hồi và cân nhắc là { $days } ngày kể từ khi kết thúc sàng lọc. Hệ thống không nhận quyết định trước thời điểm đó.
decision-conclusion = Quyết định
decision-confirmed = Được xác định là nạn nhân bị mua bán
decision-not-confirmed = Chưa xác nhận được dựa trên thông tin hiện có (có thể xem xét lại; việc chuyển gửi vẫn tiếp tục)
decision-reasons = Lý do bằng văn bản
decision-sign = Ký quyết định
validation-reasons_required = Hãy viết lý do của quyết định (ít nhất 20 ký tự).
validation-invalid_conclusion = Hãy chọn một trong hai quyết định.

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = Công việc
tasks-title = Công việc
tasks-none = Hiện không có việc gì cần làm.
tasks-child = trẻ em
tasks-overdue = quá hạn
task-request_release = Khẩn cấp: đề nghị trả tự do khỏi nơi tạm giữ
task-child_in_detention = Khẩn cấp: có trẻ em đang bị tạm giữ
task-reasonable_grounds_due = Đến hạn kết luận có căn cứ hợp lý
task-recovery_period_ends = Kết thúc thời gian phục hồi và cân nhắc
task-rescreen = Đề nghị một lần sàng lọc khác

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = Các hình phạt trước đây cần được xóa bỏ
penalty-none = Chưa ghi nhận bản án, khoản phạt tiền hay quyết định trục xuất nào trước đây.
penalty-due = đề nghị xóa bỏ
penalty-expungement = Xóa bỏ hồ sơ
penalty-expungement-update = Cập nhật
penalty-record = Ghi nhận một hình phạt trước đây
penalty-kind = Loại hình phạt
penalty-country = Quốc gia đã áp dụng (mã, ví dụ THA)
penalty-date = Ngày, nếu biết
penalty-offence = Lý do bị xử phạt
penalty-consequence = Hành vi đó là hậu quả của việc bị mua bán
penalty-kind-conviction = Bản án
penalty-kind-fine = Phạt tiền
penalty-kind-deportation_order = Quyết định trục xuất
penalty-kind-entry_ban = Lệnh cấm nhập cảnh
expungement-not_requested = chưa đề nghị xóa bỏ
expungement-requested = đã đề nghị xóa bỏ
expungement-granted = đã được xóa bỏ
expungement-refused = đề nghị xóa bỏ bị từ chối

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = Thông báo: không được xử lý người được coi là nạn nhân bị mua bán
notice-to = Kính gửi: cơ quan công an, cơ quan quản lý xuất nhập cảnh, viện kiểm sát, bộ đội biên phòng và các tòa án:
notice-finding = Ngày { $date }, tổ chức này đã xác định có căn cứ hợp lý để tin rằng người có tên dưới đây là nạn nhân của tội mua bán người, bao gồm bị mua bán để bị ép buộc thực hiện hành vi phạm tội.
notice-issued-by = Cơ quan, tổ chức cấp
notice-principle = Theo nguyên tắc không trừng phạt, người này không được bị tạm giữ, khởi tố, truy tố hoặc xử lý đối với những hành vi mà họ bị ép buộc thực hiện do hậu quả của việc bị mua bán. Nguyên tắc này áp dụng đặc biệt đối với:
notice-scope-immigration = vi phạm về xuất nhập cảnh: nhập cảnh hoặc xuất cảnh trái phép, cư trú quá thời hạn, làm việc không có giấy phép lao động, bị đưa lậu qua biên giới, không có giấy tờ tùy thân;
notice-scope-status = vi phạm liên quan đến tình trạng của họ, cũng như vi phạm hành chính và dân sự;
notice-scope-crimes = tội phạm thực hiện do hậu quả của việc bị mua bán, bao gồm lừa đảo chiếm đoạt tài sản trên mạng, lừa đảo tình cảm và lừa đảo đầu tư, rửa tiền và các cáo buộc đồng phạm, thông đồng liên quan.
notice-not-exhaustive = Danh sách này không phải là đầy đủ. Nguyên tắc được áp dụng kể từ khi xác định có căn cứ hợp lý, trước khi có bất kỳ quyết định cuối cùng nào.
notice-release = Người này đang bị tạm giữ. Chúng tôi đề nghị trả tự do ngay lập tức cho người này và chuyển giao cho nơi chăm sóc an toàn, phù hợp.
notice-law = Pháp luật quốc gia:
notice-reference = Số tham chiếu
notice-open = Thông báo về nguyên tắc không trừng phạt (bản in)
notice-pdf = Tải thông báo dưới dạng PDF (bằng ngôn ngữ của người đó và của cơ quan chức năng)
notice-authority-language = Ngôn ngữ của cơ quan nhận

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = Gửi thông báo đến
notice-send = Gửi
notice-send-hint = Việc gửi cần có sự đồng ý đã được ghi nhận của người đó cho mục đích này và cơ quan này. Cơ quan chỉ nhận thông báo, không bao giờ nhận hồ sơ.
consent-purpose-non_punishment_notice = Gửi thông báo không trừng phạt đến một cơ quan
inbox-kind-non_punishment_notice = Thông báo không trừng phạt
