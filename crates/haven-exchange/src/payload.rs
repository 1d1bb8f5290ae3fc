//! What a package carries, as JSON inside the encryption. Field names follow
//! IOM's Human Trafficking Case Data Standard 2.0 where it has the field
//! (`prs_Gender`, `prs_Birthdate`, `prs_Citizenship`, `prs_MobilePhone`,
//! `cas_ReasonForIncomingReferral`, `cas_ReferringOrganisation`,
//! `con_Consent`); what HTCDS has no field for goes in the `haven`
//! extension, documented in docs/exchange.md. Every field but the transfer
//! id is optional: the sender leaves out what the consent does not cover,
//! and the receiver must not guess it.

use serde::{Deserialize, Serialize};

use crate::ExchangeError;

/// The most a payload's JSON may hold, before any parsing.
pub const MAX_PAYLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The most an answer (receipt, decision, revocation) may hold.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferPayload {
    pub format: u32,
    pub transfer_id: String,
    /// The sending organisation's id on its node; the receiver answers about it.
    pub from_org_id: String,
    /// The receiving organisation's id on the receiving node.
    pub to_org_id: String,
    #[serde(rename = "cas_ReasonForIncomingReferral")]
    pub purpose: String,
    #[serde(rename = "cas_ReferringOrganisation")]
    pub from_org_name: String,
    #[serde(rename = "con_Consent")]
    pub consent: ConsentSummary,
    #[serde(rename = "prs_Gender", default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(rename = "prs_Birthdate", default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(rename = "prs_Citizenship", default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
    #[serde(rename = "prs_MobilePhone", default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    pub haven: Extension,
}

/// The consent the transfer rests on, so the receiver holds it to the same terms.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentSummary {
    pub purpose: String,
    pub categories: Vec<String>,
    pub expires_on: String,
    pub language: String,
}

/// haven's extension: what HTCDS 2.0 has no field for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The name as the person writes it, in any script.
    pub full_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latin_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_age: Option<u16>,
    #[serde(default)]
    pub age_uncertain: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Where the person is now (a closed set), only under `contact_location`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The caseworker's notes, only under `narrative`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A short answer about a transfer: receipt, accept, decline, revocation,
/// confirmation, follow-up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub transfer_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A follow-up's status word (arrived, reintegration_started,
    /// needs_help); never free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A signed audit checkpoint going to a witness, or its cosignature coming
/// back: the C2SP signed note as text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WitnessMessage {
    pub note: String,
}

impl WitnessMessage {
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        serde_json::to_vec(self).map_err(|_| ExchangeError::Malformed("the note cannot be written"))
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, ExchangeError> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(ExchangeError::TooLarge { size: bytes.len(), max: MAX_MESSAGE_BYTES });
        }
        serde_json::from_slice(bytes).map_err(|_| ExchangeError::Malformed("the message is not a signed note"))
    }
}

impl TransferPayload {
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        serde_json::to_vec(self).map_err(|_| ExchangeError::Malformed("the payload cannot be written"))
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, ExchangeError> {
        if bytes.len() > MAX_PAYLOAD_BYTES {
            return Err(ExchangeError::TooLarge { size: bytes.len(), max: MAX_PAYLOAD_BYTES });
        }
        let p: Self =
            serde_json::from_slice(bytes).map_err(|_| ExchangeError::Malformed("the payload is not a transfer"))?;
        if p.format != crate::FORMAT {
            return Err(ExchangeError::Downgrade { found: p.format, expected: crate::FORMAT });
        }
        Ok(p)
    }
}

/// Answers are padded to a multiple of this many bytes, so that a package's
/// length does not tell an observer which answer it carries ("arrived" and
/// "needs help" differ by a few bytes otherwise).
pub const MESSAGE_PAD_BYTES: usize = 512;

impl Message {
    /// The JSON padded with trailing spaces, which JSON allows and the
    /// parser ignores, to the next multiple of [`MESSAGE_PAD_BYTES`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        let mut v = serde_json::to_vec(self).map_err(|_| ExchangeError::Malformed("the payload cannot be written"))?;
        let padded = v.len().div_ceil(MESSAGE_PAD_BYTES).max(1) * MESSAGE_PAD_BYTES;
        v.resize(padded, b' ');
        Ok(v)
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, ExchangeError> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(ExchangeError::TooLarge { size: bytes.len(), max: MAX_MESSAGE_BYTES });
        }
        serde_json::from_slice(bytes)
            .map_err(|_| ExchangeError::Malformed("the message is not an answer about a transfer"))
    }
}

