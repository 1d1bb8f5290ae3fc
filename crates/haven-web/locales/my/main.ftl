# haven user interface, Burmese (my).
# REVIEW: machine-quality translation written by the development team; needs review by a native-speaking caseworker before production use.

app-name = haven
app-tagline = အွန်လိုင်းလိမ်လည်မှုစခန်းများသို့ လူကုန်ကူးခံခဲ့ရသူများအတွက် ကိစ္စရပ်စီမံခန့်ခွဲမှု
skip-to-content = အကြောင်းအရာသို့ ကျော်သွားရန်
quick-exit = အမြန်ထွက်ရန်
nav-persons = လူများ
nav-new-person = လူသစ်ထည့်ရန်
nav-logout = အကောင့်မှ ထွက်ရန်
nav-signed-in-as = { $username } အဖြစ် ဝင်ထားသည်
nav-language = ဘာသာစကား
nav-language-apply = ပြောင်းရန်
nav-api-docs = API

login-title = အကောင့်ဝင်ရန်
login-username = အသုံးပြုသူအမည်
login-password = စကားဝှက်
login-submit = ဝင်ရန်
login-failed = အသုံးပြုသူအမည် သို့မဟုတ် စကားဝှက် မမှန်ပါ။
login-locked = ကြိုးစားမှု အကြိမ်များလွန်းပါသည်။ ဤအကောင့်ကို မိနစ်အနည်းငယ် ခေတ္တရပ်ထားပါသည်။
login-rate-limited = ဤစက်မှ ကြိုးစားမှု အကြိမ်များလွန်းပါသည်။ တစ်မိနစ်စောင့်ပြီး ထပ်ကြိုးစားပါ။

password-title = စကားဝှက်အသစ် ရွေးပါ
password-explain = သင့်စကားဝှက်ကို အခြားသူတစ်ဦးက သတ်မှတ်ထားခဲ့သည်။ ဆက်မလုပ်မီ သင့်ကိုယ်ပိုင် စကားဝှက်ကို ရွေးပါ။
password-new = စကားဝှက်အသစ် (အနည်းဆုံး စာလုံး 12 လုံး)
password-confirm = စကားဝှက်အသစ်ကို ထပ်ရိုက်ပါ
password-submit = စကားဝှက် သိမ်းရန်
password-mismatch = စကားဝှက်နှစ်ခု မတူပါ။

persons-title = လူများ
persons-search-label = အမည်ဖြင့် ရှာရန်
persons-search-submit = ရှာရန်
persons-search-hint = အမည်ကို မည်သည့်စာလုံးဖြင့်မဆို သို့မဟုတ် လက်တင်အက္ခရာဖြင့် ရိုက်ပါ- "Nguyen" ဖြင့် ရှာလျှင် "Nguyễn" ကိုလည်း တွေ့ပါမည်။
persons-empty = မည်သူ့ကိုမျှ မထည့်ရသေးပါ။
persons-no-match = ဤရှာဖွေမှုနှင့် ကိုက်ညီသူ မရှိပါ။
persons-col-name = အမည်
persons-col-location = လက်ရှိနေရာ
persons-col-added = ထည့်သည့်ရက်
persons-next = နောက်စာမျက်နှာ
persons-prev = ယခင်စာမျက်နှာ

person-new-title = လူသစ်ထည့်ရန်
person-full-name = အမည်အပြည့်အစုံ (ထိုသူကိုယ်တိုင် ရေးသည့်အတိုင်း)
person-full-name-hint = အမည်တစ်ခုလုံးအတွက် အကွက်တစ်ခုတည်း ဖြစ်သည်။ မည်သည့်စာလုံးဖြင့်မဆို ထိုသူ၏ ကိုယ်ပိုင်အစီအစဉ်အတိုင်း ရေးပါ။
person-other-names = အခြားအမည်များ သို့မဟုတ် အမည်ပြောင်များ၊ တစ်ကြောင်းလျှင် တစ်ခု
person-latin-name = လက်တင်အက္ခရာဖြင့် အမည်
person-sex = လိင် (ထိုသူကိုယ်တိုင် ဖော်ပြသည့်အတိုင်း)
person-dob = မွေးသက္ကရာဇ် (YYYY-MM-DD)
person-estimated-age = သို့မဟုတ်- ခန့်မှန်းအသက် (နှစ်)
person-age-uncertain = အသက် မသေချာပါ
person-nationalities = နိုင်ငံသားအဖြစ်များ- MMR, VNM ကဲ့သို့ နိုင်ငံကုဒ်များ၊ ကော်မာဖြင့် ခွဲပါ
person-languages = ဘာသာစကားများ- my, vi, th ကဲ့သို့ ကုဒ်များ၊ ကော်မာဖြင့် ခွဲပါ
person-contact = ဆက်သွယ်ရန်
person-location = ထိုသူ ယခု ရှိနေသည့်နေရာ
person-notes = မှတ်စုများ
person-save = သိမ်းရန်
person-optional = မထည့်လည်း ရပါသည်
person-prefer-not = အမည်မှလွဲ၍ အကွက်အားလုံးကို ကွက်လပ်ထားနိုင်ပါသည်၊ ဥပမာ ထိုသူက မပြောလိုလျှင် ဖြစ်သည်။

location-shelter = ခိုလှုံရာနေရာ
location-community = ရပ်ရွာအတွင်း
location-immigration_detention = လူဝင်မှုကြီးကြပ်ရေး၏ ထိန်းသိမ်းထားမှု
location-police_custody = ရဲ၏ ထိန်းသိမ်းထားမှု
location-hospital = ဆေးရုံ
location-in_compound = စခန်းထဲတွင် ရှိနေဆဲ
location-unknown = မသိပါ

