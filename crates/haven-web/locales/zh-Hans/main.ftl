# haven user interface, Chinese, Simplified (zh-Hans).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = 为被贩运至诈骗园区的人提供个案工作支持
skip-to-content = 跳到主要内容
quick-exit = 快速离开
nav-persons = 人员
nav-new-person = 新增人员
nav-logout = 退出登录
nav-signed-in-as = 已登录：{ $username }
nav-language = 语言
nav-language-apply = 切换
nav-api-docs = API

login-title = 登录
login-username = 用户名
login-password = 密码
login-submit = 登录
login-failed = 用户名或密码不正确。
login-locked = 尝试次数过多。此账户将暂停使用几分钟。
login-rate-limited = 此设备的尝试次数过多。请等一分钟后再试。

password-title = 设置新密码
password-explain = 您的密码是由他人设置的。请先设置您自己的密码，然后再继续。
password-new = 新密码（至少 12 个字符）
password-confirm = 再次输入新密码
password-submit = 保存密码
password-mismatch = 两次输入的密码不一致。

persons-title = 人员
persons-search-label = 按姓名搜索
persons-search-submit = 搜索
persons-search-hint = 可用任何文字输入姓名，也可用拉丁字母：输入 "Nguyen" 也能找到 "Nguyễn"。
persons-empty = 尚未添加任何人员。
persons-no-match = 没有与此搜索相符的人员。
persons-col-name = 姓名
persons-col-location = 目前所在地
persons-col-added = 添加日期
persons-next = 下一页
persons-prev = 上一页

person-new-title = 新增人员
person-full-name = 全名（按本人的写法）
person-full-name-hint = 用一个栏位填写完整姓名，可使用任何文字，并按本人习惯的顺序填写。
person-other-names = 其他名字或别名，每行一个
person-latin-name = 拉丁字母拼写的姓名
person-sex = 性别（按本人的描述）
person-dob = 出生日期（YYYY-MM-DD）
person-estimated-age = 或：估计年龄（岁）
person-age-uncertain = 年龄不确定
person-nationalities = 国籍：国家代码，如 MMR, VNM，用逗号分隔
person-languages = 语言：语言代码，如 my, vi, th，用逗号分隔
person-contact = 联系方式
person-location = 本人目前所在地
person-notes = 备注
person-save = 保存
person-optional = 选填
person-prefer-not = 除姓名外，所有栏位都可以留空，例如本人不愿透露时。

location-shelter = 庇护所
location-community = 在社区中
location-immigration_detention = 移民拘留场所
location-police_custody = 在警方羁押中
location-hospital = 医院
location-in_compound = 仍在园区内
location-unknown = 不清楚

person-title = 人员
person-may-be-child = 此人可能是儿童。在年龄评估得出其他结论之前，请按儿童程序处理。
person-detained = 此人目前被拘留。
person-cases = 个案
person-no-cases = 尚无个案。
person-open-case = 开立个案
person-erase = 删除此人的记录
person-erase-explain = 删除会销毁此记录的密钥。此操作无法撤销，即使从备份中也无法恢复。
person-erase-confirm = 我明白此操作无法撤销
person-erased = 此记录已被删除。
person-age = { $years } 岁
person-age-estimated = 约 { $years } 岁
person-age-estimated-uncertain = 约 { $years } 岁（不确定）
person-not-recorded = 未记录
person-created = 添加日期

case-title = 个案
case-status = 状态
case-opened = 开立日期
case-closed = 结案日期
case-assigned = 负责人
case-unassigned = 暂无
case-person = 人员
case-notes = 备注
case-no-notes = 尚无备注。
case-add-note = 添加备注
case-note-save = 保存备注
case-note-erased = （已随此人的记录一并删除）
case-status-change = 更改状态
case-status-save = 保存状态
status-open = 已开立
status-active = 进行中
status-suspended = 暂停
status-closed = 已结案

field-full_name = 全名
field-other_names = 其他名字
field-latin_name = 拉丁字母姓名
field-sex = 性别
field-date_of_birth = 出生日期
field-estimated_age = 估计年龄
field-nationalities = 国籍
field-languages = 语言
field-contact = 联系方式
field-location = 目前所在地
field-notes = 备注
field-body = 备注
field-status = 状态
field-closed_on = 结案日期
field-password = 密码
field-username = 用户名

validation-required = 此项为必填。
validation-too_long = 内容太长。
validation-too_many = 条目太多。
validation-invalid_characters = 包含无法保存的字符。
validation-invalid_date = 请按 YYYY-MM-DD 格式填写日期。
validation-implausible_date = 此日期不可能存在。
validation-implausible_age = 年龄必须在 0 到 120 之间。
validation-invalid_country = 请使用三个字母的国家代码，如 MMR 或 VNM。
validation-invalid_language = 请使用语言代码，如 my, vi 或 zh-Hans。
validation-invalid_location = 请从列表中选择一个地点。
validation-invalid_status = 请从列表中选择一个状态。
validation-before_opening = 结案日期不能早于开立日期。
validation-too_short = 请至少使用 12 个字符。
validation-generic = 请检查此栏位。

