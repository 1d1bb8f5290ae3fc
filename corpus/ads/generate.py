#!/usr/bin/env python3
"""Writes corpus/ads/ads.jsonl: labelled job ads for haven's ad screening (R26).

Nobody may publish a dataset of real scam-recruitment ads with the recruiters' handles, and none with a licence that
allows reuse was found in the package registries, so the corpus is WRITTEN: fraudulent ads are composed from the
marks that public warnings list (each item cites the warning it follows), legitimate ads from ordinary job-board
formats (no real employer is named; licence numbers are invented and marked as such in the source field).

It is composed from phrase pools with a fixed seed, so it is reproducible and reviewable; the pools deliberately put
"red-flag" phrases into legitimate ads (accommodation for hotel staff, WhatsApp contact, urgent hiring, high pay for
senior engineers, passports for licensed overseas placements) so that no single phrase separates the classes.
Run: python3 corpus/ads/generate.py > corpus/ads/ads.jsonl
"""
import json
import random
import sys

SEED = 20261129
N_PER_CLASS = 30

PAPER = "UN OHCHR briefing paper 'Online scam operations and trafficking into forced criminality in Southeast Asia' (2023), section III 'The means'"
PAPER_ACT = "UN OHCHR briefing paper (2023), section III 'The action'"
INTERPOL = "INTERPOL global warning on human trafficking-fuelled fraud (7 June 2023)"
UNODC = "UNODC policy report 'Casinos, cyber fraud, and trafficking in persons for forced criminality in Southeast Asia' (2023)"
TIP = "US Department of State, Trafficking in Persons Report 2023, Cambodia and Burma narratives"
NATIONAL = {
    "en": [INTERPOL, PAPER],
    "th": ["Thai Ministry of Labour, Department of Employment warnings on fake overseas job ads (2022-2023)", "Royal Thai Police warnings on call-centre gang recruitment via social media (2023)"],
    "vi": ["Viet Nam Ministry of Public Security warnings on 'viec nhe luong cao' job offers in Cambodia (2022)", "Viet Nam Ministry of Foreign Affairs consular warnings on recruitment to Cambodia (2022)"],
    "my": [UNODC, TIP],
    "km": [UNODC, TIP],
    "lo": [UNODC, "UN OHCHR briefing paper (2023), section II (Golden Triangle Special Economic Zone)"],
    "id": ["Indonesian Ministry of Foreign Affairs (Kemlu) warnings on online-scam job offers in Cambodia and Myanmar (2022-2023)", INTERPOL],
    "tl": ["Philippine Department of Migrant Workers advisories on illegal recruitment for 'customer service' jobs in Cambodia and Myanmar (2022-2023)", "Philippine Bureau of Immigration warnings on workers leaving as tourists for scam hubs (2023)"],
    "zh-Hans": ["China Ministry of Public Security anti-fraud warnings on overseas 'high-pay' recruitment to northern Myanmar and Cambodia (2023)", UNODC],
}
LEGIT_SOURCE = "haven-authored legitimate ad in a common job-board format; no real employer; any licence number is invented"

P = {}

P["en"] = dict(
    open=["HIRING NOW!!", "Job opportunity abroad", "We are hiring", "Great chance to change your life", "New vacancies", "Looking for staff"],
    role=["Customer service staff", "Typist / data entry", "Game promoter", "Crypto customer support", "Online marketing assistant", "Chat agent for an international company", "English-speaking CSR"],
    pay=["Salary $1500-3000/month", "Salary from $2,000 per month", "Earn up to $4000 a month plus bonus", "High salary + commission", "$1,800 USD monthly, paid on time", "attractive salary plus commission"],
    noexp=["No experience needed", "No degree required, training provided", "Fresh graduates welcome"],
    free=["Free air ticket and accommodation", "Free food and accommodation", "Flights paid by the company", "We cover your ticket and visa"],
    dest_c=["Location: Sihanoukville, Cambodia", "Office in Myawaddy near Mae Sot", "Work in the Golden Triangle SEZ, Laos", "Based in Poipet", "KK Park company, near the Thai-Myanmar border", "Bavet, Cambodia"],
    dest_v=["Work in Thailand, location given after interview", "Work overseas in Southeast Asia", "Office in a neighbouring country"],
    contact=["Contact Telegram @hr_jobs_asia88", "Apply on WhatsApp +855 96 123 4567, no calls", "DM me on Telegram t.me/bestjob_recruit", "PM us on Line ID: job2023hr"],
    urgent=["Urgent hiring, depart this week", "Limited slots, apply now", "Immediate departure"],
    age=["Age 18-30, good looking", "Age 20 to 35, pleasing personality", "Send a full-body photo"],
    passport=["Must have a valid passport", "Send passport photo first", "Passport holders only"],
    visa=["Travel on tourist visa, work visa arranged on arrival", "Go as a tourist, we handle the rest", "Visa on arrival, no work visa needed"],
    easy=["Easy job, just chat with customers", "Simple work from your phone", "High commission, bonuses every month"],
    legit_co=["Siam Precision Parts Co., Ltd.", "Harbourview Hotel Group", "St. Luke Community Hospital", "Northwind Software", "FreshMart Supermarkets", "GreenLeaf Logistics"],
    legit_job=["is hiring a production operator for the night shift. Duties: machine set-up, quality checks, keeping records.",
               "is looking for a front office receptionist to handle check-in, reservations and guest requests.",
               "seeks a registered nurse for its medical ward. Rotating shifts.",
               "is hiring a backend engineer (Rust/Go) to build payment APIs.",
               "needs cashiers and shelf stock clerks for its new branch.",
               "is recruiting warehouse forklift drivers. Forklift licence required.",
               "is hiring an accounts payable clerk to process invoices and reconcile statements."],
    legit_req=["At least 2 years of experience in a similar role.", "Diploma or degree in a related field.", "Valid professional licence required.", "Basic computer skills; training for new staff."],
    legit_pay=["Salary 15,000-18,000 THB per month according to experience.", "Pay: $450 per month plus overtime.", "Salary negotiable based on experience.", "Competitive salary, 13th-month pay, social security.", "Salary range published on request at interview."],
    legit_ben=["Annual leave, health insurance and provident fund.", "Uniform and meals on duty provided.", "Staff accommodation available for those from other provinces.", "Training and career path."],
    legit_apply=["Apply with your CV at careers@example-company.com or at our office on Rama 4 Road.", "Apply through our website; shortlisted candidates will be invited for an interview at the office.", "Send your CV by email. Interviews are held at our head office in Quezon City.", "Walk-in interviews Monday to Friday, 9am-4pm, bring your ID card and certificates."],
    hard=["Senior engineers: salary from $4,000 per month (Singapore office, employment pass sponsored).", "Questions? Message our HR team on WhatsApp or Telegram during office hours.", "Urgent hiring for the holiday season.", "No experience needed for trainee cashier positions; full training given.", "Customer service representative for a licensed BPO in Makati; day and night shifts.", "Overseas placement to Japan through a licensed agency (licence no. 0000-INVENTED); a passport is required for the visa process; no placement fee.",
          "Customer service representative, Dallas office: $3,200 per month plus health benefits.", "English teachers for a language school in Hanoi: $1,800 per month, free housing, TEFL certificate and degree required, work permit sponsored.",
          "Remote customer support agent, USD 1,500 per month, work from home; questions on WhatsApp.", "Cabin crew for a national airline: age 21 and over, minimum height 160 cm, valid passport required."],
)

