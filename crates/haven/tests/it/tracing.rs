//! Family tracing between two installations over the exchange (issue 15,
//! R25): a request recorded at A (the family's country) is sent to B as
//! codes; B's caseworker finds and reviews a candidate, asks the person and
//! sends back only their decision; A tells the family.

use serde_json::{json, Value};
use sqlx::Row;

use crate::exchange::{pair, Pair};
use crate::helpers::json;

fn request_body() -> Value {
    json!({"names": ["Nguyễn Thị Lan", "Nguyen Thi Lan"], "sex": "F", "date_of_birth": "2001-04-12",
        "nationality": "VNM", "place_of_origin": "Nghệ An", "last_heard": "2024-03-15",
        "requester_name": "Trần Văn Bình", "requester_relation": "father",
        "requester_contact": "+84 90 111 2222", "family_consent": true})
}

/// B holds a record of the missing person (written as a Thai shelter would,
/// without diacritics) and of someone else.
async fn holder_records(p: &Pair) -> String {
    p.b.create_person(json!({"full_name": "Somchai Wongsakul", "estimated_age": 40, "sex": "male",
        "nationalities": ["THA"], "location": "shelter"}))
        .await;
    p.b.create_person(json!({"full_name": "Nguyen Thi Lan", "date_of_birth": "2001-04-12", "sex": "female",
        "nationalities": ["VNM"], "location": "shelter", "contact": "+66 81 000 0000"}))
        .await
}

