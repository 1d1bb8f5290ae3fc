//! Evaluation: answers in, an explainable finding out.

use std::collections::BTreeMap;

use super::model::*;

/// An answer as recorded. "Prefer not to say", "don't know" and an unasked
/// question (absent from the map) are distinct from "no" (R06).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Yes,
    No,
    Choice(String),
    Multi(Vec<String>),
    Number(f64),
    Text(String),
    PreferNotToSay,
    DontKnow,
}

impl Answer {
    /// Whether this answer fires `trigger`. Only a positive answer can:
    /// silence and "don't know" never fire anything (R06).
    pub fn fires(&self, trigger: &Trigger) -> bool {
        match (trigger, self) {
            (Trigger::Yes, Answer::Yes) => true,
            (Trigger::AnyOf(opts), Answer::Choice(c)) => opts.contains(c),
            (Trigger::AnyOf(opts), Answer::Multi(cs)) => cs.iter().any(|c| opts.contains(c)),
            (Trigger::AtLeast(n), Answer::Number(x)) => x >= n,
            _ => false,
        }
    }

    /// Whether this answer is one a question of this type can have.
    pub fn fits(&self, answer: &AnswerType) -> bool {
        match (self, answer) {
            (Answer::PreferNotToSay | Answer::DontKnow, _) => true,
            (Answer::Yes | Answer::No, AnswerType::YesNo) => true,
            (Answer::Choice(c), AnswerType::Choice(opts)) => opts.contains(c),
            (Answer::Multi(cs), AnswerType::MultiChoice(opts)) => cs.iter().all(|c| opts.contains(c)),
            (Answer::Number(_), AnswerType::Number) => true,
            (Answer::Text(_), AnswerType::Date | AnswerType::Place | AnswerType::FreeText) => true,
            _ => false,
        }
    }

    /// Whether the person has not (yet) given an answer that could decide.
    pub fn is_open(&self) -> bool {
        matches!(self, Answer::PreferNotToSay | Answer::DontKnow)
    }

    pub fn describe(&self) -> String {
        match self {
            Answer::Yes => "yes".into(),
            Answer::No => "no".into(),
            Answer::Choice(c) => c.clone(),
            Answer::Multi(cs) => cs.join(", "),
            Answer::Number(n) => n.to_string(),
            Answer::Text(_) => "(free text)".into(),
            Answer::PreferNotToSay => "prefer not to say".into(),
            Answer::DontKnow => "don't know".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    Adult,
    /// R02: under 18, or may be.
    Child,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The required elements are evidenced: the consequences of reasonable
    /// grounds (non-punishment, protection) start now.
    ReasonableGrounds,
    /// Too little is known yet. Never a negative: the person is offered the
    /// reflection period and a later screening.
    NotYetDetermined { missing: Vec<Element>, open_questions: Vec<String> },
    /// Trafficking is not (yet) established, but the answers show a migrant
    /// in a vulnerable situation (R09). Still never a negative: what is
    /// missing stays open for a later screening.
    VulnerableMigrant { missing: Vec<Element>, open_questions: Vec<String> },
}

/// Why a finding is still open, so that the explanation says the right
/// thing (R06): only a person who left questions open may "not be ready to
/// say more"; a person who answered everything is not told so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    /// Reasonable grounds: nothing is open.
    Closed,
    /// Questions that could show a missing element were declined, not
    /// known or not asked yet. The person may not be ready to say more;
    /// offer the reflection period and another conversation.
    QuestionsOpen,
    /// Every question that could show a missing element has an answer and
    /// none shows it. Not a negative (R07): a decision maker may still find
    /// grounds from other sources, and a later conversation is offered if
    /// more comes to light.
    Answered,
}

impl Openness {
    pub fn as_str(&self) -> &'static str {
        match self {
            Openness::Closed => "closed",
            Openness::QuestionsOpen => "questions_open",
            Openness::Answered => "answered",
        }
    }
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::ReasonableGrounds => "reasonable_grounds",
            Outcome::NotYetDetermined { .. } => "not_yet_determined",
            Outcome::VulnerableMigrant { .. } => "vulnerable_migrant",
        }
    }

    /// The elements still unevidenced and the questions that could evidence
    /// them; empty at reasonable grounds.
    pub fn still_open(&self) -> (&[Element], &[String]) {
        match self {
            Outcome::ReasonableGrounds => (&[], &[]),
            Outcome::NotYetDetermined { missing, open_questions }
            | Outcome::VulnerableMigrant { missing, open_questions } => (missing, open_questions),
        }
    }

    pub fn openness(&self) -> Openness {
        match self.still_open() {
            _ if *self == Outcome::ReasonableGrounds => Openness::Closed,
            (_, []) => Openness::Answered,
            _ => Openness::QuestionsOpen,
        }
    }
}