P["th"] = dict(
    open=["รับด่วน!!", "งานต่างประเทศ รายได้ดี", "เปิดรับสมัครพนักงาน", "โอกาสเปลี่ยนชีวิต"],
    role=["รับสมัครแอดมินตอบแชท", "พนักงานคีย์ข้อมูล", "พนักงานบริการลูกค้าคริปโต", "พนักงานการตลาดออนไลน์", "พนักงานพิมพ์งาน", "โปรโมทเกมออนไลน์"],
    pay=["เงินเดือน 35,000-60,000 บาท", "เงินเดือนสูง มีโบนัส", "รายได้ 50,000 บาทขึ้นไป", "เงินเดือนเริ่มต้น 40,000 บาท + ค่าคอม"],
    noexp=["ไม่ต้องมีประสบการณ์", "ไม่จำกัดวุฒิการศึกษา", "ไม่จำเป็นต้องมีประสบการณ์ มีสอนงาน"],
    free=["ฟรีตั๋วเครื่องบิน ที่พักฟรี", "มีที่พักและอาหารฟรี", "ออกค่าเดินทางให้ทั้งหมด"],
    dest_c=["ทำงานที่เมียวดี", "ทำงานที่สีหนุวิลล์ กัมพูชา", "ทำงานในเขตเศรษฐกิจพิเศษสามเหลี่ยมทองคำ", "ทำงานที่ปอยเปต", "ทำงานที่ท่าขี้เหล็ก"],
    dest_v=["ทำงานต่างประเทศ แจ้งสถานที่ทีหลัง", "ทำงานประเทศเพื่อนบ้าน"],
    contact=["ติดต่อเทเลแกรม @job_th_2023", "แอดไลน์ @hrjobs99", "ทักไลน์มาเลย id: jobok88", "สนใจทักแชท Telegram"],
    urgent=["ด่วนมาก บินได้เลย", "จำนวนจำกัด", "เดินทางทันที"],
    age=["อายุ 18-30 ปี หน้าตาดี", "บุคลิกดี ส่งรูปมาก่อน"],
    passport=["ต้องมีพาสปอร์ต", "ส่งรูปพาสปอร์ตมาก่อน"],
    visa=["เข้าไปแบบท่องเที่ยว ใช้วีซ่าท่องเที่ยว", "ทำวีซ่าทำงานที่ปลายทาง"],
    easy=["งานง่าย แค่แชท", "งานสบาย ค่าคอมสูง"],
    legit_co=["บริษัท สยามออโต้พาร์ท จำกัด", "โรงแรมริเวอร์ไซด์ เชียงใหม่", "โรงพยาบาลกรุงเทพเมดิคอล", "บริษัท ไทยซอฟต์แวร์โซลูชั่น จำกัด", "ห้างสรรพสินค้าเซ็นทรัลพลาซ่า สาขาขอนแก่น"],
    legit_job=["รับสมัครพนักงานฝ่ายผลิต กะกลางคืน ตรวจสอบคุณภาพสินค้า", "รับสมัครพนักงานต้อนรับส่วนหน้า ดูแลการเช็คอินและการจองห้องพัก", "รับสมัครพยาบาลวิชาชีพ ประจำหอผู้ป่วยใน", "รับสมัครโปรแกรมเมอร์ พัฒนาระบบเว็บ", "รับสมัครพนักงานแคชเชียร์และจัดเรียงสินค้า", "รับสมัครพนักงานบัญชี"],
    legit_req=["มีประสบการณ์อย่างน้อย 2 ปี", "วุฒิ ปวส. ขึ้นไป", "มีใบประกอบวิชาชีพ", "ใช้คอมพิวเตอร์พื้นฐานได้"],
    legit_pay=["เงินเดือน 12,000-15,000 บาท ตามประสบการณ์", "ค่าแรงตามกฎหมาย มีค่าล่วงเวลา", "เงินเดือนตามตกลง", "เงินเดือน 18,000 บาท มีโบนัสประจำปี"],
    legit_ben=["ประกันสังคม วันหยุดพักร้อน", "มีชุดพนักงานและอาหารกลางวัน", "มีหอพักพนักงานสำหรับผู้ที่มาจากต่างจังหวัด"],
    legit_apply=["สมัครได้ที่ฝ่ายบุคคล ถนนพหลโยธิน หรือส่งประวัติทางอีเมล", "สมัครผ่านเว็บไซต์บริษัท ผู้ผ่านการคัดเลือกจะนัดสัมภาษณ์ที่สำนักงาน", "สัมภาษณ์ทุกวันจันทร์-ศุกร์ 9.00-16.00 น. นำบัตรประชาชนมาด้วย"],
    hard=["สอบถามเพิ่มเติมทางไลน์ฝ่ายบุคคลในเวลาทำการ", "รับด่วน พนักงานช่วงเทศกาล", "ไม่ต้องมีประสบการณ์ มีสอนงานให้ สำหรับตำแหน่งแคชเชียร์", "ไปทำงานเกาหลีผ่านกรมการจัดหางาน ระบบ EPS ต้องมีหนังสือเดินทาง ไม่มีค่าหัว", "พนักงานบริการลูกค้า คอลเซ็นเตอร์ธนาคาร ทำงานที่สำนักงานใหญ่กรุงเทพ"],
)

