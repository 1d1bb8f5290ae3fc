//! Family tracing between installations (R25, paper section IV.G).
//!
//! A family in the country of origin asks after a relative; an organisation in another country
//! may hold the answer. The rules here decide what a request must say, what may cross the
//! border about it, and what each side may do next. Three things hold whatever the callers do:
//!
//! - **No plaintext crosses.** A request leaves only as a keyed encoding of its names and dates
//!   (`haven-trace`) with a coarse context ([`Context`]: an age range, the region, the month of
//!   last contact), never the names, the date of birth or the family's contact.
//! - **Both sides review.** The holding organisation decides whether a candidate is plausible
//!   before anyone asks the person; the organisation in the country of origin reviews the answer
//!   before the family is told ([`InboundStatus`], [`RequestStatus`]).
//! - **The person decides.** What goes back is only the person's decision ([`Outcome`]). A
//!   person who declines contact and a search that found nobody send the same answer,
//!   [`Outcome::Closed`], so the family cannot tell the two apart and learns nothing of where
//!   the person is, or that they are alive, unless the person says so.

use std::collections::BTreeMap;

use time::Date;

use crate::person::{format_date, parse_date};
use crate::ValidationError;

/// The longest a name, place or contact may be, in characters.
pub const MAX_TEXT: usize = 200;
/// The most names (in any scripts and spellings) one request may carry.
pub const MAX_NAMES: usize = 8;
/// The longest message a person may pass on, in characters.
pub const MAX_MESSAGE: usize = 1000;
/// The widest age range a request may give, in years.
pub const MAX_AGE_SPAN: u8 = 15;

/// What the family told the organisation in the country of origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The missing person's names, each as the family writes it, in any script or spelling.
    pub names: Vec<String>,
    /// `M`, `F` or not known.
    pub sex: Option<char>,
    pub date_of_birth: Option<Date>,
    /// An age range in years today, when the date of birth is not known.
    pub age: Option<(u8, u8)>,
    /// ISO 3166 alpha-3.
    pub nationality: Option<String>,
    pub place_of_origin: String,
    pub last_heard: Option<Date>,
    pub requester_name: String,
    pub requester_relation: String,
    pub requester_contact: String,
}

/// The part of a request that travels in clear inside the encrypted package, for the holding
/// organisation's first review: nothing that names or locates anyone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    /// The age range today: the date of birth widened to a range, never the date itself.
    pub age: Option<(u8, u8)>,
    pub sex: Option<char>,
    pub nationality: Option<String>,
    /// The region the person comes from, as the family gave it.
    pub region: String,
    /// The month of last contact, `YYYY-MM`.
    pub last_heard: Option<String>,
}

fn text(field: &'static str, v: &str, required: bool) -> Result<String, ValidationError> {
    let v = crate::text::clean_line(field, v, MAX_TEXT)?;
    if required && v.is_empty() {
        return Err(ValidationError::new(field, "required", "this field is required"));
    }
    Ok(v)
}

fn parse_age(v: &str) -> Result<Option<(u8, u8)>, ValidationError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || ValidationError::new("age_range", "tracing_age_range", "an age range is written as 20-25");
    let (lo, hi) = v.split_once(['-', '–']).ok_or_else(bad)?;
    let lo: u8 = lo.trim().parse().map_err(|_| bad())?;
    let hi: u8 = hi.trim().parse().map_err(|_| bad())?;
    // A range wider than this matches nearly anyone of the right sex and
    // nationality, and would have a caseworker ask the wrong people.
    if lo > hi || hi > 120 || hi - lo > MAX_AGE_SPAN {
        return Err(bad());
    }
    Ok(Some((lo, hi)))
}

/// The raw form of a request, as typed.
#[derive(Debug, Clone, Default)]
pub struct RequestInput<'a> {
    /// One name per line.
    pub names: &'a str,
    pub sex: &'a str,
    pub date_of_birth: &'a str,
    pub age_range: &'a str,
    pub nationality: &'a str,
    pub place_of_origin: &'a str,
    pub last_heard: &'a str,
    pub requester_name: &'a str,
    pub requester_relation: &'a str,
    pub requester_contact: &'a str,
    /// The family agreed that the request is encoded and sent to partners (R24).
    pub family_consent: bool,
}