/// One indicator that fired, with the answer behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub indicator: String,
    pub question: String,
    pub answer: String,
    pub strength: Strength,
    /// The forms of this element the indicator shows (empty when it only
    /// counts towards the element).
    pub forms: Vec<Form>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ElementFinding {
    pub element: Element,
    pub met: bool,
    /// How the instrument meets this element.
    pub rule: ElementRule,
    /// The forms of the element that the answers show.
    pub forms: Vec<Form>,
    pub evidence: Vec<Evidence>,
}

impl ElementFinding {
    /// Act, means and purpose decide; the six ILO/EC dimensions are
    /// supporting analysis.
    pub fn decides(&self) -> bool {
        self.element.is_palermo()
    }
}

/// Why a need is there.
#[derive(Debug, Clone, PartialEq)]
pub enum NeedReason {
    /// An answer that shows it.
    Answer { question: String, answer: String },
    /// The person is or may be under 18 (R02).
    MayBeChild,
    /// The person's language is not one the instrument is written in.
    LanguageNotCovered { language: String },
    /// The interview was interpreted; services will need it too.
    Interpreted { language: String },
}

/// Help the answers call for, with the answers behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub kind: NeedKind,
    pub urgency: Urgency,
    /// Offered to everyone screened (legal information, a medical check,
    /// psychological support), whether or not an answer shows it (R09).
    pub always_offered: bool,
    /// Empty only for an always-offered need that no answer shows.
    pub reasons: Vec<NeedReason>,
    /// The task it makes someone responsible for, if any.
    pub follow_up: Option<FollowUp>,
    /// The consent the person must give before anything is disclosed for
    /// this need (R17).
    pub consent_first: Option<crate::consent::ConsentPurpose>,
}

/// What the engine knows about the person and the interview beyond the
/// answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setting {
    /// From [`crate::person::Birth::may_be_child`]: under 18, or may be;
    /// an unknown age counts as may be (R02).
    pub may_be_child: bool,
    /// The person's language (BCP 47), if recorded.
    pub language: Option<String>,
    /// Whether an interpreter took part.
    pub interpreted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Determination {
    pub outcome: Outcome,
    pub profile: ProfileKind,
    /// Act, means and purpose first, then the ILO/EC dimensions.
    pub elements: Vec<ElementFinding>,
    /// Needs, most urgent first; computed for everyone screened (R09).
    pub needs: Vec<Need>,
    /// The vulnerable situations the answers show, whatever the outcome.
    pub vulnerabilities: Vec<String>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub instrument_hash: String,
    pub rule_source: String,
}

impl Determination {
    /// The need codes, most urgent first.
    pub fn need_codes(&self) -> Vec<String> {
        self.needs.iter().map(|n| n.kind.as_str().to_owned()).collect()
    }

    /// The tasks the answers call for, most urgent first.
    pub fn follow_ups(&self) -> Vec<&FollowUp> {
        self.needs.iter().filter_map(|n| n.follow_up.as_ref()).collect()
    }