P["vi"] = dict(
    open=["TUYỂN GẤP!!", "Việc làm nước ngoài thu nhập cao", "Cơ hội đổi đời", "Tuyển dụng nhân viên"],
    role=["Tuyển nhân viên chăm sóc khách hàng", "Tuyển nhân viên đánh máy, nhập liệu", "Nhân viên CSKH sàn tiền ảo", "Nhân viên marketing online", "Nhân viên telesale", "Nhân viên trực page game online"],
    pay=["Lương 25-40 triệu/tháng", "Lương từ 1500$ - 3000$", "Việc nhẹ lương cao", "Thu nhập khủng, thưởng doanh số"],
    noexp=["Không cần kinh nghiệm", "Không yêu cầu bằng cấp, được đào tạo"],
    free=["Bao ăn ở, bao vé máy bay", "Hỗ trợ vé máy bay miễn phí", "Công ty chịu vé đi"],
    dest_c=["Làm việc tại Campuchia", "Làm tại Bavet, gần cửa khẩu Mộc Bài", "Làm việc tại Xi-ha-núc", "Làm tại đặc khu kinh tế Tam giác vàng"],
    dest_v=["Làm việc tại Thái Lan, địa điểm báo sau", "Đi làm nước ngoài"],
    contact=["Liên hệ Telegram @tuyendung_vip", "Liên hệ qua Zalo 09xx xxx xxx, inbox ngay", "Nhắn tin Telegram để biết chi tiết"],
    urgent=["Cần gấp, bay ngay trong tuần", "Số lượng có hạn", "Đi làm ngay"],
    age=["Độ tuổi 18-30, ngoại hình ưa nhìn", "Gửi ảnh khi ứng tuyển"],
    passport=["Yêu cầu có sẵn hộ chiếu", "Gửi ảnh hộ chiếu trước"],
    visa=["Đi theo diện du lịch, visa du lịch", "Làm visa lao động tại nơi đến"],
    easy=["Công việc đơn giản, chỉ cần chat", "Hoa hồng cao"],
    legit_co=["Công ty TNHH Điện tử Minh Phát", "Khách sạn Sông Hàn Đà Nẵng", "Bệnh viện Đa khoa Tâm Đức", "Công ty Cổ phần Phần mềm Sao Việt", "Siêu thị Co.op Quận 7"],
    legit_job=["tuyển công nhân vận hành máy, làm ca", "tuyển lễ tân, phụ trách nhận phòng và đặt phòng", "tuyển điều dưỡng viên khoa nội", "tuyển lập trình viên Java, phát triển hệ thống", "tuyển nhân viên thu ngân và sắp xếp hàng hóa", "tuyển kế toán công nợ"],
    legit_req=["Có ít nhất 2 năm kinh nghiệm", "Tốt nghiệp cao đẳng trở lên", "Có chứng chỉ hành nghề", "Biết sử dụng máy tính cơ bản"],
    legit_pay=["Lương 7-9 triệu/tháng tùy năng lực", "Lương thỏa thuận", "Lương cơ bản 6 triệu + phụ cấp, đóng BHXH đầy đủ", "Lương 12 triệu, thưởng tháng 13"],
    legit_ben=["Đóng bảo hiểm xã hội, nghỉ phép năm", "Được cấp đồng phục và cơm trưa", "Có ký túc xá cho nhân viên ở xa"],
    legit_apply=["Nộp hồ sơ trực tiếp tại phòng nhân sự hoặc gửi CV qua email", "Ứng tuyển trên website công ty, ứng viên phù hợp sẽ được mời phỏng vấn tại văn phòng", "Phỏng vấn thứ Hai đến thứ Sáu tại trụ sở công ty, mang theo CCCD"],
    hard=["Thắc mắc xin nhắn Zalo phòng nhân sự trong giờ hành chính", "Tuyển gấp nhân viên thời vụ dịp Tết", "Không cần kinh nghiệm, được đào tạo, vị trí thu ngân", "Đi làm việc tại Nhật Bản qua doanh nghiệp được cấp phép, cần hộ chiếu để làm visa, không thu phí môi giới", "Nhân viên chăm sóc khách hàng tổng đài ngân hàng, làm tại Hà Nội"],
)