person-title = ပုဂ္ဂိုလ်
person-may-be-child = ဤသူသည် ကလေးဖြစ်နိုင်ပါသည်။ အသက်အကဲဖြတ်ချက်က အခြားနည်း မပြမချင်း ကလေးဆိုင်ရာ လုပ်ထုံးလုပ်နည်းကို လိုက်နာပါ။
person-detained = ဤသူသည် ထိန်းသိမ်းခံထားရပါသည်။
person-cases = ကိစ္စရပ်များ
person-no-cases = ကိစ္စရပ် မရှိသေးပါ။
person-open-case = ကိစ္စရပ် ဖွင့်ရန်
person-erase = ဤသူ၏ မှတ်တမ်းကို ဖျက်ရန်
person-erase-explain = ဖျက်လိုက်လျှင် ဤမှတ်တမ်း၏ သော့ကို ဖျက်ဆီးပါမည်။ အရန်မိတ္တူမှပင် ပြန်ယူ၍ မရနိုင်ပါ။
person-erase-confirm = ဤအရာကို ပြန်ပြင်၍ မရကြောင်း နားလည်ပါသည်
person-erased = ဤမှတ်တမ်းကို ဖျက်ပြီးပါပြီ။
person-age = { $years } နှစ်
person-age-estimated = { $years } နှစ်ခန့်
person-age-estimated-uncertain = { $years } နှစ်ခန့် (မသေချာ)
person-not-recorded = မှတ်တမ်းမတင်ထားပါ
person-created = ထည့်သည့်ရက်

case-title = ကိစ္စရပ်
case-status = အခြေအနေ
case-opened = ဖွင့်သည့်ရက်
case-closed = ပိတ်သည့်ရက်
case-assigned = တာဝန်ယူသူ
case-unassigned = မရှိသေးပါ
case-person = ပုဂ္ဂိုလ်
case-notes = မှတ်စုများ
case-no-notes = မှတ်စု မရှိသေးပါ။
case-add-note = မှတ်စု ထည့်ရန်
case-note-save = မှတ်စု သိမ်းရန်
case-note-erased = (ထိုသူ၏ မှတ်တမ်းနှင့်အတူ ဖျက်ပြီး)
case-status-change = အခြေအနေ ပြောင်းရန်
case-status-save = အခြေအနေ သိမ်းရန်
status-open = ဖွင့်ထားသည်
status-active = ဆောင်ရွက်နေဆဲ
status-suspended = ခေတ္တရပ်ထားသည်
status-closed = ပိတ်ပြီး

field-full_name = အမည်အပြည့်အစုံ
field-other_names = အခြားအမည်များ
field-latin_name = လက်တင်အက္ခရာဖြင့် အမည်
field-sex = လိင်
field-date_of_birth = မွေးသက္ကရာဇ်
field-estimated_age = ခန့်မှန်းအသက်
field-nationalities = နိုင်ငံသားအဖြစ်များ
field-languages = ဘာသာစကားများ
field-contact = ဆက်သွယ်ရန်
field-location = လက်ရှိနေရာ
field-notes = မှတ်စုများ
field-body = မှတ်စု
field-status = အခြေအနေ
field-closed_on = ပိတ်သည့်ရက်
field-password = စကားဝှက်
field-username = အသုံးပြုသူအမည်

validation-required = ဤအကွက်ကို ဖြည့်ရန် လိုအပ်ပါသည်။
validation-too_long = ရှည်လွန်းပါသည်။
validation-too_many = ထည့်သွင်းချက် များလွန်းပါသည်။
validation-invalid_characters = သိမ်းဆည်း၍ မရသော စာလုံးများ ပါဝင်နေပါသည်။
validation-invalid_date = ရက်စွဲကို YYYY-MM-DD ပုံစံဖြင့် ရေးပါ။
validation-implausible_date = ဤရက်စွဲသည် ဖြစ်နိုင်ခြေ မရှိပါ။
validation-implausible_age = အသက်သည် 0 မှ 120 အတွင်း ဖြစ်ရပါမည်။
validation-invalid_country = MMR သို့မဟုတ် VNM ကဲ့သို့ စာလုံးသုံးလုံးပါ နိုင်ငံကုဒ်ကို သုံးပါ။
validation-invalid_language = my, vi သို့မဟုတ် zh-Hans ကဲ့သို့ ဘာသာစကားကုဒ်ကို သုံးပါ။
validation-invalid_location = စာရင်းထဲမှ နေရာတစ်ခုကို ရွေးပါ။
validation-invalid_status = စာရင်းထဲမှ အခြေအနေတစ်ခုကို ရွေးပါ။
validation-before_opening = ကိစ္စရပ်ကို ဖွင့်သည့်ရက်မတိုင်မီ ပိတ်၍ မရပါ။
validation-too_short = အနည်းဆုံး စာလုံး 12 လုံး သုံးပါ။
validation-generic = ဤအကွက်ကို စစ်ဆေးပေးပါ။

error-title = တစ်ခုခု မှားယွင်းသွားပါသည်
error-not-found = ဤစာမျက်နှာ မရှိပါ၊ သို့မဟုတ် သင်ကြည့်ခွင့် မရှိပါ။
error-forbidden = ဤအရာကို ဝင်ကြည့်ခွင့် သင့်တွင် မရှိပါ။
error-invalid = ဖောင်ကို စစ်ဆေးပေးပါ။
error-csrf = ဤဖောင် သက်တမ်းကုန်သွားပါပြီ။ နောက်သို့ပြန်သွားပြီး စာမျက်နှာကို ပြန်ဖွင့်ကာ ထပ်ကြိုးစားပါ။
error-erased = ဤမှတ်တမ်းကို ဖျက်ပြီးပါပြီ။
error-server = ဆာဗာက ဤလုပ်ငန်းကို မပြီးဆုံးနိုင်ပါ။ ဘာမျှ မသိမ်းရသေးပါ။
back = နောက်သို့

# --- Identity, access and the firewall --- (REVIEW: machine-quality, needs native review)
nav-review = ဝင်ကြည့်မှုများ ပြန်လည်စစ်ဆေးခြင်း
nav-audit = စစ်ဆေးရေးမှတ်တမ်း
nav-admin = စီမံခန့်ခွဲမှု
nav-inbox = ဝင်စာပုံး