    /// The finding for one element.
    pub fn element(&self, el: Element) -> Option<&ElementFinding> {
        self.elements.iter().find(|f| f.element == el)
    }
}

/// Evaluates answers against an instrument. `may_be_child` comes from
/// [`crate::person::Birth::may_be_child`]: an age that may be under 18,
/// or is unknown, uses the child profile (R02).
pub fn evaluate(instrument: &Instrument, answers: &BTreeMap<String, Answer>, may_be_child: bool) -> Determination {
    evaluate_in(instrument, answers, &Setting { may_be_child, ..Setting::default() })
}

/// [`evaluate`], with what is known of the person's language and the
/// interview, so that interpretation can be among the needs.
pub fn evaluate_in(instrument: &Instrument, answers: &BTreeMap<String, Answer>, setting: &Setting) -> Determination {
    let profile = if setting.may_be_child { ProfileKind::Child } else { ProfileKind::Adult };
    // Validation already refuses indicators on sex, gender or nationality,
    // and protected topics that lower a finding; the engine refuses them
    // again so that no path through it uses them, as evidence or as a
    // question to ask again (R03, R05, R10).
    let usable: Vec<&Indicator> = instrument
        .indicators
        .iter()
        .filter(|ind| {
            instrument
                .question(&ind.question)
                .is_some_and(|q| !q.topic.is_some_and(|t| t.is_identity_trait() || ind.effect == Effect::Lowers))
        })
        .collect();
    let fired: Vec<&Indicator> = usable
        .iter()
        .copied()
        .filter(|ind| answers.get(&ind.question).is_some_and(|a| a.fires(&ind.trigger)))
        .collect();
    let mut order: Vec<Element> = Element::ALL.iter().copied().filter(Element::is_palermo).collect();
    order.extend(Element::ALL.iter().copied().filter(|e| !e.is_palermo()));
    let elements: Vec<ElementFinding> = order
        .into_iter()
        .filter(|el| instrument.indicators.iter().any(|i| i.elements.contains(el)))
        .map(|el| {
            let evidence: Vec<Evidence> = fired
                .iter()
                .filter(|i| i.effect == Effect::Supports && i.elements.contains(&el))
                .map(|i| Evidence {
                    indicator: i.id.clone(),
                    question: i.question.clone(),
                    answer: answers.get(&i.question).map(Answer::describe).unwrap_or_default(),
                    strength: i.strength,
                    forms: i.forms.iter().copied().filter(|f| f.element() == el).collect(),
                    source: i.source.clone(),
                })
                .collect();
            let mut forms: Vec<Form> = evidence.iter().flat_map(|e| e.forms.iter().copied()).collect();
            forms.sort();
            forms.dedup();
            ElementFinding {
                element: el,
                met: instrument.element_met(el, &fired),
                rule: instrument.element_rule(el),
                forms,
                evidence,
            }
        })
        .collect();
    let met = |el: Element| elements.iter().any(|f| f.element == el && f.met);
    let required = match profile {
        ProfileKind::Adult => &instrument.adult_requires,
        ProfileKind::Child => &instrument.child_requires,
    };
    let missing: Vec<Element> = required.iter().copied().filter(|el| !met(*el)).collect();
    let fired_needs: Vec<&NeedSignal> =
        instrument.needs.iter().filter(|n| answers.get(&n.question).is_some_and(|a| a.fires(&n.trigger))).collect();
    let mut vulnerabilities: Vec<String> = fired_needs.iter().filter_map(|n| n.vulnerability.clone()).collect();
    vulnerabilities.sort();
    vulnerabilities.dedup();
    // A vulnerability screen requires no element, so "nothing missing" there
    // must not read as reasonable grounds.
    let outcome = if missing.is_empty() && instrument.kind == InstrumentKind::Identification {
        Outcome::ReasonableGrounds
    } else {
        // The questions that could still evidence a missing element and have
        // no decisive answer yet: offered again at re-screening.
        let mut open: Vec<String> = if instrument.kind == InstrumentKind::Vulnerability {
            instrument
                .needs
                .iter()
                .filter(|n| answers.get(&n.question).is_none_or(Answer::is_open))
                .map(|n| n.question.clone())
                .collect()
        } else {
            usable
                .iter()
                .filter(|i| i.elements.iter().any(|e| missing.contains(e)))
                .filter(|i| answers.get(&i.question).is_none_or(Answer::is_open))
                .filter(|i| instrument.question(&i.question).is_some_and(|q| instrument.is_asked(q, answers)))
                .map(|i| i.question.clone())
                .collect()
        };
        open.sort();
        open.dedup();
        if vulnerabilities.is_empty() {
            Outcome::NotYetDetermined { missing, open_questions: open }
        } else {
            Outcome::VulnerableMigrant { missing, open_questions: open }
        }
    };
    let needs = compute_needs(instrument, answers, &fired_needs, setting);
    Determination {
        outcome,
        profile,
        elements,
        needs,
        vulnerabilities,
        instrument_id: instrument.id.clone(),
        instrument_version: instrument.version.clone(),
        instrument_hash: instrument.hash.clone(),
        rule_source: instrument.rule_source.clone(),
    }
}