impl Request {
    /// Checks a request as typed. `today` bounds the dates.
    pub fn parse(input: &RequestInput<'_>, today: Date) -> Result<Request, ValidationError> {
        // R24: nothing about the family's relative is encoded or sent without their agreement.
        if !input.family_consent {
            return Err(ValidationError::new(
                "family_consent",
                "r25_family_consent_required",
                "the family must agree to the search before it is recorded",
            ));
        }
        let mut names = Vec::new();
        for line in input.names.lines() {
            let n = text("names", line, false)?;
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
        if names.is_empty() {
            return Err(ValidationError::new("names", "required", "this field is required"));
        }
        if names.len() > MAX_NAMES {
            return Err(ValidationError::new("names", "tracing_too_many_names", "at most eight names"));
        }
        let sex = match input.sex.trim() {
            "" => None,
            "M" | "m" => Some('M'),
            "F" | "f" => Some('F'),
            _ => return Err(ValidationError::new("sex", "invalid_choice", "not one of the choices")),
        };
        let date = |field: &'static str, v: &str| -> Result<Option<Date>, ValidationError> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            let d = parse_date(v).ok_or(ValidationError::new(field, "invalid_date", "not a date (YYYY-MM-DD)"))?;
            if d > today {
                return Err(ValidationError::new(field, "implausible_date", "this date is in the future"));
            }
            Ok(Some(d))
        };
        let date_of_birth = date("date_of_birth", input.date_of_birth)?;
        let last_heard = date("last_heard", input.last_heard)?;
        let age = parse_age(input.age_range)?;
        // Two answers to one question: the holder would be shown an age the
        // date of birth may contradict.
        if date_of_birth.is_some() && age.is_some() {
            return Err(ValidationError::new(
                "age_range",
                "tracing_dob_and_age",
                "give a date of birth or an age range, not both",
            ));
        }
        if let (Some(born), Some(heard)) = (date_of_birth, last_heard) {
            if heard < born {
                return Err(ValidationError::new(
                    "last_heard",
                    "implausible_date",
                    "last heard from before being born",
                ));
            }
        }
        let nationality = match input.nationality.trim() {
            "" => None,
            n => {
                let n = n.to_ascii_uppercase();
                if !crate::iso3166::is_alpha3(&n) {
                    return Err(ValidationError::new("nationality", "invalid_country", "not an ISO 3166 country code"));
                }
                Some(n)
            }
        };
        Ok(Request {
            names,
            sex,
            date_of_birth,
            age,
            nationality,
            place_of_origin: text("place_of_origin", input.place_of_origin, false)?,
            last_heard,
            requester_name: text("requester_name", input.requester_name, true)?,
            requester_relation: text("requester_relation", input.requester_relation, true)?,
            requester_contact: text("requester_contact", input.requester_contact, true)?,
        })
    }

    /// The context that travels with the encoding. A date of birth becomes the age range it
    /// allows today, so that the holding side never learns the date itself.
    pub fn context(&self, today: Date) -> Context {
        let age = match (self.date_of_birth, self.age) {
            (Some(d), _) => {
                let years = age_on(d, today);
                Some((years.saturating_sub(1), years.saturating_add(1)))
            }
            (None, a) => a,
        };
        Context {
            age,
            sex: self.sex,
            nationality: self.nationality.clone(),
            region: self.place_of_origin.clone(),
            last_heard: self.last_heard.map(|d| format!("{:04}-{:02}", d.year(), u8::from(d.month()))),
        }
    }

    /// The request as fields, to be sealed.
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let mut f = BTreeMap::new();
        f.insert("names".into(), self.names.join("\n"));
        f.insert("sex".into(), self.sex.map(String::from).unwrap_or_default());
        f.insert("date_of_birth".into(), self.date_of_birth.map(format_date).unwrap_or_default());
        f.insert("age_range".into(), self.age.map(|(lo, hi)| format!("{lo}-{hi}")).unwrap_or_default());
        f.insert("nationality".into(), self.nationality.clone().unwrap_or_default());
        f.insert("place_of_origin".into(), self.place_of_origin.clone());
        f.insert("last_heard".into(), self.last_heard.map(format_date).unwrap_or_default());
        f.insert("requester_name".into(), self.requester_name.clone());
        f.insert("requester_relation".into(), self.requester_relation.clone());
        f.insert("requester_contact".into(), self.requester_contact.clone());
        f
    }

    /// Reads back what [`Request::to_fields`] wrote; `None` if it does not parse.
    pub fn from_fields(f: &BTreeMap<String, String>) -> Option<Request> {
        let g = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
        let input = RequestInput {
            names: g("names"),
            sex: g("sex"),
            date_of_birth: g("date_of_birth"),
            age_range: g("age_range"),
            nationality: g("nationality"),
            place_of_origin: g("place_of_origin"),
            last_heard: g("last_heard"),
            requester_name: g("requester_name"),
            requester_relation: g("requester_relation"),
            requester_contact: g("requester_contact"),
            family_consent: true,
        };
        // What was checked when written is not checked against today again.
        Request::parse(&input, Date::MAX).ok()
    }
}

