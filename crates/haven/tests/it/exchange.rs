//! Cross-border exchange between two installations on loopback (issue 14;
//! R16, R17, R24, R27). Each `TestApp` is a whole installation: its own
//! database, master key and HTTP server; the packages travel over real TCP.

use haven_exchange::payload::{Message, TransferPayload};
use haven_exchange::{Header, PackageKind};
use haven_store::exchange::Via;
use serde_json::{json, Value};

use crate::helpers::{contains, haven, json, no_redirects, session, TestApp};

/// Two installations that have exchanged cards, as their administrators
/// would after reading each other the fingerprints.
pub(crate) struct Pair {
    pub(crate) a: TestApp,
    pub(crate) b: TestApp,
    /// Installation B's own organisation, as A mirrors it (a consent names it).
    pub(crate) b_org_at_a: String,
    /// A system administrator's token at A.
    a_admin: String,
    client: reqwest::Client,
}

async fn card_of(app: &TestApp, name: &str, url: &str) -> (Vec<u8>, String) {
    app.store.set_node_address(Some(name), url).await.unwrap();
    let card = app.store.node_card(name, url, "2026-11-30T00:00:00Z").await.unwrap();
    (card.to_bytes(), app.store.node_keys().public().fingerprint().to_string())
}

async fn pair_with_b_url(b_url: Option<String>) -> Pair {
    let a = TestApp::spawn().await;
    let b = TestApp::spawn().await;
    let (card_a, fp_a) = card_of(&a, "Bangkok node", &a.url("")).await;
    let b_url = b_url.unwrap_or_else(|| b.url(""));
    let (card_b, fp_b) = card_of(&b, "Hanoi node", &b_url).await;
    a.store.add_partner(&card_b, &fp_b).await.unwrap();
    b.store.add_partner(&card_a, &fp_a).await.unwrap();
    let a_admin = admin_token(&a).await;
    let partners = json(a.client.get(a.url("/api/v1/partners")).bearer_auth(&a_admin).send().await.unwrap()).await;
    let b_org_at_a = partners[0]["organisations"][0]["id"].as_str().unwrap_or_else(|| panic!("{partners}")).to_owned();
    Pair { a, b, b_org_at_a, a_admin, client: reqwest::Client::new() }
}

pub(crate) async fn pair() -> Pair {
    pair_with_b_url(None).await
}

/// A new system administrator's token (the bootstrap admin must first change its password).
async fn admin_token(app: &TestApp) -> String {
    app.user_token("Local organisation", "ngo_assistance", "system_admin", "root").await
}

impl Pair {
    pub(crate) async fn push_a(&self) -> usize {
        self.a.store.revoke_uncovered_transfers().await.unwrap();
        haven_web::exchange_push_due(&self.a.store, &self.client).await
    }

    pub(crate) async fn push_b(&self) -> usize {
        self.b.store.revoke_uncovered_transfers().await.unwrap();
        haven_web::exchange_push_due(&self.b.store, &self.client).await
    }

    /// A person at A with a consent to the transfer covering `categories`.
    async fn person_with_consent(&self, categories: &[&str]) -> (String, String) {
        let person = self
            .a
            .create_person(json!({"full_name": "Nguyễn Thị Lan", "estimated_age": 24, "sex": "female",
                "nationalities": ["VNM"], "languages": ["vi"], "contact": "+84 91 234 5678", "location": "shelter",
                "notes": "Recruited through a typing-job advert"}))
            .await;
        let res = self
            .a
            .post(&format!("/api/v1/persons/{person}/consents"))
            .json(&json!({"purpose": "cross_border_transfer", "recipient_org_id": self.b_org_at_a,
                "categories": categories, "expires_on": "2030-01-01", "language": "vi"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{:?}", res.text().await);
        let consent = json(res).await["id"].as_str().unwrap().to_owned();
        (person, consent)
    }

    async fn propose(&self, person: &str, consent: &str) -> reqwest::Response {
        self.a
            .post(&format!("/api/v1/persons/{person}/transfers"))
            .json(
                &json!({"recipient_org_id": self.b_org_at_a, "consent_id": consent, "purpose": "return_reintegration"}),
            )
            .send()
            .await
            .unwrap()
    }

    async fn transfer_at_a(&self, id: &str) -> Value {
        json(self.a.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await
    }

    async fn incoming_at_b(&self) -> Vec<Value> {
        json(self.b.get("/api/v1/transfers/incoming").send().await.unwrap()).await.as_array().unwrap().clone()
    }

    /// Pushes raw bytes to B's federation endpoint, as a partner (or an attacker) would.
    async fn push_raw_to_b(&self, bytes: Vec<u8>) -> reqwest::Response {
        self.client.post(self.b.url("/federation/v1/packages")).body(bytes).send().await.unwrap()
    }

    /// A package from A to B sealed with A's real keys, with the header the test chooses.
    fn seal_a_to_b(&self, kind: PackageKind, sequence: u64, created_ms: i64, expires_ms: i64, body: &[u8]) -> Vec<u8> {
        let keys = self.a.store.node_keys();
        let b = self.b.store.node_keys().public();
        let header = Header {
            format: haven_exchange::FORMAT,
            id: uuid_v4(),
            kind,
            sender: keys.public().fingerprint(),
            recipient: b.fingerprint(),
            sequence,
            created_ms,
            expires_ms,
        };
        haven_exchange::seal(keys, &b, &header, body, &mut rand::rngs::OsRng).unwrap()
    }
}

fn uuid_v4() -> String {
    haven_core::ids::NoteId::from_random_bytes(rand::random()).to_string()
}

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

async fn refusals(app: &TestApp) -> Vec<String> {
    use sqlx::Row;
    sqlx::query("SELECT outcome FROM audit_events WHERE action = 'refuse' ORDER BY seq")
        .fetch_all(app.store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("outcome").unwrap())
        .collect()
}

#[tokio::test]
async fn r24_transfer_delivered_with_receipt_accepted_into_a_case_at_the_other_end() {
    let p = pair().await;
    // Identity and narrative only: contact and where the person is stay home.
    let (person, consent) = p.person_with_consent(&["identity", "narrative"]).await;
    let res = p.propose(&person, &consent).await;
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let created = json(res).await;
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "queued");

    assert_eq!(p.push_a().await, 1);
    let t = p.transfer_at_a(&id).await;
    assert_eq!(t["status"], "delivered", "{t}");
    // The receipt is kept whole at the sender as evidence (R24, R27).
    assert_eq!(p.a.count("exchange_receipts").await, 1);

    let incoming = p.incoming_at_b().await;
    assert_eq!(incoming.len(), 1);
    let arrived = &incoming[0]["arrived"];
    assert_eq!(incoming[0]["status"], "received");
    assert_eq!(arrived["full_name"], "Nguyễn Thị Lan");
    // Need to know: before anyone accepts, who it is and no more.
    assert!(arrived["notes"].is_null(), "{arrived}");
    // R24: not consented, not sent.
    assert!(arrived["contact"].is_null(), "{arrived}");
    assert!(arrived["location"].is_null(), "{arrived}");
    assert_eq!(incoming[0]["categories"], json!(["identity", "narrative"]));

    let res = p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let new_person = json(res).await["person_id"].as_str().unwrap().to_owned();
    let at_b = json(p.b.get(&format!("/api/v1/persons/{new_person}")).send().await.unwrap()).await;
    assert_eq!(at_b["full_name"], "Nguyễn Thị Lan", "{at_b}");
    // What the consent covered opens in the file once accepted.
    assert_eq!(at_b["notes"], "Recruited through a typing-job advert", "{at_b}");
    assert!(at_b["contact"].is_null(), "contact was never consented: {at_b}");
    let cases = json(p.b.get(&format!("/api/v1/persons/{new_person}/cases")).send().await.unwrap()).await;
    assert_eq!(cases["items"].as_array().map(Vec::len), Some(1), "{cases}");

    assert_eq!(p.push_b().await, 1);
    assert_eq!(p.transfer_at_a(&id).await["status"], "accepted");
    // Both ends audited every step (R27).
    for (app, actions) in [(&p.a, ["send", "receive"]), (&p.b, ["receive", "send"])] {
        for action in actions {
            let n: i64 = {
                use sqlx::Row;
                sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = $1 AND record_kind = 'transfer'")
                    .bind(action)
                    .fetch_one(app.store.pool())
                    .await
                    .unwrap()
                    .try_get("n")
                    .unwrap()
            };
            assert!(n >= 1, "{action} not audited");
        }
    }
}

#[tokio::test]
async fn r24_no_personal_data_leaves_in_clear_and_the_sender_stores_only_sealed_bytes() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity", "contact_location"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    let bytes = p.a.store.transfer_package_by_operator(&id).await.unwrap();
    for clear in ["Nguyễn", "Lan", "+84 91", "VNM", "shelter"] {
        assert!(!contains(&bytes, clear.as_bytes()), "{clear} in clear in the package");
    }
    let header = haven_exchange::peek_header(&bytes).unwrap();
    let header_json = serde_json::to_string(&header).unwrap();
    assert!(!header_json.contains(&person), "the person's id is in the header");
}

#[tokio::test]
async fn r24_tampered_replayed_expired_and_unknown_packages_are_refused_and_audited() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    let good = p.a.store.transfer_package_by_operator(&id).await.unwrap();

    // Tampered: one byte of the ciphertext flipped. The federation answer
    // says only "refused"; which check failed is for the receiver's log.
    let mut tampered = good.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let res = p.push_raw_to_b(tampered.clone()).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "package_refused");
    let code = |r: Result<haven_store::exchange::Received, haven_store::StoreError>| match r {
        Err(haven_store::StoreError::Invalid(v)) => v.code,
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(code(p.b.store.receive_package(&tampered, Via::Push).await), "package_tampered");

    // The real one is received; the same bytes again are a replay, which the
    // sender is told so that it stops sending them.
    assert_eq!(p.push_raw_to_b(good.clone()).await.status(), 200);
    let res = p.push_raw_to_b(good).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "package_replayed");