fn compute_needs(
    instrument: &Instrument,
    answers: &BTreeMap<String, Answer>,
    fired: &[&NeedSignal],
    setting: &Setting,
) -> Vec<Need> {
    let mut needs: BTreeMap<NeedKind, (Urgency, Vec<NeedReason>)> = BTreeMap::new();
    let mut add = |kind: NeedKind, urgency: Urgency, reason: Option<NeedReason>| {
        let entry = needs.entry(kind).or_insert((urgency, Vec::new()));
        entry.0 = entry.0.min(urgency);
        if let Some(r) = reason {
            if !entry.1.contains(&r) {
                entry.1.push(r);
            }
        }
    };
    for n in fired {
        let answer = answers.get(&n.question).map(Answer::describe).unwrap_or_default();
        let urgency = n.urgency.map_or(n.need.urgency(), |u| u.min(n.need.urgency()));
        add(n.need, urgency, Some(NeedReason::Answer { question: n.question.clone(), answer }));
    }
    if setting.may_be_child {
        add(NeedKind::Guardian, NeedKind::Guardian.urgency(), Some(NeedReason::MayBeChild));
    }
    if let Some(lang) = &setting.language {
        let covered = instrument.language_for(lang).is_some();
        if !covered {
            // No written language in common: until an interpreter is found
            // nothing else can be explained or arranged (R18).
            let urgency = if setting.interpreted { Urgency::Soon } else { Urgency::Immediate };
            add(NeedKind::Interpretation, urgency, Some(NeedReason::LanguageNotCovered { language: lang.clone() }));
        }
        if setting.interpreted {
            add(NeedKind::Interpretation, Urgency::Routine, Some(NeedReason::Interpreted { language: lang.clone() }));
        }
    }
    // Everyone screened is offered legal information, a medical check and
    // psychological support, whatever the finding (R09).
    for kind in NeedKind::ALWAYS_OFFERED {
        add(kind, Urgency::Routine, None);
    }
    let mut out: Vec<Need> = needs
        .into_iter()
        .map(|(kind, (urgency, reasons))| {
            let follow_up = match kind {
                NeedKind::SafetyPlan => Some(FollowUp::SafetyPlan),
                NeedKind::Guardian => Some(FollowUp::AppointGuardian),
                NeedKind::LegalDefence => Some(FollowUp::LegalRepresentation),
                NeedKind::Interpretation => reasons.iter().find_map(|r| match r {
                    NeedReason::LanguageNotCovered { language } | NeedReason::Interpreted { language } => {
                        Some(FollowUp::ArrangeInterpreter { language: language.clone() })
                    }
                    _ => None,
                }),
                NeedKind::Shelter => Some(FollowUp::FindShelter { for_child: setting.may_be_child }),
                NeedKind::ReturnRiskAssessment => Some(FollowUp::ReturnRiskAssessment),
                NeedKind::Consular => Some(FollowUp::AskConsularConsent),
                _ => None,
            };
            Need {
                kind,
                urgency,
                always_offered: NeedKind::ALWAYS_OFFERED.contains(&kind),
                reasons,
                follow_up,
                consent_first: kind.consent_first(),
            }
        })
        .collect();
    // Most urgent first; among equals, the kinds' own order (safety first).
    out.sort_by_key(|n| (n.urgency, n.kind));
    out
}

