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