    // Expired: sealed properly, but its time is over.
    let body = Message { transfer_id: id.clone(), reason: None, status: None }.to_bytes().unwrap();
    let old = now_ms() - 20 * 24 * 3600 * 1000;
    let expired = p.seal_a_to_b(PackageKind::FollowUp, 40, old, old + 24 * 3600 * 1000, &body);
    assert_eq!(p.push_raw_to_b(expired.clone()).await.status(), 400);
    assert_eq!(code(p.b.store.receive_package(&expired, Via::Push).await), "package_expired");

    // Unknown sender: a third installation B never registered.
    let c = TestApp::spawn().await;
    let b_pub = p.b.store.node_keys().public();
    let c_keys = c.store.node_keys();
    let header = Header::new(
        PackageKind::FollowUp,
        c_keys.public().fingerprint(),
        b_pub.fingerprint(),
        1,
        now_ms(),
        3_600_000,
        &mut rand::rngs::OsRng,
    );
    let stranger = haven_exchange::seal(c_keys, &b_pub, &header, &body, &mut rand::rngs::OsRng).unwrap();
    assert_eq!(p.push_raw_to_b(stranger.clone()).await.status(), 400);
    assert_eq!(code(p.b.store.receive_package(&stranger, Via::Push).await), "package_unknown_sender");

    // Wrong key: a package for A pushed to B.
    let a_pub = p.a.store.node_keys().public();
    let b_keys = p.b.store.node_keys();
    let header = Header::new(
        PackageKind::FollowUp,
        b_keys.public().fingerprint(),
        a_pub.fingerprint(),
        1,
        now_ms(),
        3_600_000,
        &mut rand::rngs::OsRng,
    );
    let misdirected = haven_exchange::seal(b_keys, &a_pub, &header, &body, &mut rand::rngs::OsRng).unwrap();
    assert_eq!(p.push_raw_to_b(misdirected).await.status(), 400);

    // Audited (R27): every refusal after the sender is authenticated; of
    // those before it, which cost an attacker nothing, one a minute.
    let refused = refusals(&p.b).await;
    for code in ["package_tampered", "package_replayed", "package_expired"] {
        assert!(refused.iter().any(|r| r == code), "{code} not audited: {refused:?}");
    }
    let unauthenticated = refused
        .iter()
        .filter(|r| ["package_tampered", "package_unknown_sender", "package_wrong_recipient"].contains(&r.as_str()))
        .count();
    assert_eq!(unauthenticated, 1, "{refused:?}");
    // Only the one good package made a transfer.
    assert_eq!(p.incoming_at_b().await.len(), 1);
}

