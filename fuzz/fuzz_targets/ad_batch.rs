#![no_main]
// Job-ad batches arrive from platforms and NGOs as JSON Lines or CSV in any encoding (R26).

use std::sync::OnceLock;

// Loading the rules and the model takes about half a second; once per input it held the
// target to two executions a second, too few to find anything.
static SCREENER: OnceLock<Option<haven_ads::Screener>> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = haven_ads::Limits { max_ad_chars: 2_000, max_batch: 200, max_id_chars: 64 };
    let screener = SCREENER.get_or_init(|| haven_ads::Screener::builtin().ok());
    for format in [haven_ads::InputFormat::Jsonl, haven_ads::InputFormat::Csv] {
        if let Ok(parsed) = haven_ads::parse_input(data, format, &limits) {
            if let Some(screener) = screener {
                for ad in parsed.ads.iter().take(5) {
                    let _ = screener.screen(ad, haven_ads::Lang::En);
                }
            }
        }
    }
});
