//! Writes a sample page in every script to the path given, for eyeballing.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use haven_pdf::{render, Block, Doc};
    let path = std::env::args().nth(1).ok_or("usage: sample OUT.pdf")?;
    let mut blocks = vec![Block::Title("Sample: every script".into())];
    for s in [
        "Nguyễn Thị Hoa — người này không được bị giam giữ, truy tố hay trừng phạt.",
        "บุคคลนี้ต้องไม่ถูกควบคุมตัว ดำเนินคดี หรือลงโทษ สำหรับการกระทำที่ถูกบังคับให้กระทำ",
        "ဤပုဂ္ဂိုလ်ကို လူကုန်ကူးခံရမှု၏ အကျိုးဆက်အဖြစ် ကျူးလွန်ခဲ့ရသော လုပ်ရပ်များအတွက် ထိန်းသိမ်းခြင်း မပြုရပါ။",
        "បុគ្គលនេះមិនត្រូវឃុំខ្លួន ចោទប្រកាន់ ឬដាក់ទោសចំពោះអំពើដែលគេបង្ខំឱ្យប្រព្រឹត្តនោះទេ។",
        "ບຸກຄົນນີ້ຕ້ອງບໍ່ຖືກກັກຂັງ ຫຼື ຖືກລົງໂທດ ສຳລັບການກະທຳທີ່ຖືກບັງຄັບໃຫ້ເຮັດ.",
        "根据不惩罚原则，此人不得因被贩运而被迫实施的行为而被拘留、起诉或惩罚。",
    ] {
        blocks.push(Block::Para(s.into()));
        blocks.push(Block::Bullet(s.into()));
    }
    std::fs::write(path, render(&Doc { title: "sample".into(), lang: "en".into(), blocks })?)?;
    Ok(())
}