P["my"] = dict(
    open=["အမြန်ခေါ်နေပါသည်!!", "နိုင်ငံခြားအလုပ် ဝင်ငွေကောင်း", "ဝန်ထမ်းခေါ်ယူခြင်း"],
    role=["ဖောက်သည်ဝန်ဆောင်မှု ဝန်ထမ်း", "စာရိုက်ဝန်ထမ်း", "ဒေတာထည့်ဝန်ထမ်း", "အွန်လိုင်းမားကက်တင်း ဝန်ထမ်း", "ခရစ်ပတို ဖောက်သည်ဝန်ဆောင်မှု", "ဂိမ်း ပရိုမိုတာ"],
    pay=["လစာ ဒေါ်လာ 1500-3000", "လစာကောင်း ဘောနပ်ရှိ", "လစာမြင့် ကော်မရှင်များ", "ဝင်ငွေကောင်း"],
    noexp=["အတွေ့အကြုံမလို", "ပညာအရည်အချင်းမလို"],
    free=["လေယာဉ်လက်မှတ်အခမဲ့", "နေစရာအခမဲ့ စားစရာနေစရာ ကုမ္ပဏီက"],
    dest_c=["မြဝတီတွင် အလုပ်လုပ်ရမည်", "ရွှေကုက္ကိုလ်", "တာချီလိတ်", "လောက်ကိုင်", "ကမ္ဘောဒီးယား"],
    dest_v=["ထိုင်းနိုင်ငံတွင် အလုပ်", "နိုင်ငံခြားတွင် အလုပ်"],
    contact=["တယ်လီဂရမ် @myjob_hr ဆက်သွယ်ပါ", "Telegram ဖြင့်သာ ဆက်သွယ်ပါ", "Viber ဖြင့် မက်ဆေ့ချ်ပို့ပါ"],
    urgent=["အမြန်လိုအပ်", "ချက်ချင်းထွက်ခွာမည်"],
    age=["အသက် 18-30 ရုပ်ရည်သန့်", "ဓာတ်ပုံပို့ပါ"],
    passport=["ပတ်စပို့ ရှိရမည်", "နိုင်ငံကူးလက်မှတ် ဓာတ်ပုံ အရင်ပို့ပါ"],
    visa=["ခရီးသွားဗီဇာဖြင့် သွားရမည်", "ဗီဇာမလို"],
    easy=["အလုပ်လွယ် စကားပြောရုံ", "လွယ်ကူသောအလုပ်"],
    legit_co=["ရွှေမြန်မာ အထည်ချုပ်စက်ရုံ", "ရန်ကုန် ဟိုတယ်", "ပြည်သူ့ ဆေးရုံ", "မြန်မာ ဆော့ဖ်ဝဲ ကုမ္ပဏီ", "စူပါမားကတ်"],
    legit_job=["အထည်ချုပ် စက်ချုပ်ဝန်ထမ်း ခေါ်ယူသည်", "ဧည့်ကြိုဝန်ထမ်း ခေါ်ယူသည်", "သူနာပြု ခေါ်ယူသည်", "ဆော့ဖ်ဝဲ အင်ဂျင်နီယာ ခေါ်ယူသည်", "ငွေကိုင် ဝန်ထမ်း ခေါ်ယူသည်", "စာရင်းကိုင် ခေါ်ယူသည်"],
    legit_req=["အတွေ့အကြုံ ၂ နှစ်ရှိရမည်", "ဘွဲ့ရ ဖြစ်ရမည်", "လိုင်စင်ရှိရမည်", "ကွန်ပျူတာ အခြေခံ သိရမည်"],
    legit_pay=["လစာ ကျပ် 300,000 မှ 450,000", "လစာ ညှိနှိုင်းနိုင်", "လစာ ကျပ် 500,000 နှင့် အချိန်ပို"],
    legit_ben=["လူမှုဖူလုံရေး၊ ခွင့်ရက်", "ယူနီဖောင်းနှင့် နေ့လယ်စာ", "ဝန်ထမ်းအဆောင် ရှိ"],
    legit_apply=["ကိုယ်ရေးမှတ်တမ်းကို ရုံးသို့ လာပို့ပါ", "ကုမ္ပဏီ ဝက်ဘ်ဆိုက်မှ လျှောက်ပါ၊ အင်တာဗျူးကို ရုံးတွင် စစ်ဆေးမည်", "တနင်္လာမှ သောကြာ ရုံးချိန်အတွင်း အင်တာဗျူး"],
    hard=["မေးမြန်းလိုပါက Viber ဖြင့် HR ကို ရုံးချိန်အတွင်း ဆက်သွယ်ပါ", "အမြန်လိုအပ် ပွဲတော်ရာသီ ဝန်ထမ်း", "အတွေ့အကြုံမလို သင်တန်းပေးမည် ငွေကိုင်ရာထူး", "ဂျပန်သို့ လိုင်စင်ရ အေဂျင်စီမှတစ်ဆင့် ပတ်စပို့ လိုအပ်သည် ပွဲခမယူ", "ဘဏ် ဖောက်သည်ဝန်ဆောင်မှု ဝန်ထမ်း ရန်ကုန်ရုံး"],
)

