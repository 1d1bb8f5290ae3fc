#!/usr/bin/env python3
"""Seeded evaluation set for haven tracing (issue 15).

Writes, into OUT_DIR:
  reports.csv  origin-side missing-person reports (native script or the family's own romanisation)
  records.csv  destination-side records (caseworker romanisation, typos, age estimates)
  truth.csv    left_id,right_id,nationality for every true pair

Usage: tracing-gen.py OUT_DIR [--seed N] [--reports N] [--records N] [--pairs N]

Romanisation: Thai through pythainlp (royin) and then the passport-style variants people
actually use (ph/p, ch/j, ee/i, oo/u, final y/i); Han through pypinyin (with and without tone
marks, either order); Burmese, Khmer and Lao from syllable tables with the Latin spellings seen
in documents. The variant rules here are written independently of haven's own skeleton folding
as far as possible (they were listed from documents, not derived from the matcher).
"""
import argparse
import csv
import datetime
import os
import random
import unicodedata

from pythainlp.transliterate import romanize
from pypinyin import lazy_pinyin, Style

# ---------------------------------------------------------------- name lists

THAI_GIVEN_M = ["สมชาย", "สมศักดิ์", "ประยุทธ์", "พงษ์ศักดิ์", "ธนากร", "วีระ", "สุรชัย", "อนุชา", "ชัยวัฒน์", "ณัฐพล",
                "กิตติ", "ธีรพงษ์", "สมบัติ", "บุญมี", "ประสิทธิ์", "อำนาจ", "เกียรติศักดิ์", "ศุภชัย", "วิทยา", "จักรพันธ์"]
THAI_GIVEN_F = ["สุภาพร", "วิไลวรรณ", "มาลี", "สมหญิง", "นงลักษณ์", "กาญจนา", "จินตนา", "ปราณี", "ศิริพร", "อรุณี",
                "พรทิพย์", "รัตนา", "สุนิสา", "นภา", "ดวงใจ", "เพ็ญศรี", "วันเพ็ญ", "ลำดวน", "บุษบา", "ทองใบ"]
THAI_FAMILY = ["ใจดี", "ศรีสุข", "แสงทอง", "บุญมา", "สุขสวัสดิ์", "วงศ์สวัสดิ์", "ทองดี", "พรหมมา", "จันทร์เพ็ญ", "สมบูรณ์",
               "ศรีวงศ์", "แก้วมณี", "พึ่งบุญ", "อินทร์แก้ว", "เพชรรัตน์", "ชัยมงคล", "รักษาศรี", "บุญเรือง", "ทองคำ", "สิทธิชัย"]
THAI_PLACES = ["อุดรธานี", "ขอนแก่น", "เชียงราย", "นครพนม", "สกลนคร", "อุบลราชธานี", "ร้อยเอ็ด", "บุรีรัมย์"]