mfa-title = အကောင့်ဝင်ခြင်း၏ ဒုတိယအဆင့်
mfa-explain = သင့်အတည်ပြုအက်ပ်မှ ဂဏန်း 6 လုံးပါ ကုဒ်ကို ထည့်ပါ။
mfa-enrol-explain = သင့်အခန်းကဏ္ဍအတွက် ဒုတိယအဆင့်ဖြင့် အကောင့်ဝင်ရပါသည်။ ဤသော့ကို သင့်ဖုန်းရှိ အတည်ပြုအက်ပ်တွင် ထည့်ပြီး ၎င်းပြသည့် ကုဒ်ကို ထည့်ပါ။
mfa-secret = အတည်ပြုအက်ပ်အတွက် သော့
mfa-open-app = ဤစက်ပေါ်ရှိ အတည်ပြုအက်ပ်တွင် ဖွင့်ရန်
mfa-code = ဂဏန်း 6 လုံးပါ ကုဒ်
mfa-submit = ဆက်လုပ်ရန်
mfa-wrong = ထိုကုဒ် အသုံးမဝင်ပါ။ သင့်ဖုန်းရှိ အချိန်ကို စစ်ဆေးပြီး နောက်ကုဒ်ဖြင့် ထပ်ကြိုးစားပါ။

review-title = ဝင်ကြည့်မှုများ ပြန်လည်စစ်ဆေးခြင်း
review-explain = အရေးပေါ် ဝင်ကြည့်မှုများနှင့် သဘောတူညီချက်မရှိဘဲ ထုတ်ဖော်မှုများသည် ကြီးကြပ်သူတစ်ဦး စစ်ဆေးပြီးသည်အထိ ဤနေရာတွင် စောင့်ဆိုင်းနေပါသည်။
review-empty = ပြန်လည်စစ်ဆေးရန် စောင့်ဆိုင်းနေသည့်အရာ မရှိပါ။
review-col-kind = အမျိုးအစား
review-col-user = ဆောင်ရွက်သူ
review-col-reason = ပေးထားသည့် အကြောင်းပြချက်
review-col-when = အချိန်
review-open-record = မှတ်တမ်းကို ဖွင့်ရန်
review-mark = စစ်ဆေးပြီးအဖြစ် မှတ်သားရန်
review-kind-break_glass = အရေးပေါ် ဝင်ကြည့်မှု
review-kind-consent_override = သဘောတူညီချက်မရှိဘဲ ထုတ်ဖော်မှု

audit-title = စစ်ဆေးရေးမှတ်တမ်း
audit-explain = မည်သူက ဘာကို မည်သည့်အချိန်တွင် အဘယ်ကြောင့် လုပ်ခဲ့သနည်း။ ဤမှတ်တမ်းတွင် ID နံပါတ်များသာ ပါဝင်ပြီး အမည်များ သို့မဟုတ် ကိစ္စရပ်အကြောင်းအရာများ လုံးဝ မပါဝင်ပါ။
audit-filter-actor = အသုံးပြုသူ ID
audit-filter-record = မှတ်တမ်း ID
audit-filter-action = လုပ်ဆောင်ချက်
audit-filter-apply = စစ်ထုတ်ရန်
audit-empty = ကိုက်ညီသည့် ဖြစ်ရပ် မရှိပါ။
audit-col-when = အချိန်
audit-col-who = ဆောင်ရွက်သူ
audit-col-what = လုပ်ဆောင်ချက်
audit-col-record = မှတ်တမ်း
audit-col-why = အကြောင်းပြချက်
audit-col-outcome = ရလဒ်

inbox-title = ဝင်စာပုံး
inbox-explain = သက်ဆိုင်သူကိုယ်တိုင် သင့်အဖွဲ့အစည်းထံ ပေးပို့ရန် သဘောတူထားသည့် စာရွက်စာတမ်းများသာ ဤနေရာတွင် ပေါ်ပါမည်။ သင့်အဖွဲ့အစည်းသည် ကိစ္စရပ်မှတ်တမ်းများကို ကြည့်၍ မရပါ။
inbox-empty = သင့်အဖွဲ့အစည်းထံ ပေးပို့ထားသည့် စာရွက်စာတမ်း မရှိသေးပါ။

admin-title = စီမံခန့်ခွဲမှု
admin-one-time-password = တစ်ကြိမ်သာသုံးရသည့် စကားဝှက် (ယခုသာ ပြသပါမည်):
admin-orgs = အဖွဲ့အစည်းများ
admin-org-name = အမည်
admin-org-kind = အမျိုးအစား
admin-org-country = နိုင်ငံ (ISO ကုဒ်၊ ဥပမာ THA)
admin-org-see-all = ကိစ္စရပ်ဆောင်ရွက်သူများ ကိစ္စရပ်အားလုံးကို မြင်ရသည်
admin-org-see-all-short = ကိစ္စရပ်ဆောင်ရွက်သူ အားလုံး ကိစ္စရပ်တိုင်းကို မြင်ရသည် (အမည်နှင့် ဆက်သွယ်ရန် အချက်အလက်သာ)
admin-save = သိမ်းရန်
admin-org-new = အဖွဲ့အစည်းအသစ်
admin-create = ဖန်တီးရန်
admin-users = အသုံးပြုသူများ
admin-user-role = အခန်းကဏ္ဍ
admin-user-org = အဖွဲ့အစည်း
admin-user-mfa = ဒုတိယအဆင့် သတ်မှတ်ပြီး
admin-user-new = အသုံးပြုသူအသစ်
admin-yes = ဟုတ်
admin-no = မဟုတ်
admin-user-created = အသုံးပြုသူ { $username } ကို ဖန်တီးပြီးပါပြီ။

