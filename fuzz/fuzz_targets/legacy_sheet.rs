#![no_main]
// An organisation's own spreadsheet, moving in (CSV or XLSX): read, with
// the columns guessed from its headings and every row checked, for any
// bytes and either date order.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    use haven_formats::legacy;
    let today = time::macros::date!(2026 - 01 - 01);
    if let Ok(sheet) = legacy::read_sheet(data) {
        let mapping = legacy::guess(&sheet.headers);
        let _ = legacy::left_out(&sheet, &mapping);
        for order in [legacy::DateOrder::DayFirst, legacy::DateOrder::MonthFirst] {
            let _ = legacy::to_bundle(&sheet, &mapping, order, today);
        }
    }
});