/// A family's tracing request as it crosses (R25): the request's keyed encoding (haven-trace's
/// ENCODED format, one record, under the partnership's linkage secret) and the coarse context
/// the holding organisation reviews a candidate against. No name, date of birth, place or
/// family contact in clear: the encoding is the only form the names take.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TracingRequestPayload {
    pub format: u32,
    /// The sender's id for the request, which the answer names.
    pub request_id: String,
    /// The receiving organisation's id on the receiving node.
    pub to_org_id: String,
    pub from_org_name: String,
    /// ENCODED bytes, base64 (standard alphabet).
    pub encoded: String,
    /// The context's fields: `age_range`, `sex`, `nationality`, `region`,
    /// `last_heard` (a month).
    pub context: std::collections::BTreeMap<String, String>,
}

/// The largest tracing request accepted, before parsing.
pub const MAX_TRACING_REQUEST_BYTES: usize = 64 * 1024;
/// Every tracing answer is padded to exactly this size, so its length does not tell an observer
/// whether the person declined, passed on a message or agreed to contact.
pub const TRACING_ANSWER_BYTES: usize = 8 * 1024;

impl TracingRequestPayload {
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        serde_json::to_vec(self).map_err(|_| ExchangeError::Malformed("the payload cannot be written"))
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, ExchangeError> {
        if bytes.len() > MAX_TRACING_REQUEST_BYTES {
            return Err(ExchangeError::TooLarge { size: bytes.len(), max: MAX_TRACING_REQUEST_BYTES });
        }
        let p: Self = serde_json::from_slice(bytes)
            .map_err(|_| ExchangeError::Malformed("the payload is not a tracing request"))?;
        if p.format != crate::FORMAT {
            return Err(ExchangeError::Downgrade { found: p.format, expected: crate::FORMAT });
        }
        if p.request_id.is_empty() || p.request_id.len() > 64 || p.context.len() > 8 {
            return Err(ExchangeError::Malformed("the payload is not a tracing request"));
        }
        Ok(p)
    }
}