consent-title = မျှဝေရန် သဘောတူညီချက်
consent-none = သဘောတူညီချက် မှတ်တမ်းတင်ထားခြင်း မရှိပါ။ ဤအဖွဲ့အစည်း၏ ပြင်ပသို့ မည်သည့်အရာကိုမျှ မမျှဝေရပါ။
consent-purpose = ရည်ရွယ်ချက်
consent-recipient = လက်ခံမည့် အဖွဲ့အစည်း
consent-categories = ပါဝင်သည့် အချက်အလက်
consent-expires = သက်တမ်းရှိသည့် နောက်ဆုံးရက်
consent-status = အခြေအနေ
consent-withdraw = ပြန်ရုပ်သိမ်းရန်
consent-record = သဘောတူညီချက်အသစ် မှတ်တမ်းတင်ရန်
consent-language = သဘောတူညီချက်ကို ရှင်းပြခဲ့သည့် ဘာသာစကား (ကုဒ်၊ ဥပမာ my)
consent-interpreter = စကားပြန် (ကူညီခဲ့လျှင်)
consent-explain-hint = မည်သည့်အချက်အလက်ကို မည်သူနှင့် အဘယ်ကြောင့် မျှဝေမည်ဖြစ်ကြောင်းနှင့် ငြင်းဆိုနိုင်ကြောင်း၊ အချိန်မရွေး ပြန်ရုပ်သိမ်းနိုင်ကြောင်းကို ထိုသူ၏ ဘာသာစကားဖြင့် ရှင်းပြပြီးမှသာ သဘောတူညီချက်ကို မှတ်တမ်းတင်ပါ။
consent-save = သဘောတူညီချက် သိမ်းရန်
consent-withdrawn = ပြန်ရုပ်သိမ်းပြီး
consent-in-force = အကျိုးသက်ရောက်ဆဲ
consent-expired = သက်တမ်းကုန်ပြီး
consent-purpose-referral = ဝန်ဆောင်မှုတစ်ခုသို့ လွှဲပြောင်းညွှန်းပို့ခြင်း
consent-purpose-cross_border_transfer = အခြားနိုင်ငံသို့ လွှဲပြောင်းခြင်း
consent-purpose-consular_contact = ကောင်စစ်ဝန်ရုံးနှင့် ဆက်သွယ်ခြင်း
consent-purpose-prosecution_disclosure = အစိုးရရှေ့နေထံ ထုတ်ဖော်ပေးခြင်း
consent-purpose-tracing = မိသားစုကို ရှာဖွေခြင်း
consent-purpose-research = သုတေသနနှင့် စာရင်းအင်း

category-identity = ကိုယ်ရေးအထောက်အထား
category-contact_location = ဆက်သွယ်ရန်နှင့် တည်နေရာ
category-narrative = ဖြစ်ရပ်များအကြောင်း ပြောပြချက်
category-health = ကျန်းမာရေး
category-immigration_status = လူဝင်မှုကြီးကြပ်ရေးဆိုင်ရာ အခြေအနေ
category-forced_acts = ထိုသူကို အတင်းအကြပ် ခိုင်းစေခဲ့သည့် လုပ်ရပ်များ

access-log-title = ဤမှတ်တမ်းကို မည်သူ ဝင်ကြည့်ခဲ့သည်နှင့် အဘယ်ကြောင့်

break-glass-title = အရေးပေါ် ဝင်ကြည့်မှု
break-glass-explain = တစ်စုံတစ်ဦး အန္တရာယ်ရှိနေပြီး ဤမှတ်တမ်းကို ယခုချက်ချင်း လိုအပ်ပါက တစ်နာရီကြာ ဖွင့်ကြည့်နိုင်ပါသည်။ သင့်အကြောင်းပြချက်ကို မှတ်တမ်းတင်ထားမည်ဖြစ်ပြီး ကြီးကြပ်သူတစ်ဦးက ပြန်လည်စစ်ဆေးပါမည်။
break-glass-reason = ယခု ဝင်ကြည့်ရန် အဘယ်ကြောင့် လိုအပ်သနည်း
break-glass-submit = တစ်နာရီကြာ ဖွင့်ရန်

person-withheld = သင့်အား မပြသထားသည်များ-
person-withheld-field = သင့်အား မပြသထားပါ

role-caseworker = ကိစ္စရပ်ဆောင်ရွက်သူ
role-supervisor = ကြီးကြပ်သူ
role-decision_maker = ဆုံးဖြတ်ချက်ချသူ
role-org_admin = အဖွဲ့အစည်း စီမံခန့်ခွဲသူ
role-system_admin = စနစ် စီမံခန့်ခွဲသူ
role-auditor = စစ်ဆေးသူ

org-kind-ngo_assistance = NGO (အကူအညီပေးရေး)
org-kind-shelter = ခိုလှုံရာနေရာ
org-kind-health = ကျန်းမာရေး ဝန်ဆောင်မှု
org-kind-legal_aid = ဥပဒေရေးရာ အကူအညီ
org-kind-labour_inspection = အလုပ်သမား စစ်ဆေးရေး
org-kind-nrm_coordinator = အမျိုးသားအဆင့် လွှဲပြောင်းညွှန်းပို့ရေး ညှိနှိုင်းသူ
org-kind-consular = ကောင်စစ်ဝန်ရုံး
org-kind-police = ရဲ
org-kind-prosecution = အစိုးရရှေ့နေ
org-kind-immigration = လူဝင်မှုကြီးကြပ်ရေး
org-kind-border = နယ်စပ်အာဏာပိုင်

field-reason = အကြောင်းပြချက်
field-expires_on = သက်တမ်းရှိသည့် နောက်ဆုံးရက်
field-categories = ပါဝင်သည့် အချက်အလက်
field-recipient = လက်ခံသူ
field-purpose = ရည်ရွယ်ချက်
field-kind = အမျိုးအစား
field-role = အခန်းကဏ္ဍ
field-interpreter = စကားပြန်