error-title = 出现了问题
error-not-found = 此页面不存在，或您无权查看。
error-forbidden = 您无权访问此内容。
error-invalid = 请检查表单。
error-csrf = 此表单已过期。请返回，刷新页面后再试。
error-erased = 此记录已被删除。
error-server = 服务器无法完成此操作。没有保存任何内容。
back = 返回

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = 访问审查
nav-audit = 审计日志
nav-admin = 系统管理
nav-inbox = 收件箱

mfa-title = 登录第二步
mfa-explain = 请输入身份验证器应用中的 6 位数验证码。
mfa-enrol-explain = 您的角色登录时需要第二步验证。请将此密钥添加到您手机上的身份验证器应用，然后输入应用显示的验证码。
mfa-secret = 身份验证器应用的密钥
mfa-open-app = 在此设备上的身份验证器应用中打开
mfa-code = 6 位数验证码
mfa-submit = 继续
mfa-wrong = 此验证码无效。请检查手机上的时间，然后尝试下一个验证码。

review-title = 访问审查
review-explain = 紧急访问和未经同意的信息披露会在此等候，直到主管查看为止。
review-empty = 没有等待审查的事项。
review-col-kind = 类型
review-col-user = 操作人
review-col-reason = 所述理由
review-col-when = 时间
review-open-record = 打开记录
review-mark = 标记为已审查
review-kind-break_glass = 紧急访问
review-kind-consent_override = 未经同意的信息披露

audit-title = 审计日志
audit-explain = 谁在何时、为何做了什么。日志只保存标识符，从不保存姓名或个案内容。
audit-filter-actor = 用户 ID
audit-filter-record = 记录 ID
audit-filter-action = 操作
audit-filter-apply = 筛选
audit-empty = 没有符合条件的事件。
audit-col-when = 时间
audit-col-who = 操作人
audit-col-what = 操作
audit-col-record = 记录
audit-col-why = 理由
audit-col-outcome = 结果

inbox-title = 收件箱
inbox-explain = 这里只显示当事人同意发送给您机构的文件。您的机构无法查看个案记录。
inbox-empty = 尚无文件发送给您的机构。

admin-title = 系统管理
admin-one-time-password = 一次性密码（仅此时显示）：
admin-orgs = 机构
admin-org-name = 名称
admin-org-kind = 类型
admin-org-country = 国家（ISO 代码，如 THA）
admin-org-see-all = 个案工作者可查看所有个案
admin-org-see-all-short = 所有个案工作者都可查看每个个案（仅限姓名和联系方式）
admin-save = 保存
admin-org-new = 新增机构
admin-create = 创建
admin-users = 用户
admin-user-role = 角色
admin-user-org = 机构
admin-user-mfa = 已设置第二步验证
admin-user-new = 新增用户
admin-yes = 是
admin-no = 否
admin-user-created = 已创建用户 { $username }。

consent-title = 信息共享同意
consent-none = 尚未记录任何同意。不得向本机构以外共享任何信息。
consent-purpose = 目的
consent-recipient = 接收机构
consent-categories = 涵盖的信息
consent-expires = 有效期至
consent-status = 状态
consent-withdraw = 撤回
consent-record = 记录新的同意
consent-language = 解释同意内容时所用的语言（代码，如 my）
consent-interpreter = 口译员（如有人协助）
consent-explain-hint = 只有在用本人的语言解释清楚将共享哪些信息、与谁共享、为何共享，并说明本人可以拒绝或随时撤回之后，才可记录同意。
consent-save = 保存同意
consent-withdrawn = 已撤回
consent-in-force = 有效
consent-expired = 已过期
consent-purpose-referral = 转介至服务机构
consent-purpose-cross_border_transfer = 转移至其他国家
consent-purpose-consular_contact = 与领事馆联系
consent-purpose-prosecution_disclosure = 向检察官披露
consent-purpose-tracing = 寻找家人
consent-purpose-research = 研究与统计

category-identity = 身份
category-contact_location = 联系方式与所在地
category-narrative = 本人对事件经过的讲述
category-health = 健康
category-immigration_status = 移民身份
category-forced_acts = 本人被迫做出的行为

access-log-title = 谁访问了此记录以及原因

break-glass-title = 紧急访问
break-glass-explain = 如果有人处于危险之中，而您现在就需要此记录，可以打开它一小时。您的理由会被记录，并由主管审查。
break-glass-reason = 您为何现在需要访问
break-glass-submit = 打开一小时