# Burmese: (script, Latin spellings as seen in documents).
MMR_SYL = [("အောင်", ["Aung", "Aung", "Ong"]), ("ကျော်", ["Kyaw", "Kyaw", "Kyao", "Chaw"]),
           ("ဇော်", ["Zaw", "Zaw", "Zo"]), ("ဝင်း", ["Win", "Win", "Winn"]), ("မြင့်", ["Myint", "Myint", "Mying"]),
           ("သိန်း", ["Thein", "Thein", "Thain", "Tein"]), ("ထွန်း", ["Htun", "Tun", "Htoon"]), ("လှ", ["Hla", "Hla", "La"]),
           ("မောင်", ["Maung", "Maung", "Mg"]), ("ခင်", ["Khin", "Khin", "Kin"]), ("မြ", ["Mya", "Mya", "Mia"]),
           ("စိုး", ["Soe", "Soe", "So"]), ("မင်း", ["Min", "Min", "Minn"]), ("နိုင်", ["Naing", "Naing", "Nine"]),
           ("လှိုင်", ["Hlaing", "Hlaing", "Laing"]), ("ထက်", ["Htet", "Htet", "Htat", "Tet"]), ("ဖြိုး", ["Phyo", "Phyo", "Pyo"]),
           ("ဝေ", ["Wai", "Wai", "Way", "We"]), ("ရန်", ["Yan", "Yan", "Yang"]), ("နေ", ["Nay", "Nay", "Ne", "Nei"]),
           ("လင်း", ["Lin", "Lin", "Linn"]), ("ထူး", ["Htoo", "Htoo", "Htu", "Too"]), ("မိုး", ["Moe", "Moe", "Mo"]),
           ("သူ", ["Thu", "Thu", "Thuu"]), ("ဇင်", ["Zin", "Zin", "Zinn"]), ("ချစ်", ["Chit", "Chit", "Chitt"]),
           ("နှင်း", ["Hnin", "Hnin", "Nin"]), ("ဖြူ", ["Phyu", "Phyu", "Pyu"]), ("စန္ဒာ", ["Sandar", "Sandar", "Sanda"]),
           ("သီတာ", ["Thida", "Thida", "Theda"]), ("ညိမ်း", ["Nyein", "Nyein", "Nyain"]), ("ကြည်", ["Kyi", "Kyi", "Kyee", "Chi"]),
           ("ဦး", ["Oo", "Oo", "U"]), ("စု", ["Su", "Su", "Suu"]), ("ခိုင်", ["Khaing", "Khaing", "Kaing"]),
           ("ပြည့်", ["Pyae", "Pyae", "Pye"]), ("သန့်", ["Thant", "Thant", "Than"]), ("ဆန်း", ["San", "San", "Hsan"])]
MMR_PLACES = [("မကွေး", ["Magway", "Magwe"]), ("ရန်ကုန်", ["Yangon", "Rangoon"]), ("မန္တလေး", ["Mandalay", "Mandale"]),
              ("ပဲခူး", ["Bago", "Pegu"]), ("စစ်ကိုင်း", ["Sagaing", "Sagain"]), ("ဧရာဝတီ", ["Ayeyarwady", "Irrawaddy"])]

KHM_GIVEN = [("សុខ", ["Sok", "Sokh", "Sokk"]), ("ចាន់", ["Chan", "Chann", "Chan"]), ("ដារ៉ា", ["Dara", "Darra", "Dara"]),
             ("វណ្ណៈ", ["Vannak", "Vanak", "Vannak"]), ("សុភា", ["Sophea", "Sophia", "Sopheak"]), ("ពិសី", ["Pisey", "Pisei", "Pisy"]),
             ("រតនា", ["Ratana", "Rattana", "Rathana"]), ("សុធា", ["Sothea", "Sotheа", "Sotea"]), ("វិចិត្រ", ["Vichet", "Vicheth", "Vichit"]),
             ("សម្បត្តិ", ["Sambath", "Sambat", "Sombath"]), ("ស្រីនាង", ["Sreyneang", "Srey Neang", "Sreinang"]),
             ("ធារី", ["Theary", "Thiary", "Teary"]), ("បុប្ផា", ["Bopha", "Bupha", "Boppha"]), ("ពៅ", ["Pov", "Pauv", "Pov"]),
             ("រិទ្ធ", ["Rith", "Rit", "Ritt"]), ("វាសនា", ["Veasna", "Veasana", "Vesna"])]
KHM_FAMILY = [("សុខ", ["Sok", "Sokh"]), ("ជា", ["Chea", "Chia"]), ("ហេង", ["Heng", "Hieng"]), ("គឹម", ["Kim", "Kem"]),
              ("មាស", ["Meas", "Mias"]), ("ពេជ្រ", ["Pich", "Pech"]), ("ឡុង", ["Long", "Loung"]), ("ស៊ុន", ["Sun", "Soun"]),
              ("ឈឹម", ["Chhim", "Chim"]), ("ហ៊ុន", ["Hun", "Hoon"]), ("ស្រី", ["Srey", "Srei"]), ("ទេព", ["Tep", "Teb"])]