validation-invalid_category = စာရင်းပါ အချက်အလက်အမျိုးအစားများထဲမှ ရွေးပါ။
validation-in_the_past = ဤရက်စွဲ ကျော်လွန်သွားပါပြီ။
validation-invalid_consent_purpose = စာရင်းထဲမှ ရည်ရွယ်ချက်တစ်ခုကို ရွေးပါ။
validation-unknown_org = စာရင်းထဲမှ အဖွဲ့အစည်းတစ်ခုကို ရွေးပါ။
validation-invalid_org_kind = စာရင်းထဲမှ အမျိုးအစားတစ်ခုကို ရွေးပါ။
validation-invalid_role = စာရင်းထဲမှ အခန်းကဏ္ဍတစ်ခုကို ရွေးပါ။
validation-invalid_username = စာလုံးများ၊ ဂဏန်းများ၊ အစက် (.)၊ တုံးတို (-) သို့မဟုတ် အောက်မျဉ်း (_) ကိုသာ သုံးပါ။

# --- Identification interview --- (REVIEW: machine-quality, needs native review)
screening-title = စိစစ်ခြင်း
screening-section = စိစစ်မှုများ
screening-none = စိစစ်မှု မရှိသေးပါ။
screening-start = စိစစ်မှု စတင်ရန်
screening-instrument = မေးခွန်းလွှာ
screening-survivor-language = တွေ့ဆုံမေးမြန်းမှုတွင် သုံးသည့် ဘာသာစကား
screening-interpreter = စကားပြန် (ကူညီနိုင်လျှင်)
screening-begin = စတင်ရန်
screening-progress = မေးခွန်း { $total } ခုအနက် { $n } ခုမြောက်
screening-answer = အဖြေ
screening-yes = ဟုတ်
screening-no = မဟုတ်
screening-prefer-not = မပြောလိုပါ
screening-dont-know = မသိပါ
screening-skip-hint = မဖြေမနေရ မေးခွန်း မရှိပါ။ နောက်မှ ပြန်ဖြေနိုင်ရန် မဖြေဘဲ ချန်ထားနိုင်ပါသည်။
screening-save-next = သိမ်းပြီး ဆက်လုပ်ရန်
screening-back = ယခင်မေးခွန်း
screening-pause = ခေတ္တရပ်ပြီး နောက်မှ ပြန်လာရန်
screening-overview = ယခုအထိ ရရှိထားသော အဖြေများ
screening-answered = { $n } ခု ဖြေပြီး
screening-continue = တွေ့ဆုံမေးမြန်းမှုကို ဆက်လုပ်ရန်
screening-complete = အဆုံးသတ်ပြီး ရလဒ်ကြည့်ရန်
screening-completed = ပြီးဆုံးပြီး
screening-in-progress = ဆောင်ရွက်နေဆဲ
screening-started = စတင်သည့်ရက်
screening-result = ရလဒ်
screening-explanation = အကြောင်းရင်း
screening-element-met = လက္ခဏာ တွေ့ရှိသည်
screening-element-not-met = လက္ခဏာ မတွေ့ရသေးပါ
screening-needs = ယခု ကမ်းလှမ်းရန် လွှဲပြောင်းညွှန်းပို့မှုများ
screening-instrument-version = မေးခွန်းလွှာ ဗားရှင်း
screening-revisit = ထိုသူ အသင့်ဖြစ်သည့်အခါ ပြန်မေးရန် မေးခွန်းများ
outcome-reasonable_grounds = ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းရှိသည်- ဤသူသည် လူကုန်ကူးခံခဲ့ရသူဖြစ်သည်ဟု ယူဆပါသည်။ ယခုမှစ၍ အကာအကွယ်ပေးရေးနှင့် အပြစ်မပေးရေးမူ သက်ရောက်ပါသည်။
outcome-vulnerable_migrant = ထိခိုက်လွယ်သော အခြေအနေတွင် ရှိနေသည့် ရွှေ့ပြောင်းသွားလာသူ။ လူကုန်ကူးခံရသည်ဟု ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းကို မသတ်မှတ်ရသေးပါ၊ သို့သော် ဤနေရာရှိ မည်သည့်အချက်ကမျှ ထိုဖြစ်နိုင်ခြေကို ပယ်ချခြင်း မဟုတ်ပါ။ အောက်ပါ ဝန်ဆောင်မှုများသို့ ယခု လွှဲပြောင်းညွှန်းပို့ပြီး နောင်တွင် ထပ်မံ စကားပြောရန် ကမ်းလှမ်းပါ။
vulnerabilities-heading = ထိခိုက်လွယ်မှုများ
vulnerability-irregular_status = တရားဝင် နေထိုင်ခွင့် မရှိခြင်း သို့မဟုတ် စာရွက်စာတမ်း မရှိခြင်း
vulnerability-stranded = ပိတ်မိနေခြင်း
vulnerability-destitute = ချို့တဲ့နေခြင်း- ဘေးကင်းစွာ နေစရာနေရာ မရှိခြင်း သို့မဟုတ် အစားအသောက်အတွက် ငွေမရှိခြင်း
vulnerability-injured = ဒဏ်ရာရခြင်း သို့မဟုတ် နေမကောင်းခြင်း
vulnerability-witness_to_abuse = အခြားသူများ ညှဉ်းပန်းခံရခြင်းကို မြင်တွေ့ခဲ့ရခြင်း
vulnerability-debt_bondage_risk = တစ်စုံတစ်ယောက်က ဖိအားပေးရန် အသုံးပြုနေသော အကြွေး
vulnerability-fear_of_return = အိမ်ပြန်ရန် ကြောက်ရွံ့ခြင်း
outcome-not_yet_determined = မဆုံးဖြတ်ရသေးပါ။ ထိုသူသည် ထပ်မံပြောပြရန် အသင့်မဖြစ်သေးခြင်း ဖြစ်နိုင်ပါသည်။ ပြန်လည်နာလန်ထူရန်နှင့် စဉ်းစားရန် ကာလကို ကမ်းလှမ်းပြီး နောင်တွင် ထပ်မံ စကားပြောရန် စီစဉ်ပါ။
element-act = စုဆောင်းခြင်း၊ သယ်ယူပို့ဆောင်ခြင်း သို့မဟုတ် ထိန်းထားခြင်း (ပြုလုပ်မှု)
element-means = လှည့်စားခြင်း၊ အင်အားသုံးခြင်း သို့မဟုတ် ထိန်းချုပ်ခြင်း (နည်းလမ်း)
element-purpose = အမြတ်ထုတ်ခြင်း၊ ရာဇဝတ်မှုဆိုင်ရာ အလုပ်ကို အတင်းအကျပ် ခိုင်းစေခြင်း အပါအဝင် (ရည်ရွယ်ချက်)
element-deceptive_recruitment = လှည့်စား၍ အလုပ်ခေါ်ခြင်း
element-coercive_recruitment = အတင်းအကျပ် အလုပ်ခေါ်ခြင်း
element-recruitment_abuse_of_vulnerability = ထိခိုက်လွယ်သော အခြေအနေကို အခွင့်ကောင်းယူ၍ အလုပ်ခေါ်ခြင်း
element-exploitative_conditions = အမြတ်ထုတ်ခံရသော အလုပ်အခြေအနေများ
element-coercion_at_destination = ရောက်ရှိရာနေရာတွင် အတင်းအကျပ် ခိုင်းစေခြင်း
element-abuse_of_vulnerability_at_destination = ရောက်ရှိရာနေရာတွင် ထိခိုက်လွယ်သော အခြေအနေကို အခွင့်ကောင်းယူခြင်း
need-legal_aid = ဥပဒေရေးရာ အကူအညီ
need-medical = ဆေးကုသမှု
need-psychological = စိတ်ပိုင်းဆိုင်ရာ ပံ့ပိုးမှု
need-shelter = လုံခြုံသော ခိုလှုံရာနေရာ
need-return_risk_assessment = ပြန်မသွားမီ အန္တရာယ်ရှိမရှိ အကဲဖြတ်ခြင်း
need-consular = ကောင်စစ်ဝန်ရုံး အကူအညီ (ခရီးသွား စာရွက်စာတမ်းများ)
option-facebook = Facebook
option-telegram = Telegram
option-tiktok = TikTok
option-whatsapp = WhatsApp
option-line = LINE
option-wechat = WeChat
option-job_website = အလုပ်ရှာဖွေရေး ဝက်ဘ်ဆိုက်
option-friend_or_relative = သူငယ်ချင်း သို့မဟုတ် ဆွေမျိုး
option-other = အခြား
option-beatings = ရိုက်နှက်ခံရခြင်း
option-electric_shocks = လျှပ်စစ်ဖြင့် ရှော့တိုက်ခံရခြင်း
option-solitary_confinement = တစ်ယောက်တည်း ပိတ်လှောင်ခံရခြင်း
option-sexual_violence = လိင်ပိုင်းဆိုင်ရာ အကြမ်းဖက်မှု
option-threats = ခြိမ်းခြောက်ခံရခြင်း
option-witnessed_violence = အခြားသူများအပေါ် အကြမ်းဖက်မှုကို မြင်တွေ့ရခြင်း
option-none_of_these = ဤအရာများထဲမှ တစ်ခုမှ မရှိပါ
option-MMR = မြန်မာ
option-KHM = ကမ္ဘောဒီးယား
option-LAO = လာအို
option-PHL = ဖိလစ်ပိုင်
option-THA = ထိုင်း
option-dont_know = မသိပါ