P["km"] = dict(
    open=["ត្រូវការបន្ទាន់!!", "ការងារបរទេស ចំណូលខ្ពស់", "ជ្រើសរើសបុគ្គលិក"],
    role=["បុគ្គលិកសេវាអតិថិជន", "បុគ្គលិកវាយអក្សរ", "បុគ្គលិកបញ្ចូលទិន្នន័យ", "បុគ្គលិកទីផ្សារអនឡាញ", "សេវាអតិថិជនគ្រីបតូ", "ផ្សព្វផ្សាយហ្គេមអនឡាញ"],
    pay=["ប្រាក់ខែ $1500-$3000", "ប្រាក់ខែខ្ពស់ មានប្រាក់រង្វាន់", "ចំណូលខ្ពស់", "ប្រាក់ខែល្អ"],
    noexp=["មិនត្រូវការបទពិសោធន៍", "មិនត្រូវការសញ្ញាបត្រ"],
    free=["សំបុត្រយន្តហោះឥតគិតថ្លៃ", "កន្លែងស្នាក់នៅឥតគិតថ្លៃ ហូបចុកស្នាក់នៅ"],
    dest_c=["ធ្វើការនៅក្រុងព្រះសីហនុ", "ធ្វើការនៅបាវិត", "ធ្វើការនៅប៉ោយប៉ែត", "តំបន់សេដ្ឋកិច្ចពិសេស"],
    dest_v=["ធ្វើការនៅថៃ", "ធ្វើការនៅបរទេស"],
    contact=["ទំនាក់ទំនង តេឡេក្រាម @kh_job88", "ឆាតមក Telegram", "ផ្ញើសារតាម WhatsApp"],
    urgent=["ត្រូវការបន្ទាន់", "ចំនួនមានកំណត់"],
    age=["អាយុ 18-30 រូបរាងស្អាត", "ផ្ញើរូបថត"],
    passport=["ត្រូវមានលិខិតឆ្លងដែន", "ផ្ញើរូបលិខិតឆ្លងដែនជាមុន"],
    visa=["ធ្វើដំណើរជាទេសចរ ទិដ្ឋាការទេសចរណ៍", "មិនត្រូវការទិដ្ឋាការ"],
    easy=["ការងារស្រួល", "កម្រៃជើងសារខ្ពស់"],
    legit_co=["រោងចក្រកាត់ដេរ ភ្នំពេញ", "សណ្ឋាគារ អង្គរ", "មន្ទីរពេទ្យ កាល់ម៉ែត", "ក្រុមហ៊ុនសូហ្វវែរ", "ផ្សារទំនើប"],
    legit_job=["ជ្រើសរើសកម្មករដេរ", "ជ្រើសរើសបុគ្គលិកទទួលភ្ញៀវ", "ជ្រើសរើសគិលានុបដ្ឋាយិកា", "ជ្រើសរើសអ្នកសរសេរកម្មវិធី", "ជ្រើសរើសអ្នកគិតលុយ", "ជ្រើសរើសគណនេយ្យករ"],
    legit_req=["មានបទពិសោធន៍យ៉ាងតិច ២ ឆ្នាំ", "មានសញ្ញាបត្របរិញ្ញាបត្រ", "មានអាជ្ញាប័ណ្ណវិជ្ជាជីវៈ", "ចេះប្រើកុំព្យូទ័រ"],
    legit_pay=["ប្រាក់ខែ $220-$300 តាមបទពិសោធន៍", "ប្រាក់ខែតាមការចរចា", "ប្រាក់ខែ $350 បូកម៉ោងបន្ថែម"],
    legit_ben=["ប្រព័ន្ធសន្តិសុខសង្គម ច្បាប់ឈប់សម្រាក", "ឯកសណ្ឋាន និងអាហារថ្ងៃត្រង់", "មានអន្តេវាសិកដ្ឋានបុគ្គលិក"],
    legit_apply=["ដាក់ពាក្យនៅការិយាល័យធនធានមនុស្ស ឬផ្ញើ CV តាមអ៊ីមែល", "ដាក់ពាក្យតាមគេហទំព័រ សម្ភាសន៍នៅការិយាល័យ", "សម្ភាសន៍ថ្ងៃច័ន្ទដល់សុក្រ យកអត្តសញ្ញាណប័ណ្ណមកជាមួយ"],
    hard=["សំណួរ សូមផ្ញើសារតាម Telegram ទៅផ្នែកធនធានមនុស្សក្នុងម៉ោងធ្វើការ", "ត្រូវការបន្ទាន់ បុគ្គលិករដូវបុណ្យ", "មិនត្រូវការបទពិសោធន៍ មានបណ្តុះបណ្តាល សម្រាប់អ្នកគិតលុយ", "ទៅធ្វើការនៅកូរ៉េតាមកម្មវិធី EPS ត្រូវមានលិខិតឆ្លងដែន គ្មានថ្លៃសេវា", "បុគ្គលិកសេវាអតិថិជនធនាគារ ធ្វើការនៅភ្នំពេញ"],
)

