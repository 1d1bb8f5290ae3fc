#![no_main]
// Submissions come off caseworkers' phones (ODK instance XML) and out of
// KoboToolbox (JSON): any bytes must give answers or an error, never a panic
// or a hang, and answers that are given must fit their questions.
use std::sync::LazyLock;

use haven_core::screening::Instrument;
use haven_formats::odk;

// The seeds are submissions of this instrument; parsing it once keeps the
// executions on the reader.
static INSTRUMENT: LazyLock<Option<Instrument>> = LazyLock::new(|| haven_instrument::find("forced-criminality"));

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(instrument) = INSTRUMENT.as_ref() else {
        return;
    };
    let limits = odk::Limits::default();
    let sniffed = odk::read_submission(instrument, data, &limits);
    let xml = odk::read_xml(instrument, data, &limits);
    let json = odk::read_kobo_json(instrument, data, &limits);
    if let Ok(s) = &sniffed {
        let direct = match s.format {
            odk::Format::OdkXml => &xml,
            odk::Format::KoboJson => &json,
        };
        assert_eq!(direct.as_ref().ok(), Some(s), "the sniffing reader and the direct one disagree");
        for (id, answer) in &s.answers {
            let q = instrument.question(id).expect("an answer to a question the instrument does not have");
            assert!(answer.fits(&q.answer), "an answer that does not fit question {id}");
        }
    }
    // The same bytes as an export of many submissions (CSV or JSON).
    if let Ok(rows) = odk::read_export(instrument, data, &limits) {
        for s in rows.iter().filter_map(|r| r.read.as_ref().ok()) {
            for (id, answer) in &s.answers {
                let q = instrument.question(id).expect("an export answer to a question the instrument does not have");
                assert!(answer.fits(&q.answer), "an export answer that does not fit question {id}");
            }
        }
    }
});