# --- Non-punishment and jurisdiction --- (REVIEW: machine-quality, needs native review)
np-applies = ယခုမှစ၍ အပြစ်မပေးရေးမူ သက်ရောက်ပါသည်- ဤသူကို အတင်းအကျပ် ခိုင်းစေခံရ၍ ကျူးလွန်ခဲ့ရသော လုပ်ရပ်များ (လူဝင်မှုကြီးကြပ်ရေးဆိုင်ရာ ပြစ်မှုများ အပါအဝင်) အတွက် တရားစွဲဆိုခြင်း၊ အပြစ်ပေးခြင်း သို့မဟုတ် ထိန်းသိမ်းခြင်း မပြုရပါ။
np-urgent-release = အရေးပေါ်- ဤသူသည် ထိန်းသိမ်းခံထားရပါသည်။ ပထမဆုံး လုပ်ဆောင်ရမည့်အရာမှာ ၎င်းကို လွှတ်ပေးရန် တောင်းဆိုခြင်း ဖြစ်ပါသည်။
jur-title = သက်ဆိုင်သည့် ဥပဒေ
jur-fc-recognised = အမျိုးသားဥပဒေသည် ရာဇဝတ်မှု ကျူးလွန်ရန် အတင်းအကျပ် ခိုင်းစေခြင်းကို အမြတ်ထုတ်ခြင်းအဖြစ် အသိအမှတ်ပြုပါသည်။
jur-fc-not-recognised = အမျိုးသားဥပဒေတွင် ရာဇဝတ်မှု ကျူးလွန်ရန် အတင်းအကျပ် ခိုင်းစေခြင်းကို အမြတ်ထုတ်ခြင်းအဖြစ် ဖော်ပြမထားပါ။ ယင်းအစား အောက်ပါ ပြဋ္ဌာန်းချက်များကို အသုံးပြုပါ။
jur-alternatives = အားကိုးနိုင်သည့် ပြဋ္ဌာန်းချက်များ
jur-np-scope = အမျိုးသားဥပဒေရှိ အပြစ်မပေးရေးမူ
jur-deadlines = ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းရှိမရှိ ဆုံးဖြတ်ရန် ပစ်မှတ်- အလုပ်ဖွင့်ရက် { $days } ရက်။ ပြန်လည်နာလန်ထူရန်နှင့် စဉ်းစားရန် ကာလ- { $reflection } ရက်။
jur-decides = နောက်ဆုံး ဆုံးဖြတ်ချက်ချသူ