P["lo"] = dict(
    open=["ຮັບດ່ວນ!!", "ວຽກຕ່າງປະເທດ ລາຍໄດ້ດີ", "ຮັບສະໝັກພະນັກງານ"],
    role=["ພະນັກງານບໍລິການລູກຄ້າ", "ພະນັກງານພິມເອກະສານ", "ພະນັກງານການຕະຫຼາດອອນລາຍ", "ບໍລິການລູກຄ້າຄຣິບໂຕ", "ໂປຣໂມດເກມອອນລາຍ"],
    pay=["ເງິນເດືອນ 1,500 ໂດລາ", "ເງິນເດືອນສູງ ມີໂບນັດ", "ລາຍໄດ້ສູງ", "ລາຍໄດ້ດີ ຄ່າຄອມສູງ"],
    noexp=["ບໍ່ຕ້ອງມີປະສົບການ", "ບໍ່ຈຳກັດວຸດທິ"],
    free=["ປີ້ຍົນຟຣີ", "ທີ່ພັກຟຣີ ມີທີ່ພັກ ແລະ ອາຫານຟຣີ"],
    dest_c=["ເຮັດວຽກຢູ່ເຂດເສດຖະກິດພິເສດສາມຫຼ່ຽມຄຳ", "ເຮັດວຽກຢູ່ບໍ່ແກ້ວ ຕົ້ນເຜິ້ງ", "ເຂດເສດຖະກິດພິເສດ"],
    dest_v=["ເຮັດວຽກຢູ່ໄທ", "ເຮັດວຽກຕ່າງປະເທດ"],
    contact=["ຕິດຕໍ່ ເທເລແກຣມ @lao_job_hr", "ທັກມາທາງ WhatsApp", "ທັກແຊັດ Telegram"],
    urgent=["ຮັບດ່ວນ ເດີນທາງທັນທີ", "ຈຳນວນຈຳກັດ"],
    age=["ອາຍຸ 18-30 ໜ້າຕາດີ", "ສົ່ງຮູບມາກ່ອນ"],
    passport=["ຕ້ອງມີໜັງສືຜ່ານແດນ", "ສົ່ງຮູບພາສປອດມາກ່ອນ"],
    visa=["ໄປແບບທ່ອງທ່ຽວ ວີຊ່າທ່ອງທ່ຽວ", "ບໍ່ຕ້ອງມີວີຊ່າ"],
    easy=["ວຽກງ່າຍ", "ວຽກສະບາຍ ຄ່າຄອມສູງ"],
    legit_co=["ໂຮງງານຕັດຫຍິບ ນະຄອນຫຼວງວຽງຈັນ", "ໂຮງແຮມ ຫຼວງພະບາງ", "ໂຮງໝໍ ມິດຕະພາບ", "ບໍລິສັດ ຊອບແວ", "ຮ້ານສັບພະສິນຄ້າ"],
    legit_job=["ຮັບສະໝັກພະນັກງານຕັດຫຍິບ", "ຮັບສະໝັກພະນັກງານຕ້ອນຮັບ", "ຮັບສະໝັກພະຍາບານ", "ຮັບສະໝັກນັກຂຽນໂປຣແກຣມ", "ຮັບສະໝັກພະນັກງານເກັບເງິນ", "ຮັບສະໝັກພະນັກງານບັນຊີ"],
    legit_req=["ມີປະສົບການຢ່າງໜ້ອຍ 2 ປີ", "ຈົບຊັ້ນສູງຂຶ້ນໄປ", "ມີໃບອະນຸຍາດວິຊາຊີບ", "ໃຊ້ຄອມພິວເຕີພື້ນຖານໄດ້"],
    legit_pay=["ເງິນເດືອນ 2,500,000-3,500,000 ກີບ", "ເງິນເດືອນຕາມຕົກລົງ", "ເງິນເດືອນ 4,000,000 ກີບ ມີໂບນັດປະຈຳປີ"],
    legit_ben=["ປະກັນສັງຄົມ ວັນພັກ", "ມີຊຸດພະນັກງານ ແລະ ອາຫານທ່ຽງ", "ມີຫໍພັກພະນັກງານ"],
    legit_apply=["ສະໝັກໄດ້ທີ່ພະແນກບຸກຄະລາກອນ ຫຼື ສົ່ງຊີວະປະຫວັດທາງອີເມວ", "ສະໝັກຜ່ານເວັບໄຊບໍລິສັດ ສຳພາດທີ່ຫ້ອງການ", "ສຳພາດວັນຈັນ-ວັນສຸກ ເອົາບັດປະຈຳຕົວມານຳ"],
    hard=["ສອບຖາມທາງ WhatsApp ພະແນກບຸກຄະລາກອນໃນເວລາເຮັດວຽກ", "ຮັບດ່ວນ ພະນັກງານຊ່ວງບຸນ", "ບໍ່ຕ້ອງມີປະສົບການ ມີສອນວຽກ ສຳລັບພະນັກງານເກັບເງິນ", "ໄປເຮັດວຽກເກົາຫຼີຜ່ານລະບົບ EPS ຕ້ອງມີໜັງສືຜ່ານແດນ ບໍ່ມີຄ່າບໍລິການ", "ພະນັກງານບໍລິການລູກຄ້າທະນາຄານ ເຮັດວຽກຢູ່ວຽງຈັນ"],
)

