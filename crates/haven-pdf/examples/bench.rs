//! Renders a two-language letter (Thai and Burmese, the heaviest shaping)
//! N times and prints milliseconds per render: `bench N`. Used by
//! `scripts/bench-documents`, which also records peak memory.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use haven_pdf::{render, Block, Doc};
    let n: u32 = std::env::args().nth(1).map(|s| s.parse()).transpose()?.unwrap_or(50);
    let mut blocks = Vec::new();
    for (title, para) in [
        (
            "การส่งต่อเพื่อรับความช่วยเหลือ",
            "บุคคลนี้ตกลงให้แบ่งปันข้อมูลต่อไปนี้กับท่าน สำหรับการส่งต่อครั้งนี้เท่านั้น ความช่วยเหลือต้องไม่ขึ้นอยู่กับการให้ความร่วมมือกับการสอบสวน",
        ),
        ("အကူအညီအတွက် လွှဲပြောင်းညွှန်းပို့ခြင်း", "ဤပုဂ္ဂိုလ်သည် ဤလွှဲပြောင်းညွှန်းပို့မှုအတွက်သာ အောက်ပါအချက်အလက်များကို သင်နှင့် မျှဝေရန် သဘောတူထားပါသည်။"),
    ] {
        blocks.push(Block::Title(title.into()));
        for _ in 0..4 {
            blocks.push(Block::Para(para.into()));
            blocks.push(Block::Bullet(para.into()));
        }
        blocks.push(Block::Space);
    }
    let doc = Doc { title: "bench".into(), lang: "th".into(), blocks };
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes = render(&doc)?.len();
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    println!("{ms:.2} ms per render, {bytes} bytes");
    Ok(())
}