/// Whole years between `born` and `on`.
pub fn age_on(born: Date, on: Date) -> u8 {
    let mut years = on.year() - born.year();
    if (u8::from(on.month()), on.day()) < (u8::from(born.month()), born.day()) {
        years -= 1;
    }
    u8::try_from(years.clamp(0, 255)).unwrap_or(0)
}

impl Context {
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let mut f = BTreeMap::new();
        f.insert("age_range".into(), self.age.map(|(lo, hi)| format!("{lo}-{hi}")).unwrap_or_default());
        f.insert("sex".into(), self.sex.map(String::from).unwrap_or_default());
        f.insert("nationality".into(), self.nationality.clone().unwrap_or_default());
        f.insert("region".into(), self.region.clone());
        f.insert("last_heard".into(), self.last_heard.clone().unwrap_or_default());
        f
    }

    /// Reads a context that came from a partner: every field is checked as untrusted input.
    pub fn from_fields(f: &BTreeMap<String, String>) -> Result<Context, ValidationError> {
        let g = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
        let bad = || ValidationError::new("package", "package_malformed", "the tracing request cannot be read");
        let sex = match g("sex") {
            "" => None,
            "M" => Some('M'),
            "F" => Some('F'),
            _ => return Err(bad()),
        };
        let nationality = match g("nationality") {
            "" => None,
            n if crate::iso3166::is_alpha3(n) => Some(n.to_owned()),
            _ => return Err(bad()),
        };
        let last_heard = match g("last_heard") {
            "" => None,
            m if m.len() == 7 && parse_date(&format!("{m}-01")).is_some() => Some(m.to_owned()),
            _ => return Err(bad()),
        };
        Ok(Context {
            age: parse_age(g("age_range")).map_err(|_| bad())?,
            sex,
            nationality,
            region: text("region", g("region"), false).map_err(|_| bad())?,
            last_heard,
        })
    }
}

/// Where a request stands at the organisation that recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    /// Recorded, not sent yet.
    Open,
    /// Sent to a partner; no answer yet.
    Sent,
    /// The partner answered; a caseworker here has not yet told the family.
    Answered,
    /// The family has been told what the person allowed.
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] =
        [RequestStatus::Open, RequestStatus::Sent, RequestStatus::Answered, RequestStatus::Closed];
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Sent => "sent",
            RequestStatus::Answered => "answered",
            RequestStatus::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(ValidationError::new(
            "status",
            "invalid_choice",
            "not one of the choices",
        ))
    }
}

/// Where a received request stands at the holding organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboundStatus {
    /// Waiting for a caseworker to look for and review a candidate.
    Pending,
    /// A caseworker judged a candidate plausible and is to ask the person.
    Plausible,
    /// Answered: the person's decision, or `closed` when nobody plausible was found.
    Answered,
}

impl InboundStatus {
    pub const ALL: [InboundStatus; 3] = [InboundStatus::Pending, InboundStatus::Plausible, InboundStatus::Answered];
    pub fn as_str(self) -> &'static str {
        match self {
            InboundStatus::Pending => "pending",
            InboundStatus::Plausible => "plausible",
            InboundStatus::Answered => "answered",
        }
    }
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(ValidationError::new(
            "status",
            "invalid_choice",
            "not one of the choices",
        ))
    }
}

/// The only thing that crosses back: what the person allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The search is closed. Sent both when nobody plausible was found and when the person
    /// declined contact, so the two cannot be told apart.
    Closed,
    /// The person passes on a message, in their own words.
    Message(String),
    /// The person agrees to contact, through the details they chose to give.
    Contact(String),
}

