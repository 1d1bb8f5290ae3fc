//! The outbox pusher: delivers queued packages to partners over HTTP(S),
//! retrying with backoff (kept in the outbox rows, so it survives restarts),
//! and sends revocations for transfers whose consent stopped covering them.

use std::time::Duration;

use haven_store::Store;

/// The HTTPS client that pushes packages: rustls with the public web's
/// roots, plus the certificates in `extra_roots_pem` (a PEM bundle), for
/// partners whose address is certified by a private or national CA. The
/// packages are signed and sealed whatever the transport; TLS is checked
/// all the same, so that a network attacker cannot even see who talks.
pub fn client(extra_roots_pem: Option<&[u8]>) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder().timeout(Duration::from_secs(30));
    if let Some(pem) = extra_roots_pem {
        let roots = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| format!("the CA file: {e}"))?;
        if roots.is_empty() {
            return Err("the CA file holds no certificate".into());
        }
        for root in roots {
            builder = builder.add_root_certificate(root);
        }
    }
    builder.build().map_err(|e| e.to_string())
}

/// One pass: every due package once. Returns how many were delivered.
pub async fn push_due(store: &Store, client: &reqwest::Client) -> usize {
    let due = match store.outbox_due(50).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "exchange outbox unreadable");
            return 0;
        }
    };
    let mut delivered = 0;
    for item in due {
        let url = format!("{}/federation/v1/packages", item.url.trim_end_matches('/'));
        let sent = client
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(item.bytes.clone())
            .send()
            .await;
        let outcome = match sent {
            Ok(res) if res.status().is_success() => match res.bytes().await {
                Ok(answer) => store.outbox_delivered(&item.package_id, &answer).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Ok(res) => {
                let status = res.status();
                let body = res.text().await.unwrap_or_default();
                if status == reqwest::StatusCode::BAD_REQUEST && body.contains("\"package_replayed\"") {
                    // The partner already holds it (carried there as a file,
                    // or an answer lost on the way): stop sending it. Its
                    // receipt arrives as a package of its own.
                    store.outbox_delivered(&item.package_id, &[]).await.map_err(|e| e.to_string())
                } else {
                    Err(format!("{status}: {}", body.chars().take(200).collect::<String>()))
                }
            }
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(()) => delivered += 1,
            Err(e) => {
                tracing::warn!(package = %item.package_id, partner = %item.partner_name, error = %e, "exchange delivery failed; will retry");
                if let Err(e) = store.outbox_failed(&item.package_id, &e).await {
                    tracing::error!(error = %e, "exchange outbox not updated");
                }
            }
        }
    }
    delivered
}

/// Runs for the life of the server: revocations first (a withdrawn consent
/// must not wait behind a slow partner), then the audit checkpoint for the
/// partners to witness (at most every `witness_every`), then deliveries.
pub async fn run(store: Store, client: reqwest::Client, every: Duration, witness_every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = store.revoke_uncovered_transfers().await {
            tracing::error!(error = %e, "exchange revocations failed");
        }
        let witness_ms = i64::try_from(witness_every.as_millis()).unwrap_or(i64::MAX);
        if let Err(e) = store.send_checkpoints(witness_ms).await {
            tracing::error!(error = %e, "audit checkpoint for the witnesses not sent");
        }
        push_due(&store, &client).await;
    }
}