/// What screening again with a newer version could change for a screening
/// made with an older one, for the task list to offer a re-screening.
#[derive(Debug, Clone, PartialEq)]
pub struct RescreenOffer {
    /// The newer version's finding on the answers already given.
    pub on_stored_answers: Determination,
    /// Questions the newer version asks that the older did not and that
    /// could show an element still missing.
    pub new_questions: Vec<String>,
}

/// Whether a screening that found `stored_outcome` with `stored` could
/// find otherwise under `current`: `None` when it is the same version or
/// already found reasonable grounds (a finding a newer version never takes
/// back). The stored screening keeps its version and result either way.
pub fn rescreen_offer(
    stored: &Instrument,
    stored_outcome: &str,
    current: &Instrument,
    answers: &BTreeMap<String, Answer>,
    setting: &Setting,
) -> Option<RescreenOffer> {
    if stored.id != current.id
        || stored.version == current.version
        || stored_outcome == Outcome::ReasonableGrounds.code()
    {
        return None;
    }
    // Answers carry over where the newer version asks the same question
    // with the same kind of answer; the rest will be asked again.
    let carried: BTreeMap<String, Answer> = answers
        .iter()
        .filter(|(q, a)| current.question(q).is_some_and(|q| a.fits(&q.answer)))
        .map(|(q, a)| (q.clone(), a.clone()))
        .collect();
    let d = evaluate_in(current, &carried, setting);
    let (missing, _) = d.outcome.still_open();
    let mut new_questions: Vec<String> = current
        .indicators
        .iter()
        .filter(|i| i.elements.iter().any(|e| missing.contains(e)) && stored.question(&i.question).is_none())
        .map(|i| i.question.clone())
        .collect();
    new_questions.sort();
    new_questions.dedup();
    (d.outcome.code() != stored_outcome || !new_questions.is_empty())
        .then_some(RescreenOffer { on_stored_answers: d, new_questions })
}

/// A compact, line-based text form of answers for sealed storage:
/// `question<TAB>kind<TAB>value`, with tabs, newlines and backslashes in
/// values escaped. Kept in the core so the store needs no JSON.
pub fn encode_answers(answers: &BTreeMap<String, Answer>) -> String {
    use crate::linefmt::escape as esc;
    let mut out = String::new();
    for (q, a) in answers {
        let (kind, value) = match a {
            Answer::Yes => ("yes", String::new()),
            Answer::No => ("no", String::new()),
            Answer::Choice(c) => ("choice", esc(c)),
            Answer::Multi(cs) => ("multi", cs.iter().map(|c| esc(c)).collect::<Vec<_>>().join("\u{1f}")),
            Answer::Number(n) => ("number", n.to_string()),
            Answer::Text(t) => ("text", esc(t)),
            Answer::PreferNotToSay => ("prefer_not", String::new()),
            Answer::DontKnow => ("dont_know", String::new()),
        };
        out.push_str(&format!("{}\t{kind}\t{value}\n", esc(q)));
    }
    out
}