P["id"] = dict(
    open=["DIBUTUHKAN SEGERA!!", "Lowongan kerja luar negeri gaji besar", "Kesempatan emas", "Lowongan kerja"],
    role=["Customer service", "Admin online / operator komputer", "Input data dan pengetikan", "Marketing online", "CS kripto", "Telemarketing"],
    pay=["Gaji 20-35 juta per bulan", "Gaji tinggi + bonus", "Gaji $1500-$2500", "Penghasilan besar, komisi besar"],
    noexp=["Tanpa pengalaman", "Tidak perlu ijazah, semua lulusan"],
    free=["Tiket pesawat gratis", "Mess gratis, makan dan tempat tinggal gratis", "Biaya keberangkatan ditanggung perusahaan"],
    dest_c=["Penempatan Kamboja (Sihanoukville)", "Lokasi Myawaddy, perbatasan Thailand", "Penempatan di Kamboja", "Kawasan ekonomi khusus segitiga emas"],
    dest_v=["Kerja di Thailand, lokasi menyusul", "Kerja di luar negeri"],
    contact=["Hubungi via Telegram @loker_asia", "Chat WA: 0812-xxxx-xxxx", "DM aja, hubungi lewat WhatsApp"],
    urgent=["Berangkat minggu ini", "Kuota terbatas", "Langsung kerja"],
    age=["Usia maksimal 30 tahun, berpenampilan menarik", "Usia 18-30, kirim foto"],
    passport=["Punya paspor aktif", "Kirim foto paspor"],
    visa=["Berangkat pakai visa turis", "Berangkat sebagai wisatawan, visa kerja diurus di sana"],
    easy=["Kerja santai, hanya chatting", "Pekerjaan mudah, komisi tinggi"],
    legit_co=["PT Sinar Jaya Elektronik", "Hotel Nusantara Bandung", "RS Mitra Sehat", "PT Solusi Digital Nusantara", "Toko Swalayan Makmur"],
    legit_job=["membuka lowongan operator produksi shift malam", "membutuhkan resepsionis front office", "membutuhkan perawat rawat inap", "membutuhkan backend developer (Java)", "membutuhkan kasir dan pramuniaga", "membutuhkan staf akuntansi"],
    legit_req=["Pengalaman minimal 2 tahun", "Pendidikan minimal D3", "Memiliki STR aktif", "Bisa mengoperasikan komputer"],
    legit_pay=["Gaji sesuai UMK, lembur dibayar", "Gaji Rp 5-7 juta sesuai pengalaman", "Gaji dapat dinegosiasikan", "Gaji pokok + tunjangan, BPJS"],
    legit_ben=["BPJS Kesehatan dan Ketenagakerjaan, cuti tahunan", "Seragam dan makan siang", "Tersedia mess karyawan untuk luar kota"],
    legit_apply=["Kirim lamaran ke HRD melalui email atau datang langsung ke kantor", "Melamar lewat situs perusahaan; kandidat terpilih diundang wawancara di kantor", "Walk-in interview Senin-Jumat pukul 09.00-15.00, bawa KTP"],
    hard=["Pertanyaan bisa lewat WhatsApp HRD pada jam kerja", "Dibutuhkan segera, tenaga musiman", "Tanpa pengalaman, ada pelatihan, untuk posisi kasir", "Penempatan Jepang melalui P3MI berizin resmi dan BP2MI; wajib paspor untuk visa; tanpa biaya penempatan", "Customer service call center bank, kantor di Jakarta"],
)

P["tl"] = dict(
    open=["URGENT HIRING!!", "Trabaho abroad, mataas na sahod", "Hiring po", "Chance na to!"],
    role=["Customer service representative (CSR)", "Typist / encoder", "Game promoter", "Crypto chat support", "Online marketing staff", "Online selling assistant"],
    pay=["Sahod $1,500-$3,000 kada buwan", "Mataas na sahod plus bonus", "Sweldo 80,000 pesos", "Malaking kita, malaking komisyon"],
    noexp=["Walang experience, okay lang", "Hindi kailangan ng karanasan", "Kahit hindi tapos"],
    free=["Libreng pamasahe at tirahan", "Libre ang ticket, sagot ng kumpanya ang flight", "Libreng pagkain at bahay"],
    dest_c=["Location: Sihanoukville, Cambodia", "Myanmar, malapit sa border ng Thailand", "Golden Triangle, Laos", "Cambodia"],
    dest_v=["Work sa Thailand, sasabihin ang location pagdating", "Abroad, sa ibang bansa"],
    contact=["PM lang sa Telegram @csr_hiring_ph", "Message po sa WhatsApp", "Chat lang sa Telegram"],
    urgent=["Alis agad this week", "Limited slots, apply na", "Kailangan agad"],
    age=["Edad 18-30, pleasing personality", "Send your photo"],
    passport=["May passport dapat", "Send ng passport para ma-process"],
    visa=["Alis bilang turista, tourist visa lang", "Kunwari turista, may escort sa airport"],
    easy=["Madaling trabaho, chat lang", "Chill lang na trabaho"],
    legit_co=["Manila Precision Manufacturing Inc.", "Cebu Bay Hotel", "St. Jude General Hospital", "Makati Tech Solutions", "SM Retail branch"],
    legit_job=["is hiring production operators (night shift)", "is hiring front desk officers", "is hiring staff nurses, PRC licensed", "is hiring software developers", "is hiring cashiers and baggers", "is hiring accounting assistants"],
    legit_req=["At least 2 years experience", "Graduate of any 4-year course", "With valid PRC license", "Marunong gumamit ng computer"],
    legit_pay=["Sahod ayon sa minimum wage, may overtime pay", "Salary PHP 18,000-22,000", "Salary negotiable", "With SSS, PhilHealth, Pag-IBIG"],
    legit_ben=["HMO, 13th month pay, leave credits", "Libreng uniform at pagkain habang duty", "May staff house para sa mga taga-probinsya"],
    legit_apply=["Mag-apply sa HR office o i-email ang resume", "Apply online sa aming website; iimbitahan sa interview sa opisina ang mga qualified", "Walk-in interview Lunes hanggang Biyernes, dalhin ang valid ID"],
    hard=["May tanong? Mag-message sa WhatsApp ng HR sa office hours", "Urgent hiring para sa holiday season", "No experience needed para sa trainee cashier, may training", "Deployment sa Japan sa pamamagitan ng DMW-licensed agency (license no. INVENTED); kailangan ng passport para sa visa; walang placement fee", "Customer service representative para sa BPO sa Ortigas, day at night shift"],
)