impl Outcome {
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Closed => "closed",
            Outcome::Message(_) => "message",
            Outcome::Contact(_) => "contact",
        }
    }
    pub fn text(&self) -> &str {
        match self {
            Outcome::Closed => "",
            Outcome::Message(t) | Outcome::Contact(t) => t,
        }
    }
    /// Reads an outcome, from a form or from a partner.
    pub fn parse(kind: &str, text: &str) -> Result<Outcome, ValidationError> {
        let t = crate::text::clean_text("message", text, MAX_MESSAGE)?;
        let t = t.as_str();
        match kind {
            "closed" => Ok(Outcome::Closed),
            "message" | "contact" if t.is_empty() => {
                Err(ValidationError::new("message", "required", "this field is required"))
            }
            "message" => Ok(Outcome::Message(t.to_owned())),
            "contact" => Ok(Outcome::Contact(t.to_owned())),
            _ => Err(ValidationError::new("decision", "invalid_choice", "not one of the choices")),
        }
    }
}

/// What the person, once asked, decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No contact, and nothing said about them: the family hears only that the search closed.
    NoContact,
    PassMessage,
    Contact,
}

impl Decision {
    pub fn parse(s: &str) -> Result<Decision, ValidationError> {
        match s {
            "no_contact" => Ok(Decision::NoContact),
            "message" => Ok(Decision::PassMessage),
            "contact" => Ok(Decision::Contact),
            _ => Err(ValidationError::new("decision", "invalid_choice", "not one of the choices")),
        }
    }

    /// The answer this decision sends. A declined contact sends [`Outcome::Closed`], the same
    /// as a search that found nobody, and any text typed with it is dropped (R25).
    pub fn outcome(self, text: &str) -> Result<Outcome, ValidationError> {
        match self {
            Decision::NoContact => Ok(Outcome::Closed),
            Decision::PassMessage => Outcome::parse("message", text),
            Decision::Contact => Outcome::parse("contact", text),
        }
    }
}

/// R25: the holding side records a person's decision only after a caseworker judged the
/// candidate plausible: nobody is asked about a match nobody reviewed.
pub fn may_record_decision(status: InboundStatus) -> bool {
    status == InboundStatus::Plausible
}

/// R25: a search is closed without asking anyone only before a candidate was judged plausible.
pub fn may_close_unmatched(status: InboundStatus) -> bool {
    status == InboundStatus::Pending
}

/// R25: the organisation in the country of origin tells the family only after the partner
/// answered, and only once.
pub fn may_tell_family(status: RequestStatus) -> bool {
    status == RequestStatus::Answered
}

/// A request is sent once, while it is open.
pub fn may_send(status: RequestStatus) -> bool {
    status == RequestStatus::Open
}