# --- Corroboration --- (REVIEW: machine-quality, needs native review)
screening-corroborated = တူညီသော စခန်း၊ အလုပ်ခေါ်ယူသူ သို့မဟုတ် ကြော်ငြာကို ဖော်ပြသည့် အခြားကိစ္စရပ် { $count } ခုက ထောက်ခံသည်။

# --- Conclusive decision --- (REVIEW: machine-quality, needs native review)
decision-title = နောက်ဆုံး ဆုံးဖြတ်ချက်
decision-none = နောက်ဆုံး ဆုံးဖြတ်ချက် မရှိသေးပါ။ ပြန်လည်နာလန်ထူရန်နှင့် စဉ်းစားရန် ကာလ ပြီးဆုံးပြီးနောက် လုပ်ပိုင်ခွင့်ရှိသော ဆုံးဖြတ်ချက်ချသူက စာဖြင့်ရေးသားထားသော အကြောင်းပြချက်များနှင့်အတူ ဆုံးဖြတ်ပါသည်။
decision-record = နောက်ဆုံး ဆုံးဖြတ်ချက်ကို မှတ်တမ်းတင်ရန်
decision-hint = ပြန်လည်နာလန်ထူရန်နှင့် စဉ်းစားရန် ကာလသည် စိစစ်ခြင်း ပြီးဆုံးသည့်နေ့မှစ၍ { $days } ရက် ဖြစ်ပါသည်။ ထိုကာလ မပြည့်မီ ချသော ဆုံးဖြတ်ချက်များကို လက်မခံပါ။
decision-conclusion = ဆုံးဖြတ်ချက်
decision-confirmed = လူကုန်ကူးခံခဲ့ရသူအဖြစ် သတ်မှတ်ဖော်ထုတ်ပါသည်
decision-not-confirmed = ယခုသိရှိထားသော အချက်အလက်များအရ အတည်မပြုနိုင်သေးပါ (ပြန်လည်သုံးသပ်နိုင်ပါသည်၊ လွှဲပြောင်းညွှန်းပို့မှုများ ဆက်လက်ဆောင်ရွက်ပါသည်)
decision-reasons = စာဖြင့်ရေးသားထားသော အကြောင်းပြချက်များ
decision-sign = ဆုံးဖြတ်ချက်ကို လက်မှတ်ထိုးရန်
validation-reasons_required = ဆုံးဖြတ်ချက်အတွက် အကြောင်းပြချက်များကို ရေးပါ (အနည်းဆုံး စာလုံး 20 လုံး)။
validation-invalid_conclusion = ဆုံးဖြတ်ချက် နှစ်ခုအနက် တစ်ခုကို ရွေးပါ။

# --- Task list --- (REVIEW: machine-quality, needs native review)
nav-tasks = လုပ်ငန်းများ
tasks-title = လုပ်ငန်းများ
tasks-none = ယခု လုပ်ဆောင်ရန် မရှိပါ။
tasks-child = ကလေး
tasks-overdue = သတ်မှတ်ရက် ကျော်လွန်
task-request_release = အရေးပေါ်- ထိန်းသိမ်းမှုမှ လွှတ်ပေးရန် တောင်းဆိုပါ
task-child_in_detention = အရေးပေါ်- ကလေးတစ်ဦး ထိန်းသိမ်းခံထားရပါသည်
task-reasonable_grounds_due = ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းရှိမရှိ ဆုံးဖြတ်ရန် သတ်မှတ်ရက်
task-recovery_period_ends = ပြန်လည်နာလန်ထူရန်နှင့် စဉ်းစားရန် ကာလ ပြီးဆုံးမည်
task-rescreen = နောက်ထပ် စိစစ်မှုတစ်ခု ကမ်းလှမ်းပါ

# --- Past penalties (expungement) --- (REVIEW: machine-quality, needs native review)
penalty-title = ပယ်ဖျက်ရန် ယခင်ပြစ်ဒဏ်များ
penalty-none = ယခင် ပြစ်မှုထင်ရှားစီရင်ချက်၊ ဒဏ်ငွေ သို့မဟုတ် နိုင်ငံမှနှင်ထုတ်ရန် အမိန့် မှတ်တမ်းမတင်ထားပါ။
penalty-due = မှတ်တမ်းပယ်ဖျက်ရန် တောင်းဆိုပါ
penalty-expungement = မှတ်တမ်းပယ်ဖျက်ခြင်း
penalty-expungement-update = ပြင်ဆင်ရန်
penalty-record = ယခင်ပြစ်ဒဏ်တစ်ခု မှတ်တမ်းတင်ရန်
penalty-kind = ပြစ်ဒဏ်အမျိုးအစား
penalty-country = ပြစ်ဒဏ်ချမှတ်ခဲ့သည့် နိုင်ငံ (ကုဒ်၊ ဥပမာ THA)
penalty-date = ရက်စွဲ (သိလျှင်)
penalty-offence = မည်သည့်အတွက် ချမှတ်ခဲ့သနည်း
penalty-consequence = ထိုလုပ်ရပ်သည် လူကုန်ကူးခံခဲ့ရခြင်း၏ အကျိုးဆက် ဖြစ်သည်
penalty-kind-conviction = ပြစ်မှုထင်ရှားစီရင်ချက်
penalty-kind-fine = ဒဏ်ငွေ
penalty-kind-deportation_order = နိုင်ငံမှနှင်ထုတ်ရန် အမိန့်
penalty-kind-entry_ban = နိုင်ငံဝင်ခွင့် ပိတ်ပင်ချက်
expungement-not_requested = မှတ်တမ်းပယ်ဖျက်ရန် မတောင်းဆိုရသေးပါ
expungement-requested = မှတ်တမ်းပယ်ဖျက်ရန် တောင်းဆိုထားသည်
expungement-granted = မှတ်တမ်း ပယ်ဖျက်ပြီး
expungement-refused = မှတ်တမ်းပယ်ဖျက်ရန် တောင်းဆိုချက် ငြင်းပယ်ခံရသည်