#[tokio::test]
async fn r16_no_case_goes_to_an_enforcement_organisation_at_either_end() {
    let p = pair().await;
    // The sender: a consent naming a police organisation does not open the way.
    let police = p.a.store.create_org("Provincial police", "police", Some("THA")).await.unwrap();
    let person = p.a.create_named("Somchai").await;
    let res =
        p.a.post(&format!("/api/v1/persons/{person}/consents"))
            .json(&json!({"purpose": "cross_border_transfer", "recipient_org_id": police.to_string(),
            "categories": ["identity"], "expires_on": "2030-01-01", "language": "th"}))
            .send()
            .await
            .unwrap();
    let consent = json(res).await["id"].as_str().map(str::to_owned);
    let res = p
        .a
        .post(&format!("/api/v1/persons/{person}/transfers"))
        .json(&json!({"recipient_org_id": police.to_string(), "consent_id": consent.unwrap_or_default(), "purpose": "case_transfer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "r16_enforcement_recipient");

    // A card that lists an immigration office never makes it a recipient.
    let partners = p.a.store.partners().await.unwrap();
    assert!(partners.iter().all(|x| x.organisations.iter().all(|(_, n)| !n.contains("Immigration"))));

    // The receiver: a package addressed to its enforcement organisation is refused.
    let b_police = p.b.store.create_org("Immigration office", "immigration", Some("VNM")).await.unwrap();
    let payload = TransferPayload {
        format: haven_exchange::FORMAT,
        transfer_id: uuid_v4(),
        to_org_id: b_police.to_string(),
        purpose: "case_transfer".into(),
        haven: haven_exchange::payload::Extension { full_name: "Somchai".into(), ..Default::default() },
        ..Default::default()
    };
    let bytes = p.seal_a_to_b(PackageKind::Transfer, 50, now_ms(), now_ms() + 3_600_000, &payload.to_bytes().unwrap());
    // Over the federation endpoint every refusal reads the same; the reason
    // is in the receiver's own answer to itself (and its audit log).
    let res = p.push_raw_to_b(bytes.clone()).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "package_refused");
    assert_eq!(refusals(&p.b).await.last().map(String::as_str), Some("r16_enforcement_recipient"));
    assert_eq!(p.b.count("transfers").await, 0);
}

#[tokio::test]
async fn r24_transfer_needs_a_cross_border_consent_naming_the_recipient() {
    let p = pair().await;
    let person = p.a.create_named("Aung Aung").await;
    // A referral consent to the same organisation is not a transfer consent.
    let res =
        p.a.post(&format!("/api/v1/persons/{person}/consents"))
            .json(&json!({"purpose": "referral", "recipient_org_id": p.b_org_at_a,
            "categories": ["identity"], "expires_on": "2030-01-01", "language": "my"}))
            .send()
            .await
            .unwrap();
    let consent = json(res).await["id"].as_str().unwrap().to_owned();
    let res = p.propose(&person, &consent).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "r24_consent_does_not_cover");
    let res = p.propose(&person, "no-such-consent").await;
    assert_eq!(json(res).await["error"], "r24_consent_required");
    // Nothing queued, nothing left.
    assert_eq!(p.a.count("exchange_outbox").await, 0);
    assert_eq!(p.a.count("transfers").await, 0);
}

#[tokio::test]
async fn r24_withdrawn_consent_destroys_the_remote_copy_and_the_receiver_confirms() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let accepted = json(p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap()).await;
    let new_person = accepted["person_id"].as_str().unwrap().to_owned();
    p.push_b().await;
    assert_eq!(p.transfer_at_a(&id).await["status"], "accepted");

    let res = p.a.post(&format!("/api/v1/consents/{consent}/withdraw")).send().await.unwrap();
    assert!(res.status().is_success(), "{:?}", res.text().await);
    p.push_a().await; // the revocation
    assert_eq!(p.transfer_at_a(&id).await["status"], "revoked");
    // At B: the copy is gone, the person made from it erased.
    let t = json(p.b.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await;
    assert_eq!(t["status"], "destroyed", "{t}");
    assert!(t["arrived"].is_null(), "{t}");
    let res = p.b.get(&format!("/api/v1/persons/{new_person}")).send().await.unwrap();
    assert!(res.status() == 404 || res.status() == 410, "{}", res.status());
    // The key is punctured in B's key file: not even B's database copy opens it.
    assert!(p.b.store.ledger_ids().unwrap().iter().any(|l| l == &format!("transfer:{id}")));
    p.push_b().await; // the confirmation
    assert_eq!(p.transfer_at_a(&id).await["status"], "destroyed");
    // B's caseworkers are told, so that nobody looks for the file, and the
    // transfer's page no longer offers the file it opened.
    let tasks = json(p.b.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(
        tasks.as_array().unwrap().iter().any(|t| t["kind"] == "transfer_withdrawn" && t["transfer_id"] == id.as_str()),
        "{tasks}"
    );
    let page = p.b.page_as("sup", &format!("/transfers/{id}")).await;
    assert!(!page.contains("id=\"xfer-person\""), "{page}");
}

#[tokio::test]
async fn r24_declined_transfer_tells_the_sender_why_and_destroys_the_copy() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let res = p.b.post(&format!("/api/v1/transfers/{id}/decline")).json(&json!({"reason": ""})).send().await.unwrap();
    assert_eq!(res.status(), 400, "a decline needs a reason");
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/decline"))
            .json(&json!({"reason": "No shelter place for adult women this month"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let t = json(res).await;
    assert_eq!(t["status"], "declined");
    assert!(t["arrived"].is_null(), "{t}");
    p.push_b().await;
    let at_a = p.transfer_at_a(&id).await;
    assert_eq!(at_a["status"], "declined");
    assert_eq!(at_a["reason"], "No shelter place for adult women this month");
}

#[tokio::test]
async fn r24_outbox_retries_while_the_receiver_is_down_and_delivers_when_it_returns() {
    // B's card names an address where nothing listens: B is "down".
    let p = pair_with_b_url(Some("http://127.0.0.1:9".to_owned())).await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    assert_eq!(p.push_a().await, 0);
    let outbox =
        json(p.a.client.get(p.a.url("/api/v1/exchange/outbox")).bearer_auth(&p.a_admin).send().await.unwrap()).await;
    assert_eq!(outbox[0]["attempts"], 1, "{outbox}");
    assert!(outbox[0]["last_error"].is_string(), "{outbox}");
    assert!(outbox[0]["next_attempt_at_ms"].as_i64().unwrap() > now_ms(), "backoff");
    // Not due yet: a second pass does not hammer the partner.
    assert_eq!(p.push_a().await, 0);
    assert_eq!(
        json(p.a.client.get(p.a.url("/api/v1/exchange/outbox")).bearer_auth(&p.a_admin).send().await.unwrap()).await[0]
            ["attempts"],
        1
    );
    assert_eq!(p.transfer_at_a(&id).await["status"], "queued");
    // The administrator's page says it in words, with the next attempt; the raw error is behind a summary.
    let page = p.a.page_as("root", "/admin/partners").await;
    assert!(page.contains("Not delivered: the partner could not be reached. Next attempt:"), "{page}");
    assert!(page.contains("<td>Transfer</td>"), "{page}");
    assert!(page.contains("<summary>Technical detail</summary>"), "{page}");

    // B comes back at its real address; the retry falls due.
    p.a.exec(&format!("UPDATE partners SET url = '{}'", p.b.url(""))).await;
    let fp: String = {
        use sqlx::Row;
        sqlx::query("SELECT fingerprint FROM partners")
            .fetch_one(p.a.store.pool())
            .await
            .unwrap()
            .try_get("fingerprint")
            .unwrap()
    };
    p.a.store.reseal("partners", &fp).await.unwrap();
    p.a.exec("UPDATE exchange_outbox SET next_attempt_at = 0").await;
    assert_eq!(p.push_a().await, 1);
    assert_eq!(p.transfer_at_a(&id).await["status"], "delivered");
}

#[tokio::test]
async fn r24_file_transport_round_trip_through_the_cli() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    let file = p.a.dir.path().join("transfer.havenpkg");
    let out = p.a.cli(&["exchange", "export", "--transfer", &id, "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = p.b.cli(&["exchange", "import", "--file", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("received transfer"));
    assert_eq!(p.incoming_at_b().await.len(), 1);
    // The same file twice is a replay.
    let out = p.b.cli(&["exchange", "import", "--file", file.to_str().unwrap()]);
    assert!(!out.status.success());
    // B's receipt waits in its outbox for the link to come back.
    assert!(p.b.count("exchange_outbox").await >= 1);
}

#[tokio::test]
async fn partner_registry_refuses_a_card_whose_fingerprint_was_not_the_one_read_out() {
    let a = TestApp::spawn().await;
    let b = TestApp::spawn().await;
    let card = b.dir.path().join("card.json");
    let out = b.cli(&["node", "card", "--out", card.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let show = String::from_utf8_lossy(&b.cli(&["node", "show"]).stdout).into_owned();
    let fp = show.lines().find_map(|l| l.strip_prefix("fingerprint: ")).unwrap().to_owned();

    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    let out = a.cli(&["partner", "add", "--card", card.to_str().unwrap(), "--fingerprint", wrong]);
    assert!(!out.status.success());
    assert_eq!(a.count("partners").await, 0);

    // A card edited after signing (the address swapped) fails its signature.
    let text = std::fs::read_to_string(&card).unwrap().replace("http://", "https://evil.example/");
    let forged = b.dir.path().join("forged.json");
    std::fs::write(&forged, text).unwrap();
    let out = a.cli(&["partner", "add", "--card", forged.to_str().unwrap(), "--fingerprint", &fp]);
    assert!(!out.status.success());

    let out = a.cli(&["partner", "add", "--card", card.to_str().unwrap(), "--fingerprint", &fp.to_lowercase()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&a.cli(&["partner", "list"]).stdout).into_owned();
    assert!(list.contains(&fp), "{list}");
    // The partner's organisation is offered for consents, marked as the partner's.
    let orgs = json(a.client.get(a.url("/api/v1/orgs")).bearer_auth(admin_token(&a).await).send().await.unwrap()).await;
    let remote: Vec<&Value> = orgs.as_array().unwrap().iter().filter(|o| o["node"].is_string()).collect();
    assert_eq!(remote.len(), 1, "{orgs}");
    assert!(remote[0]["name"].as_str().unwrap().starts_with("Local organisation · "), "{orgs}");

    let name = list.lines().next().unwrap().split("  ").next().unwrap().to_owned();
    let out = a.cli(&["partner", "remove", "--name", &name]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&a.cli(&["partner", "list"]).stdout).contains("(removed)"));
}

#[tokio::test]
async fn r24_partner_keys_edited_in_sql_raise_an_integrity_alarm() {
    let p = pair().await;
    // An insider with SQL swaps in their own encryption key to read what A sends.
    let evil = haven_exchange::NodeKeys::from_seeds(&[7; 32], &[8; 32]).public();
    p.a.exec(&format!("UPDATE partners SET encryption_key = '{}'", evil.encryption_hex())).await;
    let (person, consent) = {
        let person = p.a.create_named("Kyaw").await;
        let res =
            p.a.post(&format!("/api/v1/persons/{person}/consents"))
                .json(&json!({"purpose": "cross_border_transfer", "recipient_org_id": p.b_org_at_a,
                "categories": ["identity"], "expires_on": "2030-01-01", "language": "my"}))
                .send()
                .await
                .unwrap();
        (person, json(res).await["id"].as_str().unwrap().to_owned())
    };
    let res = p.propose(&person, &consent).await;
    assert_eq!(res.status(), 409);
    assert_eq!(json(res).await["error"], "integrity");
    assert_eq!(p.a.count("exchange_outbox").await, 0, "nothing sealed to the swapped key");
    // The alarm is recorded by a task of its own, so it outlives the refused request.
    let mut alarms = 0;
    for _ in 0..50 {
        use sqlx::Row;
        alarms = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'integrity_alarm' AND record_kind = 'partner'",
        )
        .fetch_one(p.a.store.pool())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap();
        if alarms > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(alarms, 1);
}

#[tokio::test]
async fn r24_the_whole_flow_works_in_the_pages_from_the_senders_form_to_the_receivers_accept() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let client = no_redirects();
    let (a_cookie, a_csrf) = session(&p.a, "sup").await;

    // The sender's page offers the partner's organisation and the consent.
    let page = p.a.page_as("sup", &format!("/persons/{person}/transfers")).await;
    assert!(page.contains("id=\"propose-transfer\""), "{page}");
    assert!(page.contains(&consent), "the cross-border consent is offered");
    assert!(page.contains("Hanoi node"), "named with its organisation and installation: {page}");
    assert!(
        !page.contains("name=\"recipient_org_id\""),
        "the consent names the recipient; the page asks for nothing else"
    );
    let person_page = p.a.page_as("sup", &format!("/persons/{person}")).await;
    assert!(person_page.contains(&format!("/persons/{person}/transfers")), "the person's file links to transfers");

    // A form without the consent is refused with a plain message, and nothing leaves.
    let res = client
        .post(p.a.url(&format!("/persons/{person}/transfers")))
        .header("cookie", &a_cookie)
        .form(&[
            ("csrf", a_csrf.as_str()),
            ("recipient_org_id", &p.b_org_at_a),
            ("consent_id", ""),
            ("purpose", "reception"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("consent to the cross-border transfer first."));
    assert_eq!(p.a.count("exchange_outbox").await, 0);

    let res = client
        .post(p.a.url(&format!("/persons/{person}/transfers")))
        .header("cookie", &a_cookie)
        .form(&[("csrf", a_csrf.as_str()), ("consent_id", &consent), ("purpose", "reception")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id = location.strip_prefix("/transfers/").unwrap().to_owned();
    assert!(p.a.page_as("sup", &location).await.contains("Waiting to be sent"));
    p.push_a().await;
    assert!(p.a.page_as("sup", &location).await.contains("data-status=\"delivered\""));

    // The receiver sees it in its list and on its page, with what arrived.
    let list = p.b.page_as("sup", "/transfers").await;
    assert!(list.contains("Nguyễn Thị Lan"), "{list}");
    let one = p.b.page_as("sup", &format!("/transfers/{id}")).await;
    assert!(one.contains("id=\"xfer-arrived\""), "{one}");
    assert!(!one.contains("+84 91"), "contact was not consented");
    let (b_cookie, b_csrf) = session(&p.b, "sup").await;
    let res = client
        .post(p.b.url(&format!("/transfers/{id}/accept")))
        .header("cookie", &b_cookie)
        .form(&[("csrf", b_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let new_person = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(p.b.page_as("sup", &new_person).await.contains("Nguyễn Thị Lan"));
    // The receiver's task list asked for the answer; now it is gone.
    assert!(!p.b.page_as("sup", "/tasks").await.contains(&format!("/transfers/{id}")));
    p.push_b().await;
    assert!(p.a.page_as("sup", &location).await.contains("data-status=\"accepted\""));

    // Delivered: the package is no longer offered as a file.
    assert!(!p.a.page_as("sup", &location).await.contains(&format!("/transfers/{id}/package")));
    // From the person's file at B, the transfer it came from, with the way to follow it up.
    let person_id = new_person.trim_start_matches("/persons/");
    let theirs = p.b.page_as("sup", &format!("/persons/{person_id}/transfers")).await;
    assert!(theirs.contains(&format!("/transfers/{id}#xfer-follow-up")), "{theirs}");

    // The receiver tells the sender the person needs help, from the page.
    let one = p.b.page_as("sup", &format!("/transfers/{id}")).await;
    assert!(one.contains("id=\"xfer-follow-up\""), "{one}");
    let res = client
        .post(p.b.url(&format!("/transfers/{id}/follow-ups")))
        .header("cookie", &b_cookie)
        .form(&[("csrf", b_csrf.as_str()), ("status", "somewhere else")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a refusal re-renders the page with the reason");
    assert!(res.text().await.unwrap().contains("Choose one: arrived, reintegration started or needs help."));
    let res = client
        .post(p.b.url(&format!("/transfers/{id}/follow-ups")))
        .header("cookie", &b_cookie)
        .form(&[("csrf", b_csrf.as_str()), ("status", "needs_help")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    p.push_b().await;
    let at_a = p.a.page_as("sup", &location).await;
    assert!(at_a.contains("data-status=\"needs_help\""), "{at_a}");
    let tasks = p.a.page_as("sup", "/tasks").await;
    assert!(tasks.contains("data-kind=\"transfer_needs_help\""), "{tasks}");
    // The sender's list of transfers names the person and shows the call for help.
    let sent = p.a.page_as("sup", "/transfers").await;
    assert!(sent.contains("Nguyễn Thị Lan</bdi> · "), "{sent}");
    assert!(sent.contains("xfer-follow-up urgent"), "{sent}");
    assert!(tasks.contains(&location), "the task links to the transfer");
    assert!(at_a.contains("id=\"xfer-handle\""), "the sender can say it acted: {at_a}");
    let res = client
        .post(p.a.url(&format!("/transfers/{id}/follow-ups/handled")))
        .header("cookie", &a_cookie)
        .form(&[("csrf", a_csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(!p.a.page_as("sup", "/tasks").await.contains("data-kind=\"transfer_needs_help\""));
}

#[tokio::test]
async fn partner_page_shows_the_fingerprint_and_refuses_a_wrong_one() {
    let a = TestApp::spawn().await;
    let b = TestApp::spawn().await;
    a.user_token("Local organisation", "ngo_assistance", "system_admin", "root").await;
    let (cookie, csrf) = session(&a, "root").await;
    let page = a.page_as("root", "/admin/partners").await;
    assert!(page.contains(&a.store.node_keys().public().fingerprint().to_string()), "{page}");
    let (card, fp) = card_of(&b, "Hanoi node", &b.url("")).await;
    let card = String::from_utf8(card).unwrap();
    let client = no_redirects();
    let res = client
        .post(a.url("/admin/partners"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("card", card.as_str()),
            ("fingerprint", "1111-2222-3333-4444-5555-6666-7777-8888"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("fingerprint is not the one you were given."));
    assert_eq!(a.count("partners").await, 0);
    let res = client
        .post(a.url("/admin/partners"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str()), ("card", card.as_str()), ("fingerprint", fp.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Partner Hanoi node added."));
    // A caseworker's session does not reach the registry.
    assert_eq!(
        client
            .get(a.url("/admin/partners"))
            .header("cookie", session(&a, "sup").await.0)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let res = client
        .post(a.url("/admin/partners/Hanoi%20node/remove"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(a.store.partners().await.unwrap()[0].removed);
}

/// Runs the CLI off the async threads: it asks B, which this process serves.
async fn cli_off_thread(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || haven(&args)).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r27_a_witness_catches_an_audit_log_put_back_from_an_older_database_copy() {
    let p = pair().await;
    // The insider's copy, taken today.
    let copy = p.a.dir.path().join("old-copy.sqlite");
    let out = p.a.cli(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Work goes on; A's checkpoint goes to B, which cosigns it.
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    p.propose(&person, &consent).await;
    assert_eq!(p.a.store.send_checkpoints(0).await.unwrap(), 1);
    assert!(p.push_a().await >= 1);
    assert_eq!(p.a.count("audit_cosignatures").await, 1, "A keeps B's cosignature");
    let witnessed = p
        .client
        .get(p.b.url(&format!("/federation/v1/witness/{}", p.a.store.node_keys().public().fingerprint())))
        .send()
        .await
        .unwrap();
    assert_eq!(witnessed.status(), 200);
    assert!(witnessed.text().await.unwrap().contains("haven-witness/"));

    // The live log passes with its witness.
    let mut args: Vec<String> = vec!["audit".into(), "verify".into(), "--witnesses".into()];
    args.extend(p.a.data_args());
    let out = cli_off_thread(args).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The old copy put back: valid on its own, caught by the witness.
    // The insider has the key (escrowed, say) but not the anchor haven keeps
    // beside it on the server: only someone outside can catch this.
    let restored = p.a.dir.path().join("restored");
    let key_dir = p.a.dir.path().join("escrowed-key");
    std::fs::create_dir_all(&key_dir).unwrap();
    let key = key_dir.join("master.key");
    std::fs::copy(p.a.data_dir().join("master.key"), &key).unwrap();
    let out = haven(&[
        "restore",
        "--from",
        copy.to_str().unwrap(),
        "--data-dir",
        restored.to_str().unwrap(),
        "--master-key-file",
        key.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let args = ["--data-dir", restored.to_str().unwrap(), "--master-key-file", key.to_str().unwrap()];
    let alone = haven(&[&["audit", "verify"][..], &args[..]].concat());
    assert!(
        alone.status.success(),
        "without a witness the old copy looks fine: {}",
        String::from_utf8_lossy(&alone.stderr)
    );
    let witnessed = cli_off_thread(
        [&["audit", "verify", "--witnesses"][..], &args[..]].concat().iter().map(|a| a.to_string()).collect(),
    )
    .await;
    assert!(!witnessed.status.success(), "the witness must catch the rollback");
    let err = String::from_utf8_lossy(&witnessed.stderr);
    assert!(err.contains("rolled back") && err.contains("witness Hanoi node"), "{err}");

    // And the witness refuses to cosign the older checkpoint.
    let old = haven_store::Store::open(haven_store::StoreConfig {
        data_dir: restored.clone(),
        database_url: None,
        master_key_file: Some(key.clone()),
        create_key: false,
    })
    .await
    .unwrap();
    let (_, note) = old.signed_checkpoint_note().await.unwrap();
    let body = haven_exchange::payload::WitnessMessage { note }.to_bytes().unwrap();
    let stale = p.seal_a_to_b(PackageKind::Checkpoint, 60, now_ms(), now_ms() + 3_600_000, &body);
    let res = p.push_raw_to_b(stale).await;
    assert_eq!(res.status(), 400);
    assert_eq!(refusals(&p.b).await.last().map(String::as_str), Some("checkpoint_rollback"));
}

/// Status of an outgoing transfer read straight from the store.
async fn status_at_a(p: &Pair, id: &str) -> String {
    p.transfer_at_a(id).await["status"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn r24_r28_erasing_a_transferred_person_revokes_the_copy_and_holds_back_no_other_revocation() {
    let p = pair().await;
    let (erased, _) = p.person_with_consent(&["identity"]).await;
    let (kept, kept_consent) = p.person_with_consent(&["identity"]).await;
    let consents = json(p.a.get(&format!("/api/v1/persons/{erased}/consents")).send().await.unwrap()).await;
    let erased_consent = consents[0]["id"].as_str().unwrap().to_owned();
    let t1 = json(p.propose(&erased, &erased_consent).await).await["id"].as_str().unwrap().to_owned();
    let t2 = json(p.propose(&kept, &kept_consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    assert_eq!(p.b.count("transfers").await, 2);

    let res = p.a.post(&format!("/api/v1/persons/{erased}/erase")).send().await.unwrap();
    assert!(res.status().is_success(), "{:?}", res.text().await);
    // The other person's consent is withdrawn too: both revocations must go.
    assert!(p.a.post(&format!("/api/v1/consents/{kept_consent}/withdraw")).send().await.unwrap().status().is_success());
    p.push_a().await;
    p.push_b().await;
    let at_b = json(p.b.get("/api/v1/transfers/incoming").send().await.unwrap()).await;
    for t in at_b.as_array().unwrap() {
        assert_eq!(t["status"], "destroyed", "{t}");
        assert!(t["arrived"].is_null());
    }
    assert_eq!(status_at_a(&p, &t2).await, "destroyed");
    // The erased person's transfer is no longer readable at A, but its
    // revocation went and was confirmed.
    let confirmed: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) AS n FROM transfers WHERE id = $1 AND status = 'destroyed'")
            .bind(&t1)
            .fetch_one(p.a.store.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    };
    assert_eq!(confirmed, 1);
}

#[tokio::test]
async fn r24_a_revocation_cannot_be_suppressed_by_editing_the_transfer_in_sql() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    // An insider marks the transfer as already revoked, so nothing would be sent.
    p.a.exec(&format!("UPDATE transfers SET revoked_at = 1 WHERE id = '{id}'")).await;
    assert!(p.a.post(&format!("/api/v1/consents/{consent}/withdraw")).send().await.unwrap().status().is_success());
    p.a.store.revoke_uncovered_transfers().await.unwrap();
    // The edit is caught: the row is refused and the auditor alerted, not silently skipped.
    let res = p.a.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let mut alarms = 0;
    for _ in 0..50 {
        use sqlx::Row;
        alarms = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'integrity_alarm' AND record_kind = 'transfer'",
        )
        .fetch_one(p.a.store.pool())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap();
        if alarms > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(alarms >= 1);
}

#[tokio::test]
async fn r24_removing_a_partner_revokes_every_copy_it_holds() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let name = p.a.store.partners().await.unwrap()[0].name.clone();
    p.a.store.remove_partner(&name).await.unwrap();
    assert_eq!(status_at_a(&p, &id).await, "revoked");
    // The revocation still goes to the removed partner, and its confirmation is believed.
    p.push_a().await;
    p.push_b().await;
    assert_eq!(json(p.b.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await["status"], "destroyed");
    assert_eq!(status_at_a(&p, &id).await, "destroyed");
}

/// R24: at the receiver, a transfer from a partner it removes before anyone
/// answered can never be accepted (nothing from a removed partner is
/// believed): its copy is destroyed, not left as a task nobody can do.
#[tokio::test]
async fn r24_removing_a_partner_destroys_what_it_sent_that_nobody_answered() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let tasks = json(p.b.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(tasks.as_array().unwrap().iter().any(|t| t["kind"] == "transfer_to_answer"), "{tasks}");
    let a_name = p.b.store.partners().await.unwrap()[0].name.clone();
    p.b.store.remove_partner(&a_name).await.unwrap();
    let t = json(p.b.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await;
    assert_eq!(t["status"], "destroyed", "{t}");
    assert!(t["arrived"].is_null(), "{t}");
    assert!(p.b.store.ledger_ids().unwrap().iter().any(|l| l == &format!("transfer:{id}")), "the key is punctured");
    let tasks = json(p.b.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(!tasks.as_array().unwrap().iter().any(|t| t["kind"] == "transfer_to_answer"), "{tasks}");
}

#[tokio::test]
async fn r17_r24_a_withdrawal_stops_a_package_still_waiting_in_the_outbox() {
    let p = pair_with_b_url(Some("http://127.0.0.1:9".to_owned())).await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    assert_eq!(p.push_a().await, 0, "B is down");
    assert!(p.a.post(&format!("/api/v1/consents/{consent}/withdraw")).send().await.unwrap().status().is_success());
    p.a.store.revoke_uncovered_transfers().await.unwrap();
    // Nothing of the person is left to send, nor to carry out as a file.
    let kinds: Vec<String> = {
        use sqlx::Row;
        sqlx::query("SELECT kind FROM exchange_outbox WHERE delivered_at IS NULL")
            .fetch_all(p.a.store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get("kind").unwrap())
            .collect()
    };
    assert_eq!(kinds, vec!["revocation".to_owned()]);
    let file = p.a.dir.path().join("late.havenpkg");
    let out = p.a.cli(&["exchange", "export", "--transfer", &id, "--out", file.to_str().unwrap()]);
    assert!(!out.status.success(), "a withdrawn transfer is not exported");

    // B comes back: the revocation of a transfer it never got is confirmed.
    let fp = p.a.store.partners().await.unwrap()[0].fingerprint.to_string();
    p.a.exec(&format!("UPDATE partners SET url = '{}'", p.b.url(""))).await;
    p.a.store.reseal("partners", &fp).await.unwrap();
    p.a.exec("UPDATE exchange_outbox SET next_attempt_at = 0").await;
    p.push_a().await;
    p.push_b().await;
    assert_eq!(p.b.count("transfers").await, 0, "the person never reached B");
    assert_eq!(status_at_a(&p, &id).await, "destroyed");
}

#[tokio::test]
async fn r24_the_sender_keeps_no_sealed_copy_once_it_is_delivered_and_one_transfer_per_recipient() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    json(p.propose(&person, &consent).await).await;
    let res = p.propose(&person, &consent).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "transfer_already_sent");
    p.push_a().await;
    let sizes: Vec<i64> = {
        use sqlx::Row;
        sqlx::query("SELECT LENGTH(bytes) AS n FROM exchange_outbox WHERE kind = 'transfer'")
            .fetch_all(p.a.store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<i64, _>("n").unwrap())
            .collect()
    };
    assert_eq!(sizes, vec![0]);
}

#[tokio::test]
async fn r24_a_partner_organisation_gets_no_accounts_and_no_referrals_here() {
    let p = pair().await;
    let mirror: haven_core::ids::OrgId = p.b_org_at_a.parse().unwrap();
    let err =
        p.a.store
            .create_user(
                &haven_core::access::OrgAdmin::key_holder(mirror),
                "fake.partner",
                haven_core::access::Role::Caseworker,
                "a-long-test-password",
                false,
            )
            .await;
    assert!(matches!(err, Err(haven_store::StoreError::Invalid(v)) if v.code == "partner_org_has_no_accounts"));
    let person = p.a.create_named("Mya Mya").await;
    let res =
        p.a.post(&format!("/api/v1/persons/{person}/referrals"))
            .json(&json!({"service_type": "legal_aid", "recipient_org_id": p.b_org_at_a}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "referral_to_partner_org");
}

async fn tasks_of(app: &TestApp) -> Vec<Value> {
    json(app.get("/api/v1/tasks").send().await.unwrap()).await.as_array().unwrap().clone()
}

fn transfer_task<'a>(tasks: &'a [Value], kind: &str, id: &str) -> Option<&'a Value> {
    tasks.iter().find(|t| t["kind"] == kind && t["transfer_id"] == id)
}

/// R24: once the receiving organisation accepted a case, it tells the
/// sender how the person is doing: a status word, nothing else, carried by
/// a signed package and kept at the sender under a MAC. Before accepting,
/// after declining, or with a status that is not one of the three, nothing
/// is sent. The task lists at both ends say what each side must do.
#[tokio::test]
async fn r24_follow_ups_flow_back_as_a_status_word_only_and_reach_the_senders_task_list() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;

    // The receiver's task list asks it to answer, naming the person.
    let t = tasks_of(&p.b).await;
    let answer = transfer_task(&t, "transfer_to_answer", &id).unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(answer["name"], "Nguyễn Thị Lan");

    // Not accepted yet: no follow-up.
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "arrived"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("transfer_not_accepted"));

    let res = p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert!(transfer_task(&tasks_of(&p.b).await, "transfer_to_answer", &id).is_none(), "answered: off the list");

    // Free text is not a status.
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "staying with her mother in Hai Phong"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("invalid_follow_up"));
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "needs_help", "note": "anything"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400, "unknown fields are refused");

    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "needs_help"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    assert_eq!(json(res).await["follow_ups"][0]["status"], "needs_help");
    // The accept and the follow-up leave in order.
    assert_eq!(p.push_b().await, 2);
    let at_a = p.transfer_at_a(&id).await;
    assert_eq!(at_a["status"], "accepted", "{at_a}");
    let statuses: Vec<&str> =
        at_a["follow_ups"].as_array().unwrap().iter().filter_map(|f| f["status"].as_str()).collect();
    assert_eq!(statuses, ["needs_help"]);
    // The sender's task list flags the call for help, with the person's name from its own file.
    let t = tasks_of(&p.a).await;
    let help = transfer_task(&t, "transfer_needs_help", &id).unwrap_or_else(|| panic!("{t:?}"));
    assert_eq!(help["name"], "Nguyễn Thị Lan");

    // Someone at A acts on it and says so: the task goes, and only once.
    let res = p.a.post(&format!("/api/v1/transfers/{id}/follow-ups/handled")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert!(json(res).await["follow_ups"][0]["handled_at_ms"].is_i64());
    assert!(transfer_task(&tasks_of(&p.a).await, "transfer_needs_help", &id).is_none());
    let res = p.a.post(&format!("/api/v1/transfers/{id}/follow-ups/handled")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("follow_up_not_open"));
    // The receiver has nothing to mark: it sent the call.
    let res = p.b.post(&format!("/api/v1/transfers/{id}/follow-ups/handled")).send().await.unwrap();
    assert_eq!(res.status(), 400);

    // A newer follow-up replaces the call for help.
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "reintegration_started"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 201);
    p.push_b().await;
    assert_eq!(p.transfer_at_a(&id).await["follow_ups"].as_array().map(Vec::len), Some(2));
    assert!(transfer_task(&tasks_of(&p.a).await, "transfer_needs_help", &id).is_none());

    // Audited at both ends (R27).
    use sqlx::Row;
    let sent: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM audit_events WHERE record_kind = 'transfer' AND outcome LIKE 'follow_up:%'",
    )
    .fetch_one(p.b.store.pool())
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert_eq!(sent, 2);
    let received: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'receive' AND outcome = 'follow_up'")
            .fetch_one(p.a.store.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap();
    assert_eq!(received, 2);

    // A follow-up row forged in SQL at the sender is refused with an alarm.
    sqlx::query("UPDATE transfer_follow_ups SET status = 'arrived' WHERE status = 'needs_help'")
        .execute(p.a.store.pool())
        .await
        .unwrap();
    let res = p.a.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap();
    assert_ne!(res.status(), 200, "a follow-up edited in SQL must not be shown as the partner's word");
    assert!(!p.a.store.verify_integrity().await.unwrap().is_empty());
}

/// R24: a follow-up is never sent about a declined transfer, and the sender's
/// task list tells it to find the person another organisation.
#[tokio::test]
async fn r24_a_declined_transfer_takes_no_follow_up_and_is_on_the_senders_task_list() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/decline")).json(&json!({"reason": "No place"})).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "arrived"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
    p.push_b().await;
    let t = tasks_of(&p.a).await;
    assert!(transfer_task(&t, "transfer_declined", &id).is_some(), "{t:?}");
    // The receiver cannot slip a follow-up past its own store by sealing one by hand either:
    // the sender keeps nothing about a transfer that is not accepted.
    let body = Message { transfer_id: id.clone(), reason: None, status: Some("needs_help".into()) }.to_bytes().unwrap();
    let keys = p.b.store.node_keys();
    let a_pub = p.a.store.node_keys().public();
    let header = Header {
        format: haven_exchange::FORMAT,
        id: uuid_v4(),
        kind: PackageKind::FollowUp,
        sender: keys.public().fingerprint(),
        recipient: a_pub.fingerprint(),
        sequence: 1000,
        created_ms: now_ms(),
        expires_ms: now_ms() + 60_000,
    };
    let bytes = haven_exchange::seal(keys, &a_pub, &header, &body, &mut rand::rngs::OsRng).unwrap();
    p.a.store.receive_package(&bytes, Via::Push).await.unwrap();
    assert_eq!(p.a.count("transfer_follow_ups").await, 0);
}

/// R24, R28: after the person is erased at the sender, the transfer (which
/// names nobody) stays on the sender's books until the partner confirms,
/// so an unconfirmed revocation can still reach the task list; what the
/// partner wrote about the person (a decline's reason, answers kept as
/// evidence) goes with the file.
#[tokio::test]
async fn r24_r28_an_erased_persons_transfer_stays_visible_until_confirmed_and_the_partners_words_go() {
    let p = pair().await;
    let (declined, declined_consent) = p.person_with_consent(&["identity"]).await;
    let t0 = json(p.propose(&declined, &declined_consent).await).await["id"].as_str().unwrap().to_owned();
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let t = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let res =
        p.b.post(&format!("/api/v1/transfers/{t0}/decline"))
            .json(&json!({"reason": "she told us she is pregnant"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(p.b.post(&format!("/api/v1/transfers/{t}/accept")).send().await.unwrap().status(), 200);
    p.push_b().await;
    assert_eq!(p.transfer_at_a(&t0).await["reason"], "she told us she is pregnant");

    for who in [&declined, &person] {
        let res = p.a.post(&format!("/api/v1/persons/{who}/erase")).send().await.unwrap();
        assert!(res.status().is_success(), "{:?}", res.text().await);
    }
    // The partner is down: the revocation waits, and the sender still sees it.
    p.a.store.revoke_uncovered_transfers().await.unwrap();
    let v = p.transfer_at_a(&t).await;
    assert_eq!(v["status"], "revoked", "{v}");
    let listed = json(p.a.get(&format!("/api/v1/transfers/{t}")).send().await.unwrap()).await;
    assert_eq!(listed["id"], t.as_str());
    // The decline's words and the partner's answers about the erased people are gone.
    use sqlx::Row;
    let reasons: i64 = sqlx::query("SELECT COUNT(*) AS n FROM transfers WHERE reason IS NOT NULL")
        .fetch_one(p.a.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(reasons, 0);
    let kept: i64 = sqlx::query("SELECT COUNT(*) AS n FROM exchange_receipts WHERE length(bytes) > 0")
        .fetch_one(p.a.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(kept, 0, "no answer about an erased person is kept whole");
    assert!(p.a.count("exchange_receipts").await >= 3, "their ids and times stay as the record");
    p.push_a().await;
    p.push_b().await;
    assert_eq!(p.transfer_at_a(&t).await["status"], "destroyed");
}

/// R16, R24: at the receiving organisation, an accepted transfer is read,
/// and followed up, only by those who reach the file it opened; a token
/// that may write but not read sends nothing.
#[tokio::test]
async fn r16_r24_only_those_who_reach_the_accepted_file_read_the_transfer_or_follow_it_up() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let cw = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw.b1").await;
    let cw2 = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw.b2").await;
    let res =
        p.b.client.post(p.b.url(&format!("/api/v1/transfers/{id}/accept"))).bearer_auth(&cw).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = p.b.client.get(p.b.url(&format!("/api/v1/transfers/{id}"))).bearer_auth(&cw2).send().await.unwrap();
    assert_eq!(res.status(), 404, "another caseworker without the case does not read it");
    let res =
        p.b.client
            .post(p.b.url(&format!("/api/v1/transfers/{id}/follow-ups")))
            .bearer_auth(&cw2)
            .json(&json!({"status": "needs_help"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(p.b.count("transfer_follow_ups").await, 0);

    let write_only = {
        let out = p.b.cli(&["token", "create", "--user", "cw.b1", "--scopes", "write"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().lines().last().unwrap().to_owned()
    };
    let res =
        p.b.client
            .post(p.b.url(&format!("/api/v1/transfers/{id}/follow-ups")))
            .bearer_auth(&write_only)
            .json(&json!({"status": "arrived"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(p.b.count("transfer_follow_ups").await, 0, "refused before anything was sent");
    let res =
        p.b.client
            .post(p.b.url(&format!("/api/v1/transfers/{id}/follow-ups")))
            .bearer_auth(&cw)
            .json(&json!({"status": "arrived"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 201);
}

/// R24, R27: rows deleted in SQL are found. A deleted follow-up is listed
/// by `verify_integrity` (each bound row's writes are in the hash-chained
/// log); a deleted revocation package is queued again, with an alarm; a
/// person moved to another organisation in SQL raises an alarm instead of
/// silently leaving every list.
#[tokio::test]
async fn r24_r27_rows_deleted_or_moved_in_sql_are_found_and_a_lost_revocation_is_sent_again() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    assert_eq!(p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap().status(), 200);
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "needs_help"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 201);
    p.push_b().await;
    assert!(p.a.store.verify_integrity().await.unwrap().is_empty());
    sqlx::query("DELETE FROM transfer_follow_ups").execute(p.a.store.pool()).await.unwrap();
    let bad = p.a.store.verify_integrity().await.unwrap();
    assert!(bad.iter().any(|(t, id)| *t == "transfer_follow_ups" && id.ends_with("(deleted)")), "{bad:?}");

    // The consent is withdrawn; an insider deletes the revocation before it leaves.
    assert!(p.a.post(&format!("/api/v1/consents/{consent}/withdraw")).send().await.unwrap().status().is_success());
    p.a.store.revoke_uncovered_transfers().await.unwrap();
    sqlx::query("DELETE FROM exchange_outbox WHERE kind = 'revocation'").execute(p.a.store.pool()).await.unwrap();
    p.push_a().await;
    p.push_b().await;
    assert_eq!(p.transfer_at_a(&id).await["status"], "destroyed", "the revocation went again and was confirmed");

    // A person moved out of the organisation in SQL: an alarm, not a silent 404.
    let (other, other_consent) = p.person_with_consent(&["identity"]).await;
    let b_org = p.b_org_at_a.clone();
    sqlx::query("UPDATE persons SET org_id = $1 WHERE id = $2")
        .bind(&b_org)
        .bind(&other)
        .execute(p.a.store.pool())
        .await
        .unwrap();
    let res = p.propose(&other, &other_consent).await;
    assert_ne!(res.status(), 201);
    let res = p.a.get(&format!("/api/v1/persons/{other}")).send().await.unwrap();
    assert_ne!(res.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    use sqlx::Row;
    let alarms: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'integrity_alarm' AND record_id = $1")
            .bind(&other)
            .fetch_one(p.a.store.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap();
    assert!(alarms >= 1, "moving a person in SQL raises an alarm");
}

/// A CA and a certificate for 127.0.0.1 signed by it, made with openssl.
fn test_pki(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(dir).output().expect("openssl");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    std::fs::write(dir.join("leaf.ext"), "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n").unwrap();
    run(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key"]);
    run(&["req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=haven test CA", "-days", "2", "-out", "ca.pem"]);
    run(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key"]);
    run(&["req", "-new", "-key", "leaf.key", "-subj", "/CN=127.0.0.1", "-out", "leaf.csr"]);
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
        "-out",
        "leaf.pem",
    ]);
    (dir.join("ca.pem"), dir.join("leaf.pem"), dir.join("leaf.key"))
}

/// R24: packages travel over HTTPS (rustls) to a partner that serves TLS,
/// and the certificate is checked: a partner certified by a private CA is
/// reached only once that CA is given (`HAVEN_EXCHANGE_CA_FILE`), never by
/// skipping the check.
#[tokio::test]
async fn r24_packages_are_pushed_over_https_and_the_partners_certificate_is_checked() {
    use std::io::{BufRead, BufReader};
    let pki = tempfile::tempdir().unwrap();
    let (ca, cert, key) = test_pki(pki.path());
    let a = TestApp::spawn().await;
    // B: a real `haven serve` with TLS, on the engine under test.
    let b_dir = tempfile::tempdir().unwrap();
    let mut b_args = vec!["--data-dir".to_owned(), b_dir.path().join("data").display().to_string()];
    if crate::helpers::backend() == haven_store::Backend::Postgres {
        b_args.push("--database-url".into());
        b_args.push(haven_store::testdb::fresh_postgres_url().await.unwrap());
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_haven"))
        .args(["serve", "--listen", "127.0.0.1:0", "--node-name", "Hanoi TLS node"])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .args(&b_args)
        .env_remove("HAVEN_MASTER_KEY_FILE")
        .env("HAVEN_EXCHANGE_INTERVAL_MS", "3600000")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut b_url = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        if let Some(rest) = line.unwrap().split("listening on ").nth(1) {
            b_url = rest.split_whitespace().next().unwrap().to_owned();
            break;
        }
    }
    assert!(b_url.starts_with("https://127.0.0.1:"), "{b_url}");
    let b_cli = |args: &[&str]| {
        let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        all.extend(b_args.iter().cloned());
        let out = haven(&all);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let b_card = b_dir.path().join("card.json");
    b_cli(&["node", "card", "--out", b_card.to_str().unwrap()]);
    let b_fp =
        b_cli(&["node", "show"]).lines().find_map(|l| l.strip_prefix("fingerprint: ").map(str::to_owned)).unwrap();
    let (card_a, fp_a) = card_of(&a, "Bangkok node", &a.url("")).await;
    let a_card = b_dir.path().join("a-card.json");
    std::fs::write(&a_card, &card_a).unwrap();
    b_cli(&["partner", "add", "--card", a_card.to_str().unwrap(), "--fingerprint", &fp_a]);
    a.store.add_partner(&std::fs::read(&b_card).unwrap(), &b_fp).await.unwrap();
    assert!(a.store.partners().await.unwrap()[0].url.starts_with("https://"));

    let admin = admin_token(&a).await;
    let partners = json(a.client.get(a.url("/api/v1/partners")).bearer_auth(&admin).send().await.unwrap()).await;
    let b_org = partners[0]["organisations"][0]["id"].as_str().unwrap().to_owned();
    let person = a.create_person(json!({"full_name": "Phạm Thu Hà", "estimated_age": 27})).await;
    let res = a
        .post(&format!("/api/v1/persons/{person}/consents"))
        .json(&json!({"purpose": "cross_border_transfer", "recipient_org_id": b_org, "categories": ["identity"],
            "expires_on": "2030-01-01", "language": "vi"}))
        .send()
        .await
        .unwrap();
    let consent = json(res).await["id"].as_str().unwrap().to_owned();
    let res = a
        .post(&format!("/api/v1/persons/{person}/transfers"))
        .json(&json!({"recipient_org_id": b_org, "consent_id": consent, "purpose": "reception"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = json(res).await["id"].as_str().unwrap().to_owned();

    // The public roots do not know the private CA: nothing is delivered.
    let public_only = haven_web::exchange_client(None).unwrap();
    assert_eq!(haven_web::exchange_push_due(&a.store, &public_only).await, 0);
    let outbox = a.store.outbox(10).await.unwrap();
    assert!(outbox[0].last_error.as_deref().is_some_and(|e| !e.is_empty()), "{outbox:?}");
    assert_eq!(json(a.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await["status"], "queued");

    // Given the partner's CA, it goes, over TLS, and B's receipt comes back.
    let trusted = haven_web::exchange_client(Some(&std::fs::read(&ca).unwrap())).unwrap();
    a.exec("UPDATE exchange_outbox SET next_attempt_at = 0").await;
    assert_eq!(haven_web::exchange_push_due(&a.store, &trusted).await, 1);
    assert_eq!(json(a.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await["status"], "delivered");
    // A file that holds no certificate is refused, not taken as "no extra roots".
    assert!(haven_web::exchange_client(Some(b"not a certificate")).is_err());
    let _ = child.kill();
    let _ = child.wait();
}

/// R28: erasing, at the receiver, the person an accepted transfer opened
/// destroys what arrived too (its key's leaf punctured), and no follow-up
/// is sent about them after.
#[tokio::test]
async fn r28_erasing_the_file_a_transfer_opened_destroys_what_arrived() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    let accepted = json(p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap()).await;
    let theirs = accepted["person_id"].as_str().unwrap().to_owned();
    let res = p.b.post(&format!("/api/v1/persons/{theirs}/erase")).send().await.unwrap();
    assert!(res.status().is_success(), "{:?}", res.text().await);
    let t = json(p.b.get(&format!("/api/v1/transfers/{id}")).send().await.unwrap()).await;
    assert!(t["arrived"].is_null(), "nothing about an erased person is shown: {t}");
    assert!(p.b.store.ledger_ids().unwrap().iter().any(|l| l == &format!("transfer:{id}")));
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "arrived"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
}

/// R24: one transfer's packages leave in order, so a follow-up never
/// overtakes the accept that waits out a backoff; and follow-ups are ordered
/// by when the partner wrote them, so an older status retried late cannot
/// clear a newer call for help.
#[tokio::test]
async fn r24_a_transfers_packages_leave_in_order_and_follow_ups_keep_the_partners_order() {
    use sqlx::Row;
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    p.push_a().await;
    // A is unreachable from B for a while.
    let a_fp: String = sqlx::query("SELECT fingerprint FROM partners")
        .fetch_one(p.b.store.pool())
        .await
        .unwrap()
        .try_get("fingerprint")
        .unwrap();
    p.b.exec("UPDATE partners SET url = 'http://127.0.0.1:9'").await;
    p.b.store.reseal("partners", &a_fp).await.unwrap();
    assert_eq!(p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap().status(), 200);
    assert_eq!(p.push_b().await, 0, "the accept fails and backs off");
    p.b.exec(&format!("UPDATE partners SET url = '{}'", p.a.url(""))).await;
    p.b.store.reseal("partners", &a_fp).await.unwrap();
    let res =
        p.b.post(&format!("/api/v1/transfers/{id}/follow-ups"))
            .json(&json!({"status": "needs_help"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(p.push_b().await, 0, "the follow-up waits behind the accept");
    p.b.exec("UPDATE exchange_outbox SET next_attempt_at = 0").await;
    assert_eq!(p.push_b().await, 2);
    let at_a = p.transfer_at_a(&id).await;
    assert_eq!(at_a["status"], "accepted");
    assert_eq!(at_a["follow_ups"][0]["status"], "needs_help", "{at_a}");

    // Two follow-ups sealed by B: the newer arrives first, the older later.
    let seal = |status: &str, created_ms: i64, sequence: u64| {
        let body = Message { transfer_id: id.clone(), reason: None, status: Some(status.into()) }.to_bytes().unwrap();
        let keys = p.b.store.node_keys();
        let a_pub = p.a.store.node_keys().public();
        let header = Header {
            format: haven_exchange::FORMAT,
            id: uuid_v4(),
            kind: PackageKind::FollowUp,
            sender: keys.public().fingerprint(),
            recipient: a_pub.fingerprint(),
            sequence,
            created_ms,
            expires_ms: now_ms() + 600_000,
        };
        haven_exchange::seal(keys, &a_pub, &header, &body, &mut rand::rngs::OsRng).unwrap()
    };
    let now = now_ms();
    p.a.store.receive_package(&seal("needs_help", now, 5000), Via::Push).await.unwrap();
    p.a.store.receive_package(&seal("arrived", now - 60_000, 4999), Via::Push).await.unwrap();
    let at_a = p.transfer_at_a(&id).await;
    let last = at_a["follow_ups"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "needs_help", "the older status does not come last: {at_a}");
    let tasks = json(p.a.get("/api/v1/tasks").send().await.unwrap()).await;
    assert!(tasks.as_array().unwrap().iter().any(|t| t["kind"] == "transfer_needs_help"), "{tasks}");
}

/// R24: one transfer row edited in SQL does not keep a partner trusted that
/// an administrator removes; the others are still revoked.
#[tokio::test]
async fn r24_a_tampered_transfer_does_not_stop_a_partner_being_removed() {
    let p = pair().await;
    let (one, one_consent) = p.person_with_consent(&["identity"]).await;
    let (two, two_consent) = p.person_with_consent(&["identity"]).await;
    let t1 = json(p.propose(&one, &one_consent).await).await["id"].as_str().unwrap().to_owned();
    let t2 = json(p.propose(&two, &two_consent).await).await["id"].as_str().unwrap().to_owned();
    p.a.exec(&format!("UPDATE transfers SET handled_by = 'x' WHERE id = '{t1}'")).await;
    let name = p.a.store.partners().await.unwrap()[0].name.clone();
    p.a.store.remove_partner(&name).await.unwrap();
    assert!(p.a.store.partners().await.unwrap()[0].removed);
    assert_eq!(status_at_a(&p, &t2).await, "revoked");
}

#[tokio::test]
async fn r24_a_record_received_from_a_partner_is_never_merged() {
    let p = pair().await;
    let (person, consent) = p.person_with_consent(&["identity"]).await;
    let id = json(p.propose(&person, &consent).await).await["id"].as_str().unwrap().to_owned();
    assert_eq!(p.push_a().await, 1);
    let res = p.b.post(&format!("/api/v1/transfers/{id}/accept")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let received = json(res).await["person_id"].as_str().unwrap().to_owned();
    // Its sender may still withdraw it; what a merge copied would outlive that.
    let local = p.b.create_named("Nguyen Thi Lan").await;
    for (kept, dup) in [(&local, &received), (&received, &local)] {
        let res =
            p.b.post(&format!("/api/v1/persons/{kept}/merges"))
                .json(&json!({"duplicate_id": dup}))
                .send()
                .await
                .unwrap();
        assert_eq!(res.status(), 400);
        assert_eq!(json(res).await["error"], "merge_received_record");
    }
    assert_eq!(p.b.count("person_merges").await, 0);
}