P["zh-Hans"] = dict(
    open=["急招!!", "海外高薪招聘", "招聘启事", "改变命运的机会"],
    role=["招聘客服", "打字员", "网络营销业务员", "游戏推广", "币圈客服", "聊天专员"],
    pay=["月薪15000-30000", "高薪+高提成", "月薪2万起", "底薪8000 提成高 收入可观", "月入过万"],
    noexp=["无需经验，小白可做", "学历不限，零经验"],
    free=["包吃包住", "机票报销", "免费住宿，报销路费"],
    dest_c=["工作地点：西港", "工作地点：妙瓦底", "缅北", "金三角特区", "柬埔寨园区"],
    dest_v=["工作地点：泰国，地点私聊", "出国工作", "东南亚"],
    contact=["联系飞机 @hr_gaoxin88", "加微：gx2023", "纸飞机私聊", "联系tg：@zhaopin_asia"],
    urgent=["急招 马上出发", "名额有限", "即刻上岗"],
    age=["年龄18-30 形象好", "颜值高 发照片"],
    passport=["需有护照", "先发护照照片"],
    visa=["旅游签出境", "落地签，以旅游名义入境"],
    easy=["工作轻松", "工作简单 日结"],
    legit_co=["苏州精工电子有限公司", "杭州西湖酒店", "上海仁爱医院", "深圳云帆软件科技有限公司", "家乐超市"],
    legit_job=["招聘生产线操作工，倒班", "招聘前台接待，负责入住登记和预订", "招聘注册护士，住院部", "招聘后端开发工程师（Java）", "招聘收银员和理货员", "招聘应付会计"],
    legit_req=["两年以上相关工作经验", "大专及以上学历", "持有执业证书", "熟练使用办公软件"],
    legit_pay=["月薪4500-6000元，按经验定", "薪资面议", "五险一金，年终奖", "月薪8000元，周末双休"],
    legit_ben=["带薪年假，节日福利", "提供工作餐和工服", "外地员工可申请员工宿舍"],
    legit_apply=["请将简历发送至人事部邮箱，或到公司现场应聘", "通过公司官网投递简历，合格者到公司面试", "周一至周五现场面试，请携带身份证和学历证书"],
    hard=["如有疑问可在工作时间微信联系人事", "急招节日临时工", "无需经验，岗前培训，收银岗位", "通过有资质的对外劳务合作企业赴日本工作，办理签证需护照，不收中介费", "银行客服中心客服专员，工作地点上海"],
)

FLAG_KEYS = ["noexp", "free", "dest", "urgent", "age", "passport", "visa", "easy"]


def fraud_ad(rng, p, lang):
    parts = []
    if rng.random() < 0.6:
        parts.append(rng.choice(p["open"]))
    parts.append(rng.choice(p["role"]))
    subtle = rng.random() < 0.2
    if subtle:
        # Ads that carry only a few marks: a role, a destination and a chat handle.
        parts.append(rng.choice(p["dest_v"] + p["dest_c"]))
        if rng.random() < 0.5:
            parts.append(rng.choice(p["pay"]))
    else:
        parts.append(rng.choice(p["pay"]))
        k = rng.randint(2, 6)
        for key in rng.sample(FLAG_KEYS, k):
            if key == "dest":
                parts.append(rng.choice(p["dest_c"] if rng.random() < 0.6 else p["dest_v"]))
            else:
                parts.append(rng.choice(p[key]))
    parts.append(rng.choice(p["contact"]))
    sep = rng.choice(["\n", ". ", " ✅ ", " | "]) if lang not in ("th", "lo", "km", "my", "zh-Hans") else rng.choice(["\n", " ", " ✅ "])
    return sep.join(parts)


def legit_ad(rng, p, lang):
    co = rng.choice(p["legit_co"])
    parts = [co + " " + rng.choice(p["legit_job"])]
    parts.append(rng.choice(p["legit_req"]))
    parts.append(rng.choice(p["legit_pay"]))
    if rng.random() < 0.7:
        parts.append(rng.choice(p["legit_ben"]))
    if rng.random() < 0.45:
        parts.append(rng.choice(p["hard"]))
    parts.append(rng.choice(p["legit_apply"]))
    sep = "\n" if rng.random() < 0.5 else (". " if lang not in ("th", "lo", "km", "my", "zh-Hans") else " ")
    return sep.join(parts)


def main():
    rng = random.Random(SEED)
    out = []
    for lang, p in P.items():
        seen = set()
        for label in ("fraud", "legit"):
            n = 0
            tries = 0
            while n < N_PER_CLASS and tries < 10000:
                tries += 1
                text = fraud_ad(rng, p, lang) if label == "fraud" else legit_ad(rng, p, lang)
                if text in seen:
                    continue
                seen.add(text)
                n += 1
                idx = n if label == "fraud" else N_PER_CLASS + n
                source = "; ".join(dict.fromkeys(rng.sample(NATIONAL[lang], 1) + [rng.choice([PAPER, PAPER_ACT, INTERPOL])])) if label == "fraud" else LEGIT_SOURCE
                out.append({"id": f"{lang}-{idx:03d}", "text": text, "language": lang, "label": label, "source": source})
    for item in out:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