pub fn decode_answers(text: &str) -> Option<BTreeMap<String, Answer>> {
    use crate::linefmt::unescape as unesc;
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '\t');
        let q = unesc(parts.next()?);
        let kind = parts.next()?;
        let value = parts.next().unwrap_or("");
        let a = match kind {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            "choice" => Answer::Choice(unesc(value)),
            "multi" => {
                Answer::Multi(if value.is_empty() { Vec::new() } else { value.split('\u{1f}').map(unesc).collect() })
            }
            "number" => Answer::Number(value.parse().ok()?),
            "text" => Answer::Text(unesc(value)),
            "prefer_not" => Answer::PreferNotToSay,
            "dont_know" => Answer::DontKnow,
            _ => return None,
        };
        out.insert(q, a);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            Just(Answer::Yes),
            Just(Answer::No),
            Just(Answer::PreferNotToSay),
            Just(Answer::DontKnow),
            "[a-z_]{1,10}".prop_map(Answer::Choice),
            prop::collection::vec("[a-z_]{1,8}", 0..4).prop_map(Answer::Multi),
            (-1.0e6f64..1.0e6).prop_map(Answer::Number),
            any::<String>().prop_map(Answer::Text),
        ]
    }

    fn opts(o: &[&str]) -> Vec<String> {
        o.iter().map(|s| s.to_string()).collect()
    }

    /// R01, R06: an indicator fires on the answer it names and on nothing
    /// else: yes for yes, a chosen option among its options, a number at or
    /// above its threshold. No, silence and "don't know" never fire anything.
    #[test]
    fn r06_only_the_answer_an_indicator_names_fires_it() {
        let any_of = Trigger::AnyOf(opts(&["beatings", "threats"]));
        assert!(Answer::Yes.fires(&Trigger::Yes));
        assert!(!Answer::No.fires(&Trigger::Yes));
        assert!(Answer::Choice("threats".into()).fires(&any_of));
        assert!(!Answer::Choice("none_of_these".into()).fires(&any_of));
        assert!(Answer::Multi(opts(&["none_of_these", "beatings"])).fires(&any_of));
        assert!(!Answer::Multi(opts(&["none_of_these"])).fires(&any_of));
        assert!(!Answer::Multi(Vec::new()).fires(&any_of));
        assert!(Answer::Number(12.0).fires(&Trigger::AtLeast(12.0)), "the threshold itself fires");
        assert!(Answer::Number(16.5).fires(&Trigger::AtLeast(12.0)));
        assert!(!Answer::Number(11.9).fires(&Trigger::AtLeast(12.0)));
        assert!(!Answer::Yes.fires(&any_of) && !Answer::Choice("threats".into()).fires(&Trigger::Yes));
        assert!(!Answer::Text("threats".into()).fires(&any_of));
        for silent in [Answer::PreferNotToSay, Answer::DontKnow] {
            for t in [Trigger::Yes, any_of.clone(), Trigger::AtLeast(0.0)] {
                assert!(!silent.fires(&t), "{silent:?} {t:?}");
            }
            assert!(silent.is_open(), "{silent:?} stays open for a later conversation");
        }
        for given in [Answer::Yes, Answer::No, Answer::Number(0.0), Answer::Choice("x".into())] {
            assert!(!given.is_open(), "{given:?}");
        }
    }

    /// R06, R18: "prefer not to say" and "don't know" are answers to every
    /// question; otherwise an answer fits only the question type it answers,
    /// so that answers carried to a new version keep their meaning.
    #[test]
    fn r06_prefer_not_to_say_fits_every_question_and_other_answers_only_their_own() {
        let types = [
            AnswerType::YesNo,
            AnswerType::Choice(opts(&["a", "b"])),
            AnswerType::MultiChoice(opts(&["a", "b"])),
            AnswerType::Number,
            AnswerType::Date,
            AnswerType::Place,
            AnswerType::FreeText,
        ];
        let table: [(Answer, [bool; 7]); 10] = [
            (Answer::PreferNotToSay, [true; 7]),
            (Answer::DontKnow, [true; 7]),
            (Answer::Yes, [true, false, false, false, false, false, false]),
            (Answer::No, [true, false, false, false, false, false, false]),
            (Answer::Choice("a".into()), [false, true, false, false, false, false, false]),
            (Answer::Choice("z".into()), [false; 7]),
            (Answer::Multi(opts(&["a", "b"])), [false, false, true, false, false, false, false]),
            (Answer::Multi(opts(&["a", "z"])), [false; 7]),
            (Answer::Number(3.0), [false, false, false, true, false, false, false]),
            (Answer::Text("Mae Sot".into()), [false, false, false, false, true, true, true]),
        ];
        for (answer, fits) in table {
            for (t, expected) in types.iter().zip(fits) {
                assert_eq!(answer.fits(t), expected, "{answer:?} {t:?}");
            }
        }
    }

    /// R08: the explanation shows the answer behind each indicator, except
    /// free text, which may name people and stays in the sealed record.
    #[test]
    fn r08_evidence_describes_the_answer_given() {
        assert_eq!(Answer::Yes.describe(), "yes");
        assert_eq!(Answer::No.describe(), "no");
        assert_eq!(Answer::Choice("agent_or_broker".into()).describe(), "agent_or_broker");
        assert_eq!(Answer::Multi(opts(&["beatings", "threats"])).describe(), "beatings, threats");
        assert_eq!(Answer::Number(14.0).describe(), "14");
        assert_eq!(Answer::Text("Ko Aung".into()).describe(), "(free text)");
        assert_eq!(Answer::PreferNotToSay.describe(), "prefer not to say");
        assert_eq!(Answer::DontKnow.describe(), "don't know");
    }

    /// R06, R07: reasonable grounds closes nothing open; a finding short of
    /// it keeps what is missing and, when questions are still open, says so,
    /// and is never told apart from "answered" by its kind alone.
    #[test]
    fn r06_what_is_still_open_and_how_open_it_is() {
        let open = vec!["confined".to_string()];
        let cases = [
            (Outcome::ReasonableGrounds, "reasonable_grounds", Openness::Closed, 0, 0),
            (
                Outcome::NotYetDetermined { missing: vec![Element::Means], open_questions: open.clone() },
                "not_yet_determined",
                Openness::QuestionsOpen,
                1,
                1,
            ),
            (
                Outcome::NotYetDetermined { missing: vec![Element::Means, Element::Act], open_questions: vec![] },
                "not_yet_determined",
                Openness::Answered,
                2,
                0,
            ),
            (
                Outcome::VulnerableMigrant { missing: vec![Element::Purpose], open_questions: open.clone() },
                "vulnerable_migrant",
                Openness::QuestionsOpen,
                1,
                1,
            ),
            (
                Outcome::VulnerableMigrant { missing: vec![Element::Purpose], open_questions: vec![] },
                "vulnerable_migrant",
                Openness::Answered,
                1,
                0,
            ),
        ];
        for (outcome, code, openness, missing, questions) in cases {
            assert_eq!(outcome.code(), code);
            assert_eq!(outcome.openness(), openness, "{outcome:?}");
            let (m, q) = outcome.still_open();
            assert_eq!((m.len(), q.len()), (missing, questions), "{outcome:?}");
            if questions > 0 {
                assert_eq!(q, open.as_slice());
            }
        }
        assert_eq!(
            [Openness::Closed, Openness::QuestionsOpen, Openness::Answered].map(|o| o.as_str()),
            ["closed", "questions_open", "answered"]
        );
        let finding = |element| ElementFinding {
            element,
            met: false,
            rule: ElementRule::Counting,
            forms: vec![],
            evidence: vec![],
        };
        for el in Element::ALL {
            assert_eq!(finding(el).decides(), el.is_palermo(), "{el:?}");
        }
    }

    proptest! {
        #[test]
        fn answers_survive_the_storage_encoding(a in prop::collection::btree_map("[a-z_\\t\\\\]{1,12}", any_answer(), 0..12)) {
            prop_assert_eq!(decode_answers(&encode_answers(&a)), Some(a));
        }
    }
}