KHM_PLACES = [("កំពង់ចាម", ["Kampong Cham", "Kompong Cham"]), ("បាត់ដំបង", ["Battambang", "Batdambang"]),
              ("ព្រៃវែង", ["Prey Veng", "Prei Veng"]), ("តាកែវ", ["Takeo", "Takev"])]

LAO_GIVEN = [("ສົມສັກ", ["Somsak", "Somsack", "Somsaak"]), ("ບຸນມີ", ["Bounmy", "Bounmi", "Bunmee"]),
             ("ຄຳພອນ", ["Khamphone", "Khampon", "Kamphone"]), ("ສີສຸກ", ["Sisouk", "Sisuk", "Seesouk"]),
             ("ພອນສະຫວັນ", ["Phonesavanh", "Phonsavan", "Ponesavan"]), ("ວິໄລ", ["Vilay", "Wilai", "Vilai"]),
             ("ນ້ອຍ", ["Noy", "Noi", "Noy"]), ("ແສງ", ["Seng", "Saeng", "Sang"]), ("ຈັນທະລາ", ["Chanthala", "Chantala", "Jantala"]),
             ("ມະນີ", ["Many", "Manee", "Mani"]), ("ສຸລິຍາ", ["Souliya", "Suliya", "Souliyah"]), ("ທອງ", ["Thong", "Tong", "Thongh"]),
             ("ອຸດົມ", ["Oudom", "Udom", "Oudome"]), ("ບົວ", ["Boua", "Bua", "Bouah"])]
LAO_FAMILY = [("ສີສຸວັນ", ["Sisouvanh", "Sisouvan", "Sisuwan"]), ("ພົມມະຈັນ", ["Phommachanh", "Phommachan", "Pommachan"]),
              ("ວົງສາ", ["Vongsa", "Wongsa", "Vongsaa"]), ("ແກ້ວມະນີ", ["Keomany", "Kaewmany", "Keomani"]),
              ("ສຸລິວົງ", ["Soulivong", "Sulivong", "Soulivongh"]), ("ອິນທະວົງ", ["Inthavong", "Intavong", "Inthawong"]),
              ("ໄຊຍະວົງ", ["Xayavong", "Sayavong", "Xaiyavong"]), ("ພັນທະວົງ", ["Phanthavong", "Panthavong", "Phantavong"])]
LAO_PLACES = [("ສະຫວັນນະເຂດ", ["Savannakhet", "Savanakhet"]), ("ຈຳປາສັກ", ["Champasak", "Champassak"]),
              ("ຫຼວງພະບາງ", ["Luang Prabang", "Louangphabang"]), ("ບໍ່ແກ້ວ", ["Bokeo", "Bo Keo"])]

CHN_FAMILY = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "林", "郭", "何", "高", "罗"]
CHN_GIVEN_M = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "志强", "建国", "俊杰", "浩然", "子轩", "文博", "家豪"]
CHN_GIVEN_F = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "美玲", "婷婷", "欣怡", "雨涵", "晓燕", "佳琪"]
CHN_PLACES = ["福建", "广西", "云南", "河南", "四川", "湖南"]

VNM_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
VNM_MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành"]
VNM_MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ"]
VNM_GIVEN_M = ["Anh", "Hùng", "Dũng", "Tuấn", "Cường", "Long", "Nam", "Phúc", "Thắng", "Đạt", "Huy", "Khoa", "Sơn", "Trung"]
VNM_GIVEN_F = ["Hương", "Lan", "Linh", "Trang", "Hằng", "Nga", "Mai", "Thảo", "Huyền", "Phương", "Nhung", "Yến", "Hà", "Ngân"]
VNM_PLACES = ["Nghệ An", "Hà Tĩnh", "Thanh Hóa", "Quảng Bình", "Đắk Lắk", "Sóc Trăng"]

