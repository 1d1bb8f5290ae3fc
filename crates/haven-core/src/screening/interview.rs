//! The interview's language (R18): in the person's own language where the
//! instrument is written in it, otherwise through an interpreter, recorded
//! as such. Never a silent fallback to another language.

use super::model::Instrument;
use crate::person::LanguageTag;
use crate::ValidationError;

/// How an interview in a given language can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguagePlan {
    /// The instrument is written in the person's language: questions are
    /// shown in `language` (an instrument language code, e.g. `zh-Hans`).
    Direct { language: String },
    /// It is not: an interpreter reads the questions in a language the
    /// instrument has and interprets into the person's. The interview
    /// cannot start until [`Interpretation`] is recorded.
    Interpreter,
}

/// The plan for interviewing someone who speaks `person`.
pub fn plan(person: &LanguageTag, instrument: &Instrument) -> LanguagePlan {
    match instrument.language_for(person.as_str()) {
        Some(language) => LanguagePlan::Direct { language },
        None => LanguagePlan::Interpreter,
    }
}

/// What the person asked for in an interpreter. Their own words go in the
/// note; these are the requests common enough to count and honour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InterpreterPreference {
    /// For example after sexual violence.
    FemaleInterpreter,
    MaleInterpreter,
    /// Traffickers and recruiters are often from the person's own
    /// community; the person may not want it to hear their account.
    NotFromOwnCommunity,
    InPerson,
    Remote,
}

impl InterpreterPreference {
    pub const ALL: [InterpreterPreference; 5] = [
        InterpreterPreference::FemaleInterpreter,
        InterpreterPreference::MaleInterpreter,
        InterpreterPreference::NotFromOwnCommunity,
        InterpreterPreference::InPerson,
        InterpreterPreference::Remote,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            InterpreterPreference::FemaleInterpreter => "female_interpreter",
            InterpreterPreference::MaleInterpreter => "male_interpreter",
            InterpreterPreference::NotFromOwnCommunity => "not_from_own_community",
            InterpreterPreference::InPerson => "in_person",
            InterpreterPreference::Remote => "remote",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.as_str() == s)
    }
}

/// An interpreted interview, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretation {
    /// The language the person speaks (any BCP 47 tag).
    pub person_language: LanguageTag,
    /// Name or role, as the organisation records it.
    pub interpreter_name: String,
    /// The language the interview runs in: the instrument's text is shown
    /// in it and the interpreter reads from it. One the instrument has.
    pub interpreter_language: String,
    pub preferences: Vec<InterpreterPreference>,
    /// The person's preference in their own words, if they gave one.
    pub preference_note: Option<String>,
}

/// Raw input from a form or the API.
#[derive(Debug, Clone, Default)]
pub struct InterpretationInput {
    pub person_language: String,
    pub interpreter_name: String,
    pub interpreter_language: String,
    /// Preference codes, separated by spaces or commas.
    pub preferences: String,
    pub preference_note: Option<String>,
}

const MAX_NAME: usize = 200;
const MAX_NOTE: usize = 500;

impl Interpretation {
    /// Parses and checks an interpretation against the instrument it will
    /// be used with: the interpreter's language must be one the instrument
    /// is written in, or the interview could not show its questions.
    pub fn parse(input: &InterpretationInput, instrument: &Instrument) -> Result<Self, ValidationError> {
        let person_language = LanguageTag::parse(&input.person_language)
            .map_err(|_| ValidationError::new("person_language", "invalid_language", "use a BCP 47 language tag"))?;
        let name = input.interpreter_name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("interpreter_name", "required", "record who interprets"));
        }
        if name.chars().count() > MAX_NAME || name.contains(['\n', '\t']) {
            return Err(ValidationError::new("interpreter_name", "too_long", "the name is too long"));
        }
        let tag = LanguageTag::parse(&input.interpreter_language).map_err(|_| {
            ValidationError::new("interpreter_language", "invalid_language", "use a BCP 47 language tag")
        })?;
        let interpreter_language = instrument.language_for(tag.as_str()).ok_or(ValidationError::new(
            "interpreter_language",
            "language_not_in_instrument",
            "the interview must run in a language the instrument is written in",
        ))?;
        let mut preferences = Vec::new();
        for code in input.preferences.split([' ', ',']).filter(|c| !c.is_empty()) {
            let p = InterpreterPreference::parse(code).ok_or(ValidationError::new(
                "preferences",
                "invalid_choice",
                "choose from the listed preferences",
            ))?;
            if !preferences.contains(&p) {
                preferences.push(p);
            }
        }
        if preferences.contains(&InterpreterPreference::FemaleInterpreter)
            && preferences.contains(&InterpreterPreference::MaleInterpreter)
        {
            return Err(ValidationError::new("preferences", "contradictory", "choose a female or a male interpreter"));
        }
        preferences.sort();
        let note = input.preference_note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
            return Err(ValidationError::new("preference_note", "too_long", "the note is too long"));
        }
        Ok(Self {
            person_language,
            interpreter_name: name.to_owned(),
            interpreter_language,
            preferences,
            preference_note: note.map(str::to_owned),
        })
    }

    /// One line of text for sealed storage (the store's `interpreter`
    /// field): `v2`, then tab-separated escaped fields.
    pub fn encode(&self) -> String {
        use crate::linefmt::escape;
        let prefs: Vec<&str> = self.preferences.iter().map(InterpreterPreference::as_str).collect();
        [
            "v2".to_owned(),
            escape(self.person_language.as_str()),
            escape(&self.interpreter_name),
            escape(&self.interpreter_language),
            prefs.join(" "),
            escape(self.preference_note.as_deref().unwrap_or_default()),
        ]
        .join("\t")
    }

    /// The inverse of [`Interpretation::encode`]. `None` for anything else,
    /// including the plain names that screenings recorded before (the caller
    /// shows those as they are).
    pub fn decode(text: &str) -> Option<Self> {
        use crate::linefmt::unescape;
        let mut parts = text.split('\t');
        if parts.next()? != "v2" {
            return None;
        }
        let person_language = LanguageTag::parse(&unescape(parts.next()?)).ok()?;
        let interpreter_name = unescape(parts.next()?);
        let interpreter_language = unescape(parts.next()?);
        let preferences = parts
            .next()?
            .split(' ')
            .filter(|c| !c.is_empty())
            .map(InterpreterPreference::parse)
            .collect::<Option<_>>()?;
        // An empty note is the last, empty field: storage that trims the
        // value drops its tab, so a missing field reads as no note.
        let note = parts.next().map(unescape).unwrap_or_default();
        if parts.next().is_some() || interpreter_name.is_empty() {
            return None;
        }
        Some(Self {
            person_language,
            interpreter_name,
            interpreter_language,
            preferences,
            preference_note: (!note.is_empty()).then_some(note),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r18_an_interpretation_without_a_note_survives_storage_that_trims_it() {
        let i = Interpretation {
            person_language: LanguageTag::parse("am").unwrap(),
            interpreter_name: "Ms Tigist".into(),
            interpreter_language: "en".into(),
            preferences: vec![InterpreterPreference::FemaleInterpreter],
            preference_note: None,
        };
        let stored = i.encode();
        assert_eq!(Interpretation::decode(stored.trim()), Some(i.clone()));
        let with_note = Interpretation { preference_note: Some("not from her town\tplease".into()), ..i };
        assert_eq!(Interpretation::decode(with_note.encode().trim()), Some(with_note));
    }
}
