//! Node cards: what an installation publishes about itself so that another can decide to
//! exchange with it. A card names the installation, its keys and the organisations behind it,
//! and is signed with its own key. Self-signed proves only that whoever holds the key wrote the
//! card; trust comes from comparing the fingerprint out of band before the first exchange.

use ed25519_dalek::{Signature, Signer};
use serde::{Deserialize, Serialize};

use crate::keys::{Fingerprint, NodeKeys, NodePublic};
use crate::{ExchangeError, FORMAT, MAX_CARD_BYTES};

const CARD_DOMAIN: &[u8] = b"haven-node-card-v1\0";

const NAME_MAX: usize = 120;
const URL_MAX: usize = 300;
const ORGS_MAX: usize = 500;
const ORG_ID_MAX: usize = 100;
const ORG_NAME_MAX: usize = 200;
const ORG_KIND_MAX: usize = 50;
const ORG_COUNTRY_MAX: usize = 64;
const ORG_LANGUAGES_MAX: usize = 50;
const LANGUAGE_MAX: usize = 35;
const ISSUED_AT_MAX: usize = 64;

/// What an installation says about itself. The keys are hexadecimal; `issued_at` is whatever
/// timestamp text the issuer chose (the crate has no clock).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeCard {
    pub format: u32,
    pub name: String,
    pub url: String,
    pub signing_key: String,
    pub encryption_key: String,
    pub organisations: Vec<CardOrg>,
    pub issued_at: String,
}

/// An organisation working through the installation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardOrg {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub languages: Vec<String>,
}

/// A card with its Ed25519 signature (hexadecimal) by the card's own signing key.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedCard {
    pub card: NodeCard,
    pub signature: String,
}

#[derive(Serialize)]
struct CardFileOut<'a> {
    card: &'a NodeCard,
    signature: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardFileIn {
    card: NodeCard,
    signature: String,
}

impl NodeKeys {
    /// Signs `card` after setting its keys to ours, so a card can only ever be signed by the
    /// keys it names. Other fields are kept as given; check them first with
    /// [`NodeCard::validate`] (or the result with [`SignedCard::verify`]).
    pub fn sign_card(&self, mut card: NodeCard) -> SignedCard {
        let public = self.public();
        card.signing_key = public.signing_hex();
        card.encryption_key = public.encryption_hex();
        let signature = self.signing_key().sign(&card_message(&card));
        SignedCard { card, signature: hex::encode(signature.to_bytes()) }
    }
}

/// The signed bytes. The signature covers the card's canonical serialisation (fields in
/// declaration order, no whitespace), not the bytes of the file, so re-indenting a card file
/// does not break it while any change to a value does.
fn card_message(card: &NodeCard) -> Vec<u8> {
    let mut message = CARD_DOMAIN.to_vec();
    // Serialising a struct of strings, numbers and vectors cannot fail; were it ever to, the
    // signature would cover the domain alone and every verification would refuse it.
    message.extend(serde_json::to_vec(card).unwrap_or_default());
    message
}

