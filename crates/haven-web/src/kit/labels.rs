//! Labels for domain codes in the reader's language, shared by features
//! that show the same codes (where a person is, a case's status, a kind of
//! information).

use haven_core::case::CaseStatus;
use haven_core::person::LocationType;

use super::i18n::Tr;

pub fn location(tr: &Tr, l: LocationType) -> String {
    tr.t(&format!("location-{}", l.as_str()))
}

pub fn case_status(tr: &Tr, s: CaseStatus) -> String {
    tr.t(&format!("status-{}", s.as_str()))
}

pub fn category(tr: &Tr, c: haven_core::access::Category) -> String {
    tr.t(&format!("category-{}", c.as_str()))
}

/// The catalogue's word for what a screening instrument leaves to haven (yes,
/// no, the two decline answers, a 1.x instrument's option labels), in one of
/// the nine languages: for the XLSForm export, which writes every language
/// at once. `None` for a language without a catalogue (a translation pack's)
/// or an option the catalogue does not label, never another language's word.
pub fn instrument_word(t: haven_formats::xlsform::HostText<'_>, lang: &str) -> Option<String> {
    use haven_formats::xlsform::HostText;
    if !super::i18n::LANGUAGES.iter().any(|(c, _)| *c == lang) {
        return None;
    }
    let tr = Tr::new(lang);
    let key = match t {
        HostText::Yes => "screening-yes".to_owned(),
        HostText::No => "screening-no".to_owned(),
        HostText::PreferNotToSay => "screening-prefer-not".to_owned(),
        HostText::DontKnow => "screening-dont-know".to_owned(),
        HostText::NoAnswer => "screening-no-answer-why".to_owned(),
        HostText::Option(code) => format!("option-{code}"),
    };
    tr.has(&key).then(|| tr.t(&key))
}

/// The countries the person form offers by name: the region's countries of
/// origin, transit and exploitation (section II of the paper). Any other
/// country is still typed as its code.
pub const COUNTRIES: [&str; 36] = [
    "MMR", "KHM", "LAO", "THA", "VNM", "PHL", "IDN", "MYS", "SGP", "TLS", "BRN", "CHN", "TWN", "HKG", "MAC", "KOR",
    "JPN", "MNG", "IND", "BGD", "NPL", "LKA", "PAK", "UZB", "KGZ", "KAZ", "TUR", "RUS", "UKR", "EGY", "ETH", "KEN",
    "UGA", "NGA", "GHA", "BRA",
];

/// The offered countries by name in the reader's language, sorted by that
/// name, so nobody has to know an ISO code to record a nationality.
pub fn countries(tr: &Tr) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = COUNTRIES.iter().map(|c| (*c, tr.t(&format!("country-{c}")))).collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// A country by name where the form offers it by name; otherwise its code.
pub fn country_name(tr: &Tr, code: &str) -> String {
    if COUNTRIES.contains(&code) {
        tr.t(&format!("country-{code}"))
    } else {
        code.to_owned()
    }
}

/// One of the nine languages in its own name; any other by its tag.
pub fn language_name(code: &str) -> String {
    super::i18n::LANGUAGES.iter().find(|(c, _)| *c == code).map_or_else(|| code.to_owned(), |(_, n)| (*n).to_owned())
}