IDN_GIVEN_M = ["Budi", "Agus", "Joko", "Slamet", "Eko", "Dedi", "Hendra", "Rudi", "Wahyu", "Suharto", "Bambang", "Ahmad", "Yusuf"]
IDN_GIVEN_F = ["Siti", "Sri", "Dewi", "Nur", "Ani", "Ratna", "Wati", "Yuliana", "Fitri", "Rina", "Endang", "Lestari", "Putri"]
IDN_FAMILY = ["Santoso", "Wijaya", "Setiawan", "Susanto", "Hidayat", "Saputra", "Kurniawan", "Pratama", "Nugroho", "Purnomo",
              "Gunawan", "Wibowo", "Suryadi", "Rahmawati", "Sulistyo"]
IDN_PLACES = ["Indramayu", "Cirebon", "Lombok Timur", "Kupang", "Medan", "Surabaya"]

PHL_GIVEN_M = ["Jose", "Juan", "Mark", "John Paul", "Rodel", "Jerome", "Christian", "Ramon", "Edgar", "Noel", "Jayson", "Reynaldo"]
PHL_GIVEN_F = ["Maria", "Ma. Cristina", "Jocelyn", "Marites", "Rowena", "Lorna", "Mary Grace", "Analyn", "Rosalie", "Jennifer",
               "Lovely", "Maricel"]
PHL_FAMILY = ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "dela Cruz", "Villanueva", "Ramos", "Aquino",
              "Castillo", "Fernandez", "Gonzales", "Torres", "Navarro"]
PHL_PLACES = ["Pampanga", "Cavite", "Iloilo", "Cebu", "Davao", "Pangasinan"]