# --- Non-punishment notice --- (REVIEW: machine-quality, needs legal and native review)
notice-title = အသိပေးချက်- လူကုန်ကူးခံရသူဟု ယူဆရသူကို အပြစ်ပေးခြင်း မပြုရ
notice-to = ရဲ၊ လူဝင်မှုကြီးကြပ်ရေး၊ တရားလိုနှင့် နယ်စပ်အာဏာပိုင်များနှင့် တရားရုံးအားလုံးသို့-
notice-finding = { $date } နေ့တွင် ဤအဖွဲ့အစည်းသည် အောက်တွင် အမည်ဖော်ပြထားသူသည် ရာဇဝတ်မှု ကျူးလွန်ရန် အတင်းအကျပ် ခိုင်းစေခံရသည့် လူကုန်ကူးမှု အပါအဝင် လူကုန်ကူးမှု၏ ခံရသူ ဖြစ်သည်ဟု ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းရှိကြောင်း တွေ့ရှိခဲ့ပါသည်။
notice-issued-by = ထုတ်ပေးသူ
notice-principle = အပြစ်မပေးရေးမူအရ ဤသူကို လူကုန်ကူးခံရခြင်း၏ အကျိုးဆက်အဖြစ် အတင်းအကျပ် ခိုင်းစေခံရ၍ ကျူးလွန်ခဲ့ရသော လုပ်ရပ်များအတွက် ထိန်းသိမ်းခြင်း၊ စွဲချက်တင်ခြင်း၊ တရားစွဲဆိုခြင်း သို့မဟုတ် အပြစ်ပေးခြင်း မပြုရပါ။ အထူးသဖြင့် အောက်ပါတို့နှင့် သက်ဆိုင်ပါသည်-
notice-scope-immigration = လူဝင်မှုကြီးကြပ်ရေးဆိုင်ရာ ပြစ်မှုများ- တရားမဝင် ဝင်ရောက်ခြင်း သို့မဟုတ် ထွက်ခွာခြင်း၊ နေထိုင်ခွင့် သက်တမ်းကျော်လွန် နေထိုင်ခြင်း၊ အလုပ်လုပ်ကိုင်ခွင့် မရှိဘဲ အလုပ်လုပ်ခြင်း၊ မှောင်ခိုနည်းဖြင့် ခေါ်ဆောင်ခံရခြင်း၊ စာရွက်စာတမ်း မရှိခြင်း။
notice-scope-status = ၎င်း၏ အခြေအနေနှင့် သက်ဆိုင်သော ပြစ်မှုများ၊ အုပ်ချုပ်ရေးဆိုင်ရာနှင့် တရားမဆိုင်ရာ ချိုးဖောက်မှုများ။
notice-scope-crimes = လူကုန်ကူးခံရခြင်း၏ အကျိုးဆက်အဖြစ် ကျူးလွန်ခဲ့ရသော ရာဇဝတ်မှုများ- အွန်လိုင်း လိမ်လည်မှု၊ အချစ်ရေးနှင့် ရင်းနှီးမြှုပ်နှံမှု လိမ်လည်မှုများ၊ ငွေကြေးခဝါချမှုနှင့် ဆက်စပ်သော ပူးပေါင်းကြံစည်မှု စွဲချက်များ အပါအဝင်။
notice-not-exhaustive = ဤစာရင်းသည် ပြည့်စုံသည့်စာရင်း မဟုတ်ပါ။ ဤမူသည် နောက်ဆုံး ဆုံးဖြတ်ချက် မချမီကပင် ယုံကြည်ရန် ခိုင်လုံသော အကြောင်းရှိကြောင်း တွေ့ရှိသည့်အချိန်မှစ၍ သက်ရောက်ပါသည်။
notice-release = ဤသူသည် ထိန်းသိမ်းခံထားရပါသည်။ ၎င်းကို ချက်ချင်း လွှတ်ပေးပြီး လုံခြုံ၍ သင့်လျော်သော စောင့်ရှောက်မှုသို့ လွှဲအပ်ပေးရန် တောင်းဆိုအပ်ပါသည်။
notice-law = အမျိုးသားဥပဒေ-
notice-reference = ရည်ညွှန်းအမှတ်
notice-open = အပြစ်မပေးရေးမူ အသိပေးချက် (ပုံနှိပ်ရန်)
notice-pdf = အသိပေးချက်ကို PDF အဖြစ် ဒေါင်းလုဒ်လုပ်ရန် (ထိုပုဂ္ဂိုလ်၏ ဘာသာစကားနှင့် အာဏာပိုင်၏ ဘာသာစကား)
notice-authority-language = အာဏာပိုင်အဖွဲ့၏ ဘာသာစကား

# --- Sending the notice --- (REVIEW: machine-quality, needs native review)
notice-send-to = အသိပေးစာကို ပို့ရန်
notice-send = ပို့ရန်
notice-send-hint = ပို့ရန်အတွက် ဤရည်ရွယ်ချက်နှင့် ဤအာဏာပိုင်အတွက် ထိုသူ၏ မှတ်တမ်းတင်ထားသော သဘောတူညီချက် လိုအပ်သည်။ အာဏာပိုင်သည် အသိပေးစာကိုသာ ရရှိပြီး ကိစ္စရပ်မှတ်တမ်းကို ဘယ်တော့မှ မရရှိပါ။
consent-purpose-non_punishment_notice = ပြစ်ဒဏ်မပေးရေး အသိပေးစာကို အာဏာပိုင်ထံ ပို့ခြင်း
inbox-kind-non_punishment_notice = ပြစ်ဒဏ်မပေးရေး အသိပေးစာ