person-withheld = 未向您显示：
person-withheld-field = 未向您显示

role-caseworker = 个案工作者
role-supervisor = 主管
role-decision_maker = 决策人
role-org_admin = 机构管理员
role-system_admin = 系统管理员
role-auditor = 审计员

org-kind-ngo_assistance = 非政府组织（援助）
org-kind-shelter = 庇护所
org-kind-health = 医疗服务
org-kind-legal_aid = 法律援助
org-kind-labour_inspection = 劳动监察
org-kind-nrm_coordinator = 国家转介协调机构
org-kind-consular = 领事馆
org-kind-police = 警方
org-kind-prosecution = 检察机关
org-kind-immigration = 移民机关
org-kind-border = 边境管理机关

field-reason = 理由
field-expires_on = 有效期至
field-categories = 涵盖的信息
field-recipient = 接收方
field-purpose = 目的
field-kind = 类型
field-role = 角色
field-interpreter = 口译员

validation-invalid_category = 请从所列的信息类型中选择。
validation-in_the_past = 此日期已经过去。
validation-invalid_consent_purpose = 请从列表中选择一个目的。
validation-unknown_org = 请从列表中选择一个机构。
validation-invalid_org_kind = 请从列表中选择一个类型。
validation-invalid_role = 请从列表中选择一个角色。
validation-invalid_username = 请使用字母、数字、点、连字符或下划线。

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = 筛查
screening-section = 筛查记录
screening-none = 尚无筛查。
screening-start = 开始筛查
screening-instrument = 问卷
screening-survivor-language = 访谈所用语言
screening-interpreter = 口译员（如有人协助）
screening-begin = 开始
screening-progress = 第 { $n } 题，共 { $total } 题
screening-answer = 回答
screening-yes = 是
screening-no = 否
screening-prefer-not = 不愿回答
screening-dont-know = 不知道
screening-skip-hint = 所有问题都不是必答题。可以先不回答，以后再回来回答。
screening-save-next = 保存并继续
screening-back = 上一题
screening-pause = 暂停，稍后再继续
screening-overview = 目前的回答
screening-answered = 已回答 { $n } 题
screening-continue = 继续访谈
screening-complete = 完成并查看结果
screening-completed = 已完成
screening-in-progress = 进行中
screening-started = 开始时间
screening-result = 结果
screening-explanation = 原因
screening-element-met = 有迹象
screening-element-not-met = 尚无迹象
screening-needs = 现在可提供的转介
screening-instrument-version = 问卷版本
screening-revisit = 待本人准备好后再回来询问的问题
outcome-reasonable_grounds = 有合理理由：推定此人曾被贩运。从现在起，适用保护措施和不惩罚原则。
outcome-vulnerable_migrant = 处于弱势处境的移民。尚未确立存在被贩运的合理理由，但这里的任何内容都不排除这种可能。请现在转介到下列服务，并在以后再安排一次谈话。
vulnerabilities-heading = 弱势因素
vulnerability-irregular_status = 身份不合规或证件缺失
vulnerability-stranded = 滞留
vulnerability-destitute = 生活无着：没有安全的住处或没有钱买吃的
vulnerability-injured = 受伤或生病
vulnerability-witness_to_abuse = 目睹他人遭受虐待
vulnerability-debt_bondage_risk = 有人以债务相要挟
vulnerability-fear_of_return = 害怕回家
outcome-not_yet_determined = 尚未确定。本人可能还没有准备好说更多。请提供恢复与反思期，并在以后再安排一次谈话。
element-act = 招募、运送或扣留（行为）
element-means = 欺骗、暴力或控制（手段）
element-purpose = 剥削，包括强迫从事犯罪活动（目的）
element-deceptive_recruitment = 欺骗性招募
element-coercive_recruitment = 胁迫性招募
element-recruitment_abuse_of_vulnerability = 利用弱势处境进行招募
element-exploitative_conditions = 剥削性工作条件
element-coercion_at_destination = 在目的地受到胁迫
element-abuse_of_vulnerability_at_destination = 在目的地被利用弱势处境
need-legal_aid = 法律援助
need-medical = 医疗护理
need-psychological = 心理支持
need-shelter = 安全的庇护所
need-return_risk_assessment = 任何返回前的风险评估
need-consular = 领事协助（旅行证件）
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = 招聘网站
option-friend_or_relative = 朋友或亲戚
option-other = 其他
option-beatings = 殴打
option-electric_shocks = 电击
option-solitary_confinement = 被单独关押
option-sexual_violence = 性暴力
option-threats = 威胁
option-witnessed_violence = 目睹他人遭受暴力
option-none_of_these = 以上都没有
option-MMR = 缅甸
option-KHM = 柬埔寨
option-LAO = 老挝
option-PHL = 菲律宾
option-THA = 泰国
option-dont_know = 不知道

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = 不惩罚原则从现在起适用：不得因本人被迫实施的行为（包括违反出入境管理的行为）而对其提起诉讼、给予处罚或予以拘留。
np-urgent-release = 紧急：此人目前被拘留。首先要做的是请求释放此人。
jur-title = 适用的法律
jur-fc-recognised = 国内法承认强迫犯罪属于剥削。
jur-fc-not-recognised = 国内法未将强迫犯罪列为剥削。请改用以下条款。
jur-alternatives = 可依据的条款
jur-np-scope = 国内法中的不惩罚规定
jur-deadlines = 作出“有合理理由”认定的目标期限：{ $days } 个工作日。恢复与反思期：{ $reflection } 天。
jur-decides = 由谁作出最终决定

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = 另有 { $count } 个个案提到同一园区、招聘者或广告，可相互印证。

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = 最终决定
decision-none = 尚无最终决定。最终决定由获授权的决策人在恢复与反思期结束后作出，并附书面理由。
decision-record = 记录最终决定
decision-hint = 恢复与反思期为筛查结束后 { $days } 天。此期限届满前作出的决定不予受理。
decision-conclusion = 决定
decision-confirmed = 认定为人口贩运受害人
decision-not-confirmed = 根据目前所知信息尚未确认（可重新审议；转介继续进行）
decision-reasons = 书面理由
decision-sign = 签署决定
validation-reasons_required = 请填写决定的理由（至少 20 个字符）。
validation-invalid_conclusion = 请从两项决定中选择一项。

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = 任务
tasks-title = 任务
tasks-none = 目前没有需要处理的事项。
tasks-child = 儿童
tasks-overdue = 已逾期
task-request_release = 紧急：请求解除拘留
task-child_in_detention = 紧急：有儿童被拘留
task-reasonable_grounds_due = “有合理理由”认定到期
task-recovery_period_ends = 恢复与反思期结束
task-rescreen = 再次提供筛查

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = 待消除的过往处罚
penalty-none = 未记录任何过往定罪、罚款或驱逐出境令。
penalty-due = 申请消除记录
penalty-expungement = 消除记录
penalty-expungement-update = 更新
penalty-record = 记录一项过往处罚
penalty-kind = 处罚类型
penalty-country = 作出处罚的国家（代码，如 THA）
penalty-date = 日期（如已知）
penalty-offence = 处罚事由
penalty-consequence = 该行为是被贩运的后果
penalty-kind-conviction = 定罪
penalty-kind-fine = 罚款
penalty-kind-deportation_order = 驱逐出境令
penalty-kind-entry_ban = 禁止入境
expungement-not_requested = 尚未申请消除记录
expungement-requested = 已申请消除记录
expungement-granted = 记录已消除
expungement-refused = 消除记录的申请被拒绝

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = 通知：不得处罚推定的人口贩运受害人
notice-to = 致警方、出入境管理机关、检察机关、边境管理机关及各级法院：
notice-finding = 本机构已于 { $date } 认定，有合理理由相信下列人员是人口贩运受害人，包括被贩运并被强迫从事犯罪活动的受害人。
notice-issued-by = 出具机构
notice-principle = 根据不惩罚原则，不得因此人作为被贩运的后果而被迫实施的行为对其予以拘留、指控、起诉或处罚。这尤其适用于：
notice-scope-immigration = 违反出入境管理的行为：非法入境或出境、逾期居留、无证就业、被偷运出入境、无身份证件；
notice-scope-status = 与其身份状况相关的违法行为，以及行政违法行为和民事违法行为；
notice-scope-crimes = 作为被贩运的后果而实施的犯罪，包括网络诈骗、婚恋交友诈骗和投资诈骗、洗钱以及相关的共谋指控。
notice-not-exhaustive = 以上列举并非穷尽。本原则自作出“有合理理由”认定之时起即适用，无需等待最终决定。
notice-release = 此人目前被拘留。我们请求立即释放此人，并将其安置于安全、适当的照护之下。
notice-law = 国内法：
notice-reference = 编号
notice-open = 不惩罚通知（可打印）
notice-pdf = 下载通知 PDF（当事人的语言和主管机关的语言）
notice-authority-language = 接收机关使用的语言

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = 将通知发送至
notice-send = 发送
notice-send-hint = 发送须有当事人针对此目的和此机关的已记录同意。该机关只会收到通知，绝不会收到个案记录。
consent-purpose-non_punishment_notice = 向机关发送不予惩罚通知
inbox-kind-non_punishment_notice = 不予惩罚通知
