#![no_main]
// Job-ad batches arrive from platforms and NGOs as JSON Lines or CSV in any encoding (R26).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let limits = haven_ads::Limits { max_ad_chars: 2_000, max_batch: 200, max_id_chars: 64 };
    for format in [haven_ads::InputFormat::Jsonl, haven_ads::InputFormat::Csv] {
        if let Ok(parsed) = haven_ads::parse_input(data, format, &limits) {
            if let Ok(screener) = haven_ads::Screener::builtin() {
                for ad in parsed.ads.iter().take(5) {
                    let _ = screener.screen(ad, haven_ads::Lang::En);
                }
            }
        }
    }
});