impl NodeCard {
    /// Checks every field against the card rules: format, bounded lengths, no control or bidi
    /// override characters (they could make one organisation's name display as another's),
    /// an http(s) URL and valid keys.
    pub fn validate(&self) -> Result<(), ExchangeError> {
        if self.format != FORMAT {
            return Err(invalid(format!("format {} is not supported (expected {FORMAT})", self.format)));
        }
        text("name", &self.name, NAME_MAX)?;
        text("url", &self.url, URL_MAX)?;
        let rest = self.url.strip_prefix("https://").or_else(|| self.url.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !host.chars().any(char::is_whitespace) => {}
            _ => return Err(invalid("url must be an http:// or https:// address".into())),
        }
        NodePublic::from_hex(&self.signing_key, &self.encryption_key)
            .map_err(|_| invalid("keys must be 64 hexadecimal digits each and valid".into()))?;
        if self.organisations.len() > ORGS_MAX {
            return Err(invalid(format!("at most {ORGS_MAX} organisations are allowed")));
        }
        for (i, org) in self.organisations.iter().enumerate() {
            text(&format!("organisations[{i}].id"), &org.id, ORG_ID_MAX)?;
            text(&format!("organisations[{i}].name"), &org.name, ORG_NAME_MAX)?;
            text(&format!("organisations[{i}].kind"), &org.kind, ORG_KIND_MAX)?;
            if let Some(country) = &org.country {
                text(&format!("organisations[{i}].country"), country, ORG_COUNTRY_MAX)?;
            }
            if org.languages.len() > ORG_LANGUAGES_MAX {
                return Err(invalid(format!("organisations[{i}] lists more than {ORG_LANGUAGES_MAX} languages")));
            }
            for (j, language) in org.languages.iter().enumerate() {
                text(&format!("organisations[{i}].languages[{j}]"), language, LANGUAGE_MAX)?;
            }
        }
        text("issued_at", &self.issued_at, ISSUED_AT_MAX)?;
        Ok(())
    }
}

impl SignedCard {
    /// Pretty JSON: `{"card": {...}, "signature": "hex"}`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let file = CardFileOut { card: &self.card, signature: &self.signature };
        // As in `card_message`: this cannot fail for these types.
        serde_json::to_vec_pretty(&file).unwrap_or_default()
    }

    /// Parses a card file from another installation: size cap, strict fields, the card rules
    /// of [`NodeCard::validate`], then the signature.
    pub fn parse(bytes: &[u8]) -> Result<SignedCard, ExchangeError> {
        if bytes.len() > MAX_CARD_BYTES {
            return Err(invalid(format!("the file is larger than {MAX_CARD_BYTES} bytes")));
        }
        // Only the position of a JSON error is reported, never the text around it.
        let file: CardFileIn = serde_json::from_slice(bytes)
            .map_err(|e| invalid(format!("not a node card file (line {}, column {})", e.line(), e.column())))?;
        let signed = SignedCard { card: file.card, signature: file.signature };
        signed.verify()?;
        Ok(signed)
    }

    /// Validates the card and verifies its signature with the card's own signing key.
    pub fn verify(&self) -> Result<(), ExchangeError> {
        self.card.validate()?;
        let public = self.public()?;
        let mut raw = [0u8; 64];
        if self.signature.len() != 128 || hex::decode_to_slice(&self.signature, &mut raw).is_err() {
            return Err(ExchangeError::CardBadSignature);
        }
        let signature = Signature::from_bytes(&raw);
        public
            .verifying_key()?
            .verify_strict(&card_message(&self.card), &signature)
            .map_err(|_| ExchangeError::CardBadSignature)
    }

    /// The keys the card names.
    pub fn public(&self) -> Result<NodePublic, ExchangeError> {
        NodePublic::from_hex(&self.card.signing_key, &self.card.encryption_key)
    }

    /// The fingerprint of the keys the card names, to compare out of band.
    pub fn fingerprint(&self) -> Result<Fingerprint, ExchangeError> {
        Ok(self.public()?.fingerprint())
    }
}

fn invalid(message: String) -> ExchangeError {
    ExchangeError::CardInvalid(message)
}

/// 1..=max characters, none of them a control character or a bidirectional embedding,
/// override or isolate.
fn text(field: &str, value: &str, max: usize) -> Result<(), ExchangeError> {
    let count = value.chars().count();
    if count == 0 || count > max {
        return Err(invalid(format!("{field} must be 1 to {max} characters")));
    }
    if value.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(invalid(format!("{field} contains control characters")));
    }
    Ok(())
}

fn is_bidi_control(c: char) -> bool {
    // Embeddings, overrides and isolates; the plain marks (LRM, RLM, ALM) are ordinary in
    // right-to-left names and stay allowed.
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}