/// An answer is taken only for a request that was sent and not yet answered; a second answer
/// to the same request is refused, so a partner cannot change what the family was told.
pub fn may_take_answer(status: RequestStatus) -> bool {
    status == RequestStatus::Sent
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use time::macros::date;

    use super::*;

    fn input() -> RequestInput<'static> {
        RequestInput {
            names: "Nguyễn Văn An\nNguyen Van An",
            sex: "M",
            date_of_birth: "1998-05-02",
            age_range: "",
            nationality: "vnm",
            place_of_origin: "Nghệ An",
            last_heard: "2024-03-15",
            requester_name: "Nguyễn Thị Hoa",
            requester_relation: "mother",
            requester_contact: "+84 90 000 0000",
            family_consent: true,
        }
    }

    #[test]
    fn r25_a_request_needs_the_familys_consent() {
        let mut i = input();
        i.family_consent = false;
        assert_eq!(Request::parse(&i, date!(2026 - 12 - 01)).unwrap_err().code, "r25_family_consent_required");
        assert!(Request::parse(&input(), date!(2026 - 12 - 01)).is_ok());
    }

    #[test]
    fn r25_the_context_carries_no_name_date_of_birth_or_contact() {
        let r = Request::parse(&input(), date!(2026 - 12 - 01)).unwrap();
        let c = r.context(date!(2026 - 12 - 01));
        assert_eq!(c.age, Some((27, 29)));
        assert_eq!(c.last_heard.as_deref(), Some("2024-03"));
        let all: String = c.to_fields().values().cloned().collect::<Vec<_>>().join("|");
        for secret in ["Nguy", "An\n", "1998", "05-02", "+84", "Hoa", "2024-03-15"] {
            assert!(!all.contains(secret), "{secret} in {all}");
        }
        assert_eq!(Context::from_fields(&c.to_fields()).unwrap(), c);
    }

    #[test]
    fn r25_a_request_round_trips_through_its_fields() {
        let r = Request::parse(&input(), date!(2026 - 12 - 01)).unwrap();
        assert_eq!(r.names.len(), 2);
        assert_eq!(r.nationality.as_deref(), Some("VNM"));
        assert_eq!(Request::from_fields(&r.to_fields()).unwrap(), r);
    }

    #[test]
    fn r25_bad_requests_name_the_field() {
        let today = date!(2026 - 12 - 01);
        let cases: [(RequestInput<'static>, &str, &str); 6] = [
            (RequestInput { names: "  \n ", ..input() }, "names", "required"),
            (RequestInput { sex: "X", ..input() }, "sex", "invalid_choice"),
            (RequestInput { date_of_birth: "2030-01-01", ..input() }, "date_of_birth", "implausible_date"),
            (RequestInput { age_range: "30-20", ..input() }, "age_range", "tracing_age_range"),
            (RequestInput { nationality: "XXX", ..input() }, "nationality", "invalid_country"),
            (RequestInput { requester_contact: " ", ..input() }, "requester_contact", "required"),
        ];
        for (i, field, code) in cases {
            let e = Request::parse(&i, today).unwrap_err();
            assert_eq!((e.field, e.code), (field, code));
        }
        assert_eq!(parse_age("20–25").unwrap(), Some((20, 25)));
        assert_eq!(parse_age("20-35").unwrap(), Some((20, 35)));
        assert_eq!(parse_age("20-36").unwrap_err().code, "tracing_age_range");
        assert_eq!(parse_age("0-120").unwrap_err().code, "tracing_age_range");
        let both = RequestInput { age_range: "20-25", ..input() };
        assert_eq!(Request::parse(&both, today).unwrap_err().code, "tracing_dob_and_age");
        let before = RequestInput { last_heard: "1990-01-01", ..input() };
        assert_eq!(Request::parse(&before, today).unwrap_err().field, "last_heard");
    }

    #[test]
    fn r25_a_declined_contact_answers_exactly_like_no_match() {
        assert_eq!(Decision::NoContact.outcome("he is in Bangkok").unwrap(), Outcome::Closed);
        assert_eq!(Outcome::Closed.text(), "");
        assert_eq!(Decision::PassMessage.outcome(" I am safe ").unwrap(), Outcome::Message("I am safe".into()));
        assert_eq!(Decision::Contact.outcome("").unwrap_err().code, "required");
        assert_eq!(Outcome::parse("where", "x").unwrap_err().code, "invalid_choice");
    }

    #[test]
    fn r25_each_side_reviews_in_order() {
        assert!(!may_record_decision(InboundStatus::Pending));
        assert!(may_record_decision(InboundStatus::Plausible));
        assert!(!may_record_decision(InboundStatus::Answered));
        assert!(may_close_unmatched(InboundStatus::Pending));
        assert!(!may_close_unmatched(InboundStatus::Plausible));
        assert!(may_tell_family(RequestStatus::Answered));
        assert!(!may_tell_family(RequestStatus::Sent));
        assert!(!may_tell_family(RequestStatus::Closed));
        assert!(may_send(RequestStatus::Open) && !may_send(RequestStatus::Sent));
        assert!(may_take_answer(RequestStatus::Sent) && !may_take_answer(RequestStatus::Answered));
    }

    #[test]
    fn r25_a_partners_context_is_checked() {
        let mut f = Context::default().to_fields();
        f.insert("sex".into(), "Z".into());
        assert_eq!(Context::from_fields(&f).unwrap_err().code, "package_malformed");
        let mut f = Context::default().to_fields();
        f.insert("last_heard".into(), "2024-13".into());
        assert!(Context::from_fields(&f).is_err());
    }

    #[test]
    fn r25_age_is_counted_in_whole_years() {
        assert_eq!(age_on(date!(2000 - 06 - 15), date!(2026 - 06 - 14)), 25);
        assert_eq!(age_on(date!(2000 - 06 - 15), date!(2026 - 06 - 15)), 26);
    }
}