# Larger pools, composed the way these names are: Thai given names from two elements, Chinese
# given names from one or two characters, Khmer and Lao given names from two syllables (their
# Latin spellings combined variant by variant).
THAI_PREFIX = ["สม", "สุ", "ศรี", "บุญ", "ทอง", "กิตติ", "วิ", "ชัย", "อนุ", "ประ", "พร", "รัตน"]
THAI_SUFFIX_M = ["ชาย", "ศักดิ์", "ชัย", "พงษ์", "วัฒน์", "พล", "เดช", "ศิลป์"]
THAI_SUFFIX_F = ["พร", "วรรณ", "ใจ", "มณี", "ลักษณ์", "ศรี", "นภา", "ทิพย์"]
THAI_GIVEN_M += [a + b for a in THAI_PREFIX for b in THAI_SUFFIX_M]
THAI_GIVEN_F += [a + b for a in THAI_PREFIX for b in THAI_SUFFIX_F]
HAN_CHARS = "伟强磊军洋勇杰涛明超芳娜敏静丽艳娟霞英玲婷欣怡雨涵晓燕佳琪志建国俊浩然子轩文博家豪春华秋月海波"
CHN_GIVEN_M += [a + b for a in HAN_CHARS[:20] for b in HAN_CHARS[20:40]]
CHN_GIVEN_F += [a + b for a in HAN_CHARS[10:30] for b in HAN_CHARS[30:]]
CHN_FAMILY += ["徐", "孙", "马", "朱", "胡", "郑", "梁", "宋", "谢", "唐", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘"]
KHM_GIVEN += [(a[0] + b[0], [x + y.lower() for x in a[1][:2] for y in b[1][:2]])
              for a in KHM_GIVEN[:8] for b in KHM_GIVEN[8:]]
LAO_GIVEN += [(a[0] + b[0], [x + y.lower() for x in a[1][:2] for y in b[1][:2]])
              for a in LAO_GIVEN[:7] for b in LAO_GIVEN[7:]]
VNM_GIVEN_M += ["Bảo", "Công", "Hải", "Hiếu", "Hoàng", "Kiên", "Lâm", "Lộc", "Nghĩa", "Nhân", "Quân", "Tài", "Thiện", "Toàn", "Vinh"]
VNM_GIVEN_F += ["Anh", "Chi", "Diệp", "Dung", "Giang", "Hạnh", "Hoa", "Khánh", "Loan", "My", "Ngọc", "Oanh", "Quyên", "Thúy", "Vân"]
IDN_FAMILY += ["Hartono", "Halim", "Sembiring", "Siregar", "Nasution", "Lubis", "Simanjuntak", "Tanjung", "Hasibuan", "Sinaga"]
PHL_FAMILY += ["Aquino", "Dizon", "Pascual", "Salazar", "Manalo", "Soriano", "Macaraeg", "Tolentino", "Agustin", "Francisco"]

NATIONALITIES = ["THA", "VNM", "MMR", "KHM", "LAO", "CHN", "IDN", "PHL"]

# ---------------------------------------------------------------- romanisation variants


def fold(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def thai_latin(word, rng):
    """pythainlp RTGS, then the passport-style spellings people choose."""
    r = romanize(word, engine="royin")
    subs = [("ph", "p"), ("th", "t"), ("kh", "k"), ("ch", "j"), ("i", "ee"), ("u", "oo"), ("ai", "ay"),
            ("o", "or"), ("ue", "eu"), ("ng", "ngh"), ("k", "kk"), ("t", "tt"), ("on", "orn"), ("a", "ah")]
    for a, b in subs:
        if a in r and rng.random() < 0.25:
            r = r.replace(a, b, 1)
    return r.capitalize()


def pinyin(hanzi, rng, tones):
    style = Style.TONE if tones else Style.NORMAL
    return "".join(lazy_pinyin(hanzi, style=style)).capitalize()


def typo(s, rng):
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.randrange(4)
    letters = "aeiounmrstlkhgy"
    if op == 0:
        return s[:i] + s[i + 1:]
    if op == 1:
        return s[:i] + rng.choice(letters) + s[i:]
    if op == 2:
        return s[:i] + rng.choice(letters) + s[i + 1:]
    return s[:i - 1] + s[i] + s[i - 1] + s[i + 1:]


# ---------------------------------------------------------------- people

def new_person(nat, rng, family=None, place=None):
    """A person as (native parts, list of romanisation-maker functions per part, place, sex)."""
    sex = rng.choice("MF")
    if nat == "THA":
        g = rng.choice(THAI_GIVEN_M if sex == "M" else THAI_GIVEN_F)
        f = family or rng.choice(THAI_FAMILY)
        parts = [("g", g, None), ("f", f, None)]
        place = place or rng.choice(THAI_PLACES)
    elif nat == "MMR":
        n = rng.choice([2, 2, 3])
        syl = rng.sample(MMR_SYL, n)
        if family:
            syl[0] = family
        parts = [("g", s[0], s[1]) for s in syl]
        place = place or rng.choice(MMR_PLACES)
    elif nat == "KHM":
        f = family or rng.choice(KHM_FAMILY)
        g = rng.choice(KHM_GIVEN)
        parts = [("f", f[0], f[1]), ("g", g[0], g[1])]
        place = place or rng.choice(KHM_PLACES)
    elif nat == "LAO":
        g = rng.choice(LAO_GIVEN)
        f = family or rng.choice(LAO_FAMILY)
        parts = [("g", g[0], g[1]), ("f", f[0], f[1])]
        place = place or rng.choice(LAO_PLACES)
    elif nat == "CHN":
        f = family or rng.choice(CHN_FAMILY)
        g = rng.choice(CHN_GIVEN_M if sex == "M" else CHN_GIVEN_F)
        parts = [("f", f, None), ("g", g, None)]
        place = place or rng.choice(CHN_PLACES)
    elif nat == "VNM":
        f = family or rng.choice(VNM_FAMILY)
        m = rng.choice(VNM_MIDDLE_M if sex == "M" else VNM_MIDDLE_F)
        g = rng.choice(VNM_GIVEN_M if sex == "M" else VNM_GIVEN_F)
        parts = [("f", f, None), ("m", m, None), ("g", g, None)]
        place = place or rng.choice(VNM_PLACES)
    elif nat == "IDN":
        g = rng.choice(IDN_GIVEN_M if sex == "M" else IDN_GIVEN_F)
        if family is None and rng.random() < 0.2:
            parts = [("g", g, None)]  # a single name, as many Javanese have
        else:
            parts = [("g", g, None), ("f", family or rng.choice(IDN_FAMILY), None)]
        place = place or rng.choice(IDN_PLACES)
    else:
        g = rng.choice(PHL_GIVEN_M if sex == "M" else PHL_GIVEN_F)
        parts = [("g", g, None), ("f", family or rng.choice(PHL_FAMILY), None)]
        place = place or rng.choice(PHL_PLACES)
    family_part = next((p for p in parts if p[0] == "f"), None)
    if nat == "MMR":
        family_part = syl[0]
    elif family_part is not None:
        family_part = family_part[1] if family_part[2] is None else (family_part[1], family_part[2])
    return {"nat": nat, "sex": sex, "parts": parts, "place": place, "family": family_part}


def latin_part(nat, text, variants, rng, caseworker):
    if variants is not None:
        return rng.choice(variants)
    if nat == "THA":
        return thai_latin(text, rng)
    if nat == "CHN":
        return pinyin(text, rng, tones=(not caseworker and rng.random() < 0.3))
    if nat == "VNM":
        return fold(text) if caseworker or rng.random() < 0.5 else text
    if nat == "IDN":
        t = text
        for a, b in [("u", "oe"), ("j", "dj"), ("y", "j"), ("c", "tj")]:
            if a in t and rng.random() < 0.1:
                t = t.replace(a, b, 1)
        return t
    if nat == "PHL":
        t = text
        if t.startswith("Ma. ") and rng.random() < 0.5:
            t = "Maria " + t[4:]
        if t == "dela Cruz" and rng.random() < 0.5:
            t = rng.choice(["De la Cruz", "Dela Cruz", "Delacruz"])
        return t
    return text


NATIVE_SCRIPT = {"THA", "MMR", "KHM", "LAO", "CHN"}


def render_name(person, rng, side):
    nat, parts = person["nat"], list(person["parts"])
    if side == "origin":
        if nat in NATIVE_SCRIPT and rng.random() < 0.65:
            if nat == "CHN":
                return "".join(p[1] for p in parts)
            if nat == "MMR":
                return "".join(p[1] for p in parts) if rng.random() < 0.5 else " ".join(p[1] for p in parts)
            return " ".join(p[1] for p in parts)
        words = [latin_part(nat, p[1], p[2], rng, caseworker=False) for p in parts]
    else:
        words = [latin_part(nat, p[1], p[2], rng, caseworker=True) for p in parts]
        if nat == "VNM" and rng.random() < 0.2:
            words = [w for i, w in enumerate(words) if i != 1]  # middle name left out
        if nat == "PHL" and len(words[0].split()) > 1 and rng.random() < 0.3:
            words[0] = words[0].split()[0]
        if rng.random() < 0.3:
            words = words[1:] + words[:1]  # given and family the other way round
        if rng.random() < 0.25:
            i = rng.randrange(len(words))
            words[i] = typo(words[i], rng)
        if rng.random() < 0.3:
            words = [w.upper() for w in words]
    return " ".join(words)


def render_place(person, rng, side):
    p, nat = person["place"], person["nat"]
    if isinstance(p, tuple):
        return p[0] if side == "origin" and rng.random() < 0.5 else rng.choice(p[1])
    if nat == "THA":
        return p if side == "origin" and rng.random() < 0.5 else thai_latin(p, rng)
    if nat == "CHN":
        return p if side == "origin" and rng.random() < 0.5 else pinyin(p, rng, False)
    if nat == "VNM":
        return p if side == "origin" else fold(p)
    return p


def iso(d):
    return d.isoformat()


def make_rows(n_reports, n_records, n_pairs, rng):
    reports, records, truth = [], [], []
    people = []
    for i in range(n_pairs + (n_reports - n_pairs) + (n_records - n_pairs)):
        nat = NATIONALITIES[i % len(NATIONALITIES)]
        base = None
        if people and rng.random() < 0.2:
            base = rng.choice(people[-50:])
        if base is not None and base["nat"] == nat:
            p = new_person(nat, rng, family=base["family"], place=base["place"])
            p["dob"] = base["dob"] + datetime.timedelta(days=rng.randint(300, 365 * 6) * rng.choice([-1, 1]))
        else:
            p = new_person(nat, rng)
            p["dob"] = datetime.date(1975, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 32))
        people.append(p)
    rng.shuffle(people)
    paired = people[:n_pairs]
    only_left = people[n_pairs:n_reports]
    only_right = people[n_reports:n_reports + n_records - n_pairs]

    def origin_row(pid, p):
        reported = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
        r = rng.random()
        dob = iso(p["dob"]) if r < 0.6 else (str(p["dob"].year) if r < 0.8 else "")
        return [pid, render_name(p, rng, "origin"), p["sex"] if rng.random() < 0.95 else "", dob, "",
                p["nat"] if rng.random() < 0.95 else "", render_place(p, rng, "origin") if rng.random() < 0.85 else "",
                iso(reported)]

    def dest_row(pid, p):
        recorded = datetime.date(2024, 6, 1) + datetime.timedelta(days=rng.randint(0, 700))
        r = rng.random()
        dob, age = "", ""
        if r < 0.4:
            d = p["dob"]
            if rng.random() < 0.15:  # day and month swapped or misread
                d = d.replace(day=min(d.day, 28), month=rng.randint(1, 12))
            dob = iso(d)
        elif r < 0.8:
            true_age = (recorded - p["dob"]).days // 365
            centre = true_age + rng.randint(-3, 3)
            width = rng.choice([2, 4, 5, 6, 10])
            lo = max(14, centre - width // 2)
            age = f"{lo}-{lo + width}"
        nat = p["nat"] if rng.random() < 0.9 else ""
        return [pid, render_name(p, rng, "destination"), p["sex"] if rng.random() < 0.97 else "", dob, age, nat,
                render_place(p, rng, "destination") if rng.random() < 0.6 else "", iso(recorded)]

    left_nat = {}
    for k, p in enumerate(paired):
        left_nat[f"R{k:06d}"] = p
        lid, rid = f"R{k:06d}", f"D{k:06d}"
        reports.append(origin_row(lid, p))
        records.append(dest_row(rid, p))
        truth.append([lid, rid, p["nat"]])
    for k, p in enumerate(only_left):
        left_nat[f"R{n_pairs + k:06d}"] = p
        reports.append(origin_row(f"R{n_pairs + k:06d}", p))
    for k, p in enumerate(only_right):
        records.append(dest_row(f"D{n_pairs + k:06d}", p))
    # Ids must not give the pairing away: shuffle rows and rename.
    rng.shuffle(reports)
    rng.shuffle(records)
    lmap = {row[0]: f"r{i}" for i, row in enumerate(reports)}
    rmap = {row[0]: f"d{i}" for i, row in enumerate(records)}
    for row in reports:
        row[0] = lmap[row[0]]
    for row in records:
        row[0] = rmap[row[0]]
    truth = [[lmap[a], rmap[b], n] for a, b, n in truth]
    # True nationality of every report (the row's own field may be empty), for scoring.
    nats = [[lmap[old], p["nat"]] for old, p in left_nat.items()]
    return reports, records, truth, nats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--pairs", type=int, default=600)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    reports, records, truth, nats = make_rows(a.reports, a.records, a.pairs, rng)
    os.makedirs(a.out, exist_ok=True)
    head = ["id", "full_name", "sex", "date_of_birth", "age_estimate", "nationality", "place_of_origin"]
    for name, rows, date_col in [("reports.csv", reports, "reported_on"), ("records.csv", records, "recorded_on")]:
        with open(os.path.join(a.out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(head + [date_col])
            w.writerows(rows)
    with open(os.path.join(a.out, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id", "nationality"])
        w.writerows(truth)
    with open(os.path.join(a.out, "nationality.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "nationality"])
        w.writerows(nats)


if __name__ == "__main__":
    main()