/// The answer to a tracing request: `closed`, `message` or `contact`, and the person's text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TracingAnswerPayload {
    pub format: u32,
    pub request_id: String,
    pub outcome: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl TracingAnswerPayload {
    /// Padded with spaces to [`TRACING_ANSWER_BYTES`]; refused if it would not fit.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        let mut v = serde_json::to_vec(self).map_err(|_| ExchangeError::Malformed("the payload cannot be written"))?;
        if v.len() > TRACING_ANSWER_BYTES {
            return Err(ExchangeError::TooLarge { size: v.len(), max: TRACING_ANSWER_BYTES });
        }
        v.resize(TRACING_ANSWER_BYTES, b' ');
        Ok(v)
    }

    pub fn parse(bytes: &[u8]) -> Result<Self, ExchangeError> {
        if bytes.len() > TRACING_ANSWER_BYTES {
            return Err(ExchangeError::TooLarge { size: bytes.len(), max: TRACING_ANSWER_BYTES });
        }
        let p: Self = serde_json::from_slice(bytes)
            .map_err(|_| ExchangeError::Malformed("the payload is not a tracing answer"))?;
        if p.format != crate::FORMAT {
            return Err(ExchangeError::Downgrade { found: p.format, expected: crate::FORMAT });
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r25_every_tracing_answer_seals_to_one_length() {
        let long = "x".repeat(1000);
        let lens: Vec<usize> = [("closed", ""), ("message", "I am safe"), ("contact", long.as_str())]
            .into_iter()
            .map(|(o, t)| {
                let a = TracingAnswerPayload {
                    format: crate::FORMAT,
                    request_id: "0b3c7a52-9f1e-4c2d-8a6b-5e4f3d2c1b0a".into(),
                    outcome: o.into(),
                    text: t.into(),
                };
                let b = a.to_bytes().unwrap_or_default();
                assert_eq!(TracingAnswerPayload::parse(&b).ok(), Some(a));
                b.len()
            })
            .collect();
        assert_eq!(lens, vec![TRACING_ANSWER_BYTES; 3]);
    }

    proptest! {
        /// A partner's tracing bodies are untrusted input: any bytes are refused or read,
        /// never a panic.
        #[test]
        fn r25_arbitrary_tracing_bodies_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = TracingRequestPayload::parse(&bytes);
            let _ = TracingAnswerPayload::parse(&bytes);
        }
    }

    #[test]
    fn r25_tracing_requests_refuse_unknown_fields_and_oversize() {
        let extra = br#"{"format":1,"request_id":"r","to_org_id":"","from_org_name":"","encoded":"","context":{},"full_name":"x"}"#;
        assert!(matches!(TracingRequestPayload::parse(extra), Err(ExchangeError::Malformed(_))));
        let ok = br#"{"format":1,"request_id":"r","to_org_id":"","from_org_name":"","encoded":"","context":{}}"#;
        assert!(TracingRequestPayload::parse(ok).is_ok());
        assert!(TracingRequestPayload::parse(&vec![b' '; MAX_TRACING_REQUEST_BYTES + 1]).is_err());
    }

    #[test]
    fn r24_payload_names_follow_htcds_and_absent_fields_stay_absent() {
        let p = TransferPayload {
            format: crate::FORMAT,
            transfer_id: "t1".into(),
            sex: Some("female".into()),
            haven: Extension { full_name: "Nguyễn Thị Lan".into(), ..Extension::default() },
            ..TransferPayload::default()
        };
        let json = String::from_utf8(p.to_bytes().unwrap_or_default()).unwrap_or_default();
        assert!(json.contains("\"prs_Gender\":\"female\""), "{json}");
        assert!(json.contains("\"cas_ReasonForIncomingReferral\""), "{json}");
        // Not consented, not present: no key at all, not even null.
        for absent in ["prs_MobilePhone", "prs_Birthdate", "location", "notes"] {
            assert!(!json.contains(absent), "{absent} in {json}");
        }
        assert_eq!(TransferPayload::parse(json.as_bytes()).ok(), Some(p));
    }

    #[test]
    fn r24_unknown_payload_fields_and_other_formats_are_refused() {
        let extra = br#"{"format":1,"transfer_id":"t","from_org_id":"","to_org_id":"","cas_ReasonForIncomingReferral":"","cas_ReferringOrganisation":"","con_Consent":{"purpose":"","categories":[],"expires_on":"","language":""},"haven":{"full_name":"x"},"passport_scan":"..."}"#;
        assert!(matches!(TransferPayload::parse(extra), Err(ExchangeError::Malformed(_))));
        let v2 = br#"{"format":2,"transfer_id":"t","from_org_id":"","to_org_id":"","cas_ReasonForIncomingReferral":"","cas_ReferringOrganisation":"","con_Consent":{"purpose":"","categories":[],"expires_on":"","language":""},"haven":{"full_name":"x"}}"#;
        assert!(matches!(TransferPayload::parse(v2), Err(ExchangeError::Downgrade { .. })));
        let big = vec![b' '; MAX_PAYLOAD_BYTES + 1];
        assert!(matches!(TransferPayload::parse(&big), Err(ExchangeError::TooLarge { .. })));
        assert!(Message::parse(&vec![b' '; MAX_MESSAGE_BYTES + 1]).is_err());
    }

    /// R24: every follow-up status, and an answer with no text, seals to the
    /// same length, so the package's size does not tell which one it is;
    /// the padding reads back as the same message.
    #[test]
    fn r24_answers_are_padded_so_their_length_does_not_tell_the_status() {
        let lens: Vec<usize> = [None, Some("arrived"), Some("reintegration_started"), Some("needs_help")]
            .into_iter()
            .map(|status| {
                let m = Message {
                    transfer_id: "0b3c7a52-9f1e-4c2d-8a6b-5e4f3d2c1b0a".into(),
                    reason: None,
                    status: status.map(str::to_owned),
                };
                let bytes = m.to_bytes().unwrap_or_default();
                assert_eq!(Message::parse(&bytes).ok(), Some(m));
                bytes.len()
            })
            .collect();
        assert!(lens.iter().all(|l| *l == MESSAGE_PAD_BYTES), "{lens:?}");
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_the_payload_parsers(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = TransferPayload::parse(&bytes);
            let _ = Message::parse(&bytes);
        }
    }
}
