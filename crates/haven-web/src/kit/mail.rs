//! Notification e-mail (issue 13): "you have N new notifications" and a
//! link, in the reader's language, and nothing else. An e-mail leaves
//! haven's protection (it sits in mailboxes, on phones, with providers), so
//! it never names a person, a record or what happened; the reader signs in
//! to see that. The notifications table is the queue: a failed send is
//! tried again on the next round, and each notification is announced once.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::i18n::Tr;

/// Where and how to send.
#[derive(Clone)]
pub struct MailConfig {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The address users open haven at; the link in the e-mail.
    public_url: String,
}

impl MailConfig {
    /// `smtp_url` as lettre reads it: `smtps://user:pass@host:465`,
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), or
    /// `smtp://host:25` for a relay on the same machine.
    pub fn new(smtp_url: &str, from: &str, public_url: &str) -> Result<Self, String> {
        let transport =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url).map_err(|e| format!("--smtp-url: {e}"))?.build();
        let from: Mailbox = from.parse().map_err(|e| format!("--smtp-from: {e}"))?;
        Ok(Self { transport, from, public_url: public_url.trim_end_matches('/').to_owned() })
    }
}

/// The e-mail for one user, in their language: a count and a link.
fn message(config: &MailConfig, to: &str, language: &str, count: usize) -> Result<Message, String> {
    let tr = Tr::new(language);
    let link = format!("{}/tasks", config.public_url);
    let count = count.to_string();
    let subject = tr.t_args("mail-subject", &[("count", count.clone())]);
    let body =
        format!("{}\n\n{}\n", tr.t_args("mail-body", &[("count", count), ("link", link)]), tr.t("mail-body-privacy"));
    Message::builder()
        .from(config.from.clone())
        .to(to.parse().map_err(|e| format!("address: {e}"))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// Sends what is due and returns how many e-mails went. A user whose
/// e-mail failed keeps their notifications due for the next round.
pub async fn send_due(store: &haven_store::Store, config: &MailConfig) -> Result<usize, String> {
    let due = store.mail_due(5_000).await.map_err(|e| e.to_string())?;
    let mut sent = 0;
    for d in due {
        let result = match message(config, &d.email, &d.language, d.notifications.len()) {
            Ok(m) => config.transport.send(m).await.map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match result {
            Ok(_) => {
                store.mark_mailed(&d.notifications).await.map_err(|e| e.to_string())?;
                sent += 1;
            }
            // The address is the user's; the log names only the account.
            Err(e) => tracing::warn!(user = %d.user, error = %e, "notification e-mail not sent; will retry"),
        }
    }
    Ok(sent)
}

/// Sends due e-mail every `every`, for as long as the server runs.
pub async fn mail_worker(store: haven_store::Store, config: MailConfig, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = send_due(&store, &config).await {
            tracing::warn!(error = %e, "notification e-mail round failed");
        }
    }
}

#[cfg(test)]
mod tests {
    /// An address haven accepts must be one the mail library sends to:
    /// otherwise it would be retried, and fail, every round.
    #[test]
    fn r13_every_address_haven_accepts_the_mail_library_accepts() {
        for a in [
            "caseworker@example.org",
            "a.b-c+tag@shelter.example.co.th",
            "o'brien@example.org",
            "x_y@sub-domain.example.org",
            "caseworker@ตัวอย่าง.ไทย",
        ] {
            let parsed = haven_core::notify::EmailAddress::parse(a).unwrap();
            assert!(parsed.as_str().parse::<lettre::Address>().is_ok(), "{a}");
        }
    }
}