async fn create_and_send(p: &Pair) -> String {
    let res = p.a.post("/api/v1/tracing/requests").json(&request_body()).send().await.unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let id = json(res).await["id"].as_str().unwrap().to_owned();
    let res =
        p.a.post(&format!("/api/v1/tracing/requests/{id}/send"))
            .json(&json!({"recipient_org_id": p.b_org_at_a}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(json(res).await["status"], "sent");
    id
}

async fn only_inbound(p: &Pair) -> Value {
    let list = json(p.b.get("/api/v1/tracing/inbound").send().await.unwrap()).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    list[0].clone()
}

async fn request_at_a(p: &Pair, id: &str) -> Value {
    json(p.a.get(&format!("/api/v1/tracing/requests/{id}")).send().await.unwrap()).await
}

/// Every byte B stored about the request, and every byte that crossed.
async fn all_bytes_at_b(p: &Pair) -> Vec<u8> {
    let mut out = Vec::new();
    for table in ["tracing_inbound", "exchange_receipts", "audit_events"] {
        let rows = sqlx::query(&format!("SELECT * FROM {table}")).fetch_all(p.b.store.pool()).await.unwrap();
        for r in rows {
            for i in 0..r.len() {
                if let Ok(Some(s)) = r.try_get::<Option<String>, _>(i) {
                    out.extend_from_slice(s.as_bytes());
                } else if let Ok(Some(b)) = r.try_get::<Option<Vec<u8>>, _>(i) {
                    out.extend_from_slice(&b);
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn r25_a_request_crosses_as_codes_the_holder_reviews_and_a_declined_contact_reaches_the_family_as_closed() {
    let p = pair().await;
    let lan = holder_records(&p).await;
    let id = create_and_send(&p).await;
    assert_eq!(p.push_a().await, 1);

    // B sees the coarse context only: an age range, never the date of birth.
    let inbound = only_inbound(&p).await;
    assert_eq!(inbound["status"], "pending");
    assert_eq!(inbound["age_range"], "24-26", "{inbound}");
    assert_eq!(inbound["last_heard"], "2024-03", "{inbound}");
    assert_eq!(inbound["nationality"], "VNM");
    assert!(inbound["candidate_person_id"].is_null());
    let text = inbound.to_string();
    for secret in ["Lan", "2001", "+84", "Bình", "father", "04-12"] {
        assert!(!text.contains(secret), "{secret} reached B: {text}");
    }
    // R25: no plaintext crossed or is stored at B, anywhere.
    let stored = all_bytes_at_b(&p).await;
    for secret in ["Nguy", "Lan", "+84 90", "Bình", "2001-04-12"] {
        assert!(!stored.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} is stored in clear at B");
    }

    // A decision before anyone judged a candidate is refused.
    let inbound_id = inbound["id"].as_str().unwrap().to_owned();
    let early =
        p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/decision"))
            .json(&json!({"decision": "contact", "text": "call me"}))
            .send()
            .await
            .unwrap();
    assert_eq!(early.status(), 400);
    assert_eq!(json(early).await["error"], "tracing_not_plausible_yet");

    // The holder's caseworker looks for a candidate among their people.
    let res = p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/search")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let found = json(res).await;
    assert_eq!(found["compared"], 2, "{found}");
    assert_eq!(found["candidate"]["candidate_person_id"], lan, "{found}");
    assert!(found["candidate"]["score"].as_i64().unwrap() >= 500, "{found}");

    let res = p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/plausible")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    // The person declines; what the caseworker typed alongside is not sent.
    let res =
        p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/decision"))
            .json(&json!({"decision": "no_contact", "text": "she is at the Bangkok shelter"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(json(res).await["answer"]["outcome"], "closed");

    // The family's side has nothing to tell before the answer arrives.
    let res = p.a.post(&format!("/api/v1/tracing/requests/{id}/close")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "tracing_not_answered");

    assert_eq!(p.push_b().await, 1);
    let at_a = request_at_a(&p, &id).await;
    assert_eq!(at_a["status"], "answered", "{at_a}");
    assert_eq!(at_a["answer"], json!({"outcome": "closed", "text": ""}), "{at_a}");
    assert!(!at_a.to_string().contains("Bangkok"), "{at_a}");
    let res = p.a.post(&format!("/api/v1/tracing/requests/{id}/close")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["status"], "closed");

    // The candidate shown is audited as a read of that person by the searcher.
    let reads: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'read' AND record_kind = 'person' \
         AND record_id = $1 AND outcome = 'tracing_candidate'",
    )
    .bind(&lan)
    .fetch_one(p.b.store.pool())
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert!(reads >= 1);

    // Every step is audited at both ends.
    for (app, outcomes) in [
        (&p.a, vec!["request", "sent", "tracing_answer", "family_told"]),
        (&p.b, vec!["tracing_request", "candidate", "plausible", "answered"]),
    ] {
        for o in outcomes {
            let n: i64 =
                sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE record_kind = 'tracing' AND outcome = $1")
                    .bind(o)
                    .fetch_one(app.store.pool())
                    .await
                    .unwrap()
                    .try_get("n")
                    .unwrap();
            assert!(n >= 1, "{o} not audited");
        }
    }
}

#[tokio::test]
async fn r25_a_decline_and_a_search_that_found_nobody_send_the_same_answer_of_the_same_size() {
    let p = pair().await;
    holder_records(&p).await;
    let first = create_and_send(&p).await;
    let second = create_and_send(&p).await;
    assert_eq!(p.push_a().await, 2);
    let list = json(p.b.get("/api/v1/tracing/inbound").send().await.unwrap()).await;
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 2);
    // One is declined by the person, the other closed with nobody found.
    p.b.post(&format!("/api/v1/tracing/inbound/{}/search", ids[0])).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{}/plausible", ids[0])).send().await.unwrap();
    let res =
        p.b.post(&format!("/api/v1/tracing/inbound/{}/decision", ids[0]))
            .json(&json!({"decision": "no_contact"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200);
    let res = p.b.post(&format!("/api/v1/tracing/inbound/{}/close", ids[1])).send().await.unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let sizes: Vec<usize> = sqlx::query("SELECT bytes FROM exchange_outbox WHERE kind = 'tracing_answer'")
        .fetch_all(p.b.store.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<Vec<u8>, _>("bytes").unwrap().len())
        .collect();
    assert_eq!(sizes.len(), 2);
    assert_eq!(sizes[0], sizes[1], "an observer could tell a decline from no match by size");
    assert_eq!(p.push_b().await, 2);
    let a1 = request_at_a(&p, &first).await;
    let a2 = request_at_a(&p, &second).await;
    assert_eq!(a1["answer"], a2["answer"]);
    assert_eq!(a1["answer"]["outcome"], "closed");
}

#[tokio::test]
async fn r25_a_message_the_person_chose_reaches_the_family_and_a_second_answer_is_refused() {
    let p = pair().await;
    holder_records(&p).await;
    let id = create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/search")).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/plausible")).send().await.unwrap();
    let res =
        p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/decision"))
            .json(&json!({"decision": "message", "text": "Con vẫn khỏe. Đừng lo."}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    // Decided once: a second decision is refused at B.
    let again =
        p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/decision"))
            .json(&json!({"decision": "contact", "text": "+66 81 000 0000"}))
            .send()
            .await
            .unwrap();
    assert_eq!(again.status(), 400);
    p.push_b().await;
    let at_a = request_at_a(&p, &id).await;
    assert_eq!(at_a["answer"], json!({"outcome": "message", "text": "Con vẫn khỏe. Đừng lo."}));

    // A forged second answer, sealed with B's real keys, changes nothing.
    let body = haven_exchange::payload::TracingAnswerPayload {
        format: haven_exchange::FORMAT,
        request_id: id.clone(),
        outcome: "contact".into(),
        text: "come to the border".into(),
    }
    .to_bytes()
    .unwrap();
    let err = p.a.store.receive_package(&seal_b_to_a(&p, &body), haven_store::exchange::Via::Push).await;
    assert!(err.is_err(), "a second answer was taken");
    assert_eq!(request_at_a(&p, &id).await["answer"]["outcome"], "message");
}

fn seal_b_to_a(p: &Pair, body: &[u8]) -> Vec<u8> {
    let keys = p.b.store.node_keys();
    let a = p.a.store.node_keys().public();
    let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
    let header = haven_exchange::Header {
        format: haven_exchange::FORMAT,
        id: haven_core::ids::NoteId::from_random_bytes(rand::random()).to_string(),
        kind: haven_exchange::PackageKind::TracingAnswer,
        sender: keys.public().fingerprint(),
        recipient: a.fingerprint(),
        sequence: 1_000,
        created_ms: now,
        expires_ms: now + 3_600_000,
    };
    haven_exchange::seal(keys, &a, &header, body, &mut rand::rngs::OsRng).unwrap()
}

#[tokio::test]
async fn r25_a_request_needs_the_familys_consent_and_is_sent_once() {
    let p = pair().await;
    let mut body = request_body();
    body["family_consent"] = json!(false);
    let res = p.a.post("/api/v1/tracing/requests").json(&body).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "r25_family_consent_required");
    assert_eq!(p.a.count("tracing_requests").await, 0);
    let id = create_and_send(&p).await;
    let res =
        p.a.post(&format!("/api/v1/tracing/requests/{id}/send"))
            .json(&json!({"recipient_org_id": p.b_org_at_a}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["error"], "tracing_already_sent");
}

#[tokio::test]
async fn r16_r25_an_enforcement_user_neither_asks_nor_reads_tracing() {
    let p = pair().await;
    let token = p.a.user_token("Immigration Bureau", "immigration", "caseworker", "imm").await;
    let res = p.a.client.get(p.a.url("/api/v1/tracing/requests")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res =
        p.a.client
            .post(p.a.url("/api/v1/tracing/requests"))
            .bearer_auth(&token)
            .json(&request_body())
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 403);
    let res = p.a.client.get(p.a.url("/api/v1/tracing/inbound")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn r25_the_candidate_search_reads_only_the_people_in_the_caseworkers_reach() {
    let p = pair().await;
    // The person is recorded by the supervisor; a caseworker reaches only their own.
    holder_records(&p).await;
    let token = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw").await;
    create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    let res =
        p.b.client
            .post(p.b.url(&format!("/api/v1/tracing/inbound/{inbound_id}/search")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let found = json(res).await;
    assert_eq!(found["compared"], 0, "{found}");
    assert!(found["candidate"]["candidate_person_id"].is_null(), "{found}");
}

#[tokio::test]
async fn r25_a_received_request_moved_or_restated_in_sql_raises_the_alarm() {
    let p = pair().await;
    holder_records(&p).await;
    create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    // An insider with SQL skips the review: "plausible" without a candidate.
    sqlx::query("UPDATE tracing_inbound SET status = 'plausible' WHERE id = $1")
        .bind(&inbound_id)
        .execute(p.b.store.pool())
        .await
        .unwrap();
    let res = p.b.get(&format!("/api/v1/tracing/inbound/{inbound_id}")).send().await.unwrap();
    assert_ne!(res.status(), 200);
    let alarms: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'integrity_alarm'")
        .fetch_one(p.b.store.pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert!(alarms >= 1);
}

#[tokio::test]
async fn r25_only_someone_who_reaches_the_candidate_answers_for_them() {
    let p = pair().await;
    holder_records(&p).await;
    create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/search")).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/plausible")).send().await.unwrap();
    // A caseworker who cannot open the candidate's record cannot say what they decided.
    let cw = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw2").await;
    let res =
        p.b.client
            .post(p.b.url(&format!("/api/v1/tracing/inbound/{inbound_id}/decision")))
            .bearer_auth(&cw)
            .json(&json!({"decision": "contact", "text": "+66 81 000 0000"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(p.b.count("exchange_outbox").await, 0, "nothing went back");
    assert_eq!(only_inbound(&p).await["status"], "plausible");
}

#[tokio::test]
async fn r25_a_colleague_who_cannot_open_the_candidate_neither_sees_them_nor_wipes_them() {
    let p = pair().await;
    holder_records(&p).await;
    create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/search")).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/plausible")).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/decision"))
        .json(&json!({"decision": "contact", "text": "Call me on +66 81 234 5678"}))
        .send()
        .await
        .unwrap();
    let cw = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw3").await;
    let get = |path: String| p.b.client.get(p.b.url(&path)).bearer_auth(&cw).send();
    let seen = json(get(format!("/api/v1/tracing/inbound/{inbound_id}")).await.unwrap()).await;
    assert!(seen["candidate_person_id"].is_null(), "{seen}");
    assert_eq!(seen["candidate_withheld"], true, "{seen}");
    assert!(seen["answer"].is_null(), "{seen}");
    let listed = get("/api/v1/tracing/inbound".into()).await.unwrap().text().await.unwrap();
    assert!(!listed.contains("+66 81"), "{listed}");
    assert!(!p.b.page_as("cw3", &format!("/tracing/inbound/{inbound_id}")).await.contains("+66 81"));
}

#[tokio::test]
async fn r25_a_colleague_who_cannot_open_the_candidate_cannot_search_again_or_close() {
    let p = pair().await;
    let lan = holder_records(&p).await;
    create_and_send(&p).await;
    p.push_a().await;
    let inbound_id = only_inbound(&p).await["id"].as_str().unwrap().to_owned();
    p.b.post(&format!("/api/v1/tracing/inbound/{inbound_id}/search")).send().await.unwrap();
    let cw = p.b.user_token("Local organisation", "ngo_assistance", "caseworker", "cw4").await;
    for step in ["search", "close"] {
        let res =
            p.b.client
                .post(p.b.url(&format!("/api/v1/tracing/inbound/{inbound_id}/{step}")))
                .bearer_auth(&cw)
                .send()
                .await
                .unwrap();
        assert_eq!(res.status(), 404, "{step}");
    }
    let still = only_inbound(&p).await;
    assert_eq!(still["candidate_person_id"], lan.as_str(), "{still}");
    assert_eq!(still["status"], "pending");
}

#[tokio::test]
async fn r25_sealed_answers_are_one_size_and_an_answer_blanked_in_sql_raises_the_alarm() {
    let p = pair().await;
    holder_records(&p).await;
    let first = create_and_send(&p).await;
    let second = create_and_send(&p).await;
    p.push_a().await;
    let list = json(p.b.get("/api/v1/tracing/inbound").send().await.unwrap()).await;
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect();
    p.b.post(&format!("/api/v1/tracing/inbound/{}/close", ids[0])).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{}/search", ids[1])).send().await.unwrap();
    p.b.post(&format!("/api/v1/tracing/inbound/{}/plausible", ids[1])).send().await.unwrap();
    let res =
        p.b.post(&format!("/api/v1/tracing/inbound/{}/decision", ids[1]))
            .json(&json!({"decision": "contact", "text": "Call me on +66 81 234 5678, any evening after work"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 200);
    p.push_b().await;
    for (app, sql) in
        [(&p.b, "SELECT decision AS b FROM tracing_inbound"), (&p.a, "SELECT answer AS b FROM tracing_requests")]
    {
        let lens: Vec<usize> = sqlx::query(sql)
            .fetch_all(app.store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<Vec<u8>, _>("b").unwrap().len())
            .collect();
        assert_eq!(lens.len(), 2);
        assert_eq!(lens[0], lens[1], "a copy of the database tells a decline from a contact: {sql}");
    }
    let mut outcomes = vec![
        request_at_a(&p, &first).await["answer"]["outcome"].as_str().unwrap().to_owned(),
        request_at_a(&p, &second).await["answer"]["outcome"].as_str().unwrap().to_owned(),
    ];
    let contact = if outcomes[0] == "contact" { first.clone() } else { second.clone() };
    outcomes.sort();
    assert_eq!(outcomes, ["closed", "contact"]);
    // An insider blanks the person's answer so the family is told nothing.
    sqlx::query("UPDATE tracing_requests SET answer = NULL WHERE id = $1")
        .bind(&contact)
        .execute(p.a.store.pool())
        .await
        .unwrap();
    let res = p.a.get(&format!("/api/v1/tracing/requests/{contact}")).send().await.unwrap();
    assert_eq!(res.status(), 409, "{:?}", res.text().await);
    let res = p.a.post(&format!("/api/v1/tracing/requests/{contact}/close")).send().await.unwrap();
    assert_ne!(res.status(), 200);
}
