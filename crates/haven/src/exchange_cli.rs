//! `haven node`, `haven partner` and `haven exchange`: the administrator's
//! side of cross-border exchange (issue 14, R24).

use std::path::PathBuf;

use crate::DataArgs;
use anyhow::{bail, Context, Result};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum NodeCommand {
    /// Print this installation's name, address, keys and fingerprint.
    Show {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write this installation's signed node card for a partner's administrator.
    Card {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub enum PartnerCommand {
    /// Register a partner from its card, after checking its fingerprint with them out of band.
    Add {
        #[arg(long)]
        card: PathBuf,
        /// The fingerprint the partner's administrator read out to you.
        #[arg(long)]
        fingerprint: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List partners and their organisations.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Stop sending to and believing a partner.
    Remove {
        #[arg(long)]
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
pub enum ExchangeCommand {
    /// Write a transfer's sealed package to a file, for a link that is down.
    Export {
        #[arg(long)]
        transfer: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Receive a package carried as a file.
    Import {
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Deliver what is due in the outbox now, and print its state.
    Push {
        #[command(flatten)]
        data: DataArgs,
    },
}

fn today_rfc3339() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

pub async fn node(command: NodeCommand) -> Result<()> {
    match command {
        NodeCommand::Show { data } => {
            let store = data.open(false).await?;
            let (name, url) = store.node_address().await?;
            let public = store.node_keys().public();
            println!("name: {name}");
            println!("url: {url}");
            println!("signing key: {}", public.signing_hex());
            println!("encryption key: {}", public.encryption_hex());
            println!("fingerprint: {}", public.fingerprint());
        }
        NodeCommand::Card { out, data } => {
            let store = data.open(false).await?;
            let (name, url) = store.node_address().await?;
            let card = store.node_card(&name, &url, &today_rfc3339()).await?;
            std::fs::write(&out, card.to_bytes()).with_context(|| format!("writing {}", out.display()))?;
            println!("node card for {name} written to {}", out.display());
            println!("fingerprint: {}", store.node_keys().public().fingerprint());
            println!("read the fingerprint to the partner's administrator by phone or in person; never send it with the card");
        }
    }
    Ok(())
}

pub async fn partner(command: PartnerCommand) -> Result<()> {
    match command {
        PartnerCommand::Add { card, fingerprint, data } => {
            let store = data.open(false).await?;
            let bytes = read_capped(&card, haven_exchange::MAX_CARD_BYTES)?;
            let p = store.add_partner(&bytes, &fingerprint).await?;
            println!("partner {} added ({}), {} organisation(s):", p.name, p.fingerprint, p.organisations.len());
            for (id, name) in &p.organisations {
                println!("  {id}  {name}");
            }
        }
        PartnerCommand::List { data } => {
            let store = data.open(false).await?;
            for p in store.partners().await? {
                let state = if p.removed { " (removed)" } else { "" };
                println!("{}{state}  {}  {}", p.name, p.fingerprint, p.url);
                for (id, name) in &p.organisations {
                    println!("  {id}  {name}");
                }
            }
        }
        PartnerCommand::Remove { name, data } => {
            let store = data.open(false).await?;
            store.remove_partner(&name).await?;
            println!("partner {name} removed");
        }
    }
    Ok(())
}

pub async fn exchange(command: ExchangeCommand) -> Result<()> {
    match command {
        ExchangeCommand::Export { transfer, out, data } => {
            let store = data.open(false).await?;
            let bytes = store.transfer_package_by_operator(&transfer).await?;
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            println!("package of transfer {transfer} ({} bytes) written to {}", bytes.len(), out.display());
        }
        ExchangeCommand::Import { file, data } => {
            let store = data.open(false).await?;
            let bytes = read_capped(&file, haven_exchange::MAX_PACKAGE_BYTES)?;
            let r = store.receive_package(&bytes, haven_store::exchange::Via::File).await?;
            println!("received {} for transfer {}", r.kind.as_str(), r.transfer_id.unwrap_or_default());
        }
        ExchangeCommand::Push { data } => {
            let store = data.open(false).await?;
            let client = partner_client()?;
            store.revoke_uncovered_transfers().await?;
            let n = haven_web::exchange_push_due(&store, &client).await;
            println!("{n} package(s) delivered");
            for o in store.outbox(50).await? {
                let state = match (o.delivered_at_ms, &o.last_error) {
                    (Some(_), _) => "delivered".to_owned(),
                    (None, Some(e)) => format!("waiting, {} attempt(s), last error: {e}", o.attempts),
                    (None, None) => "waiting".to_owned(),
                };
                println!("{}  {}  {}  {state}", o.package_id, o.partner_name, o.kind);
            }
        }
    }
    Ok(())
}

/// The client that talks to partners (pushes, witnesses): the public web's
/// roots plus those in `HAVEN_EXCHANGE_CA_FILE`, for partners whose address a
/// private or national CA certifies.
pub fn partner_client() -> Result<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let extra_roots = match std::env::var_os("HAVEN_EXCHANGE_CA_FILE") {
        Some(path) => Some(std::fs::read(&path).with_context(|| format!("reading {}", path.to_string_lossy()))?),
        None => None,
    };
    haven_web::exchange_client(extra_roots.as_deref()).map_err(|e| anyhow::anyhow!(e))
}

/// Reads a file an outsider may have made, refusing it before it is read whole if too large.
fn read_capped(path: &std::path::Path, max: usize) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    if len > max as u64 {
        bail!("{} is {len} bytes, more than the {max} allowed", path.display());
    }
    Ok(std::fs::read(path)?)
}

/// Asks every partner for the newest checkpoint of this log it cosigned as a
/// witness, checks the cosignature with the partner's registered key, and
/// returns them as checkpoints to hold the log to. A partner that cannot be
/// reached is an error: a verification that silently skips its witnesses
/// would pass exactly when someone has cut them off.
pub async fn witnessed_pins(store: &haven_store::Store) -> Result<Vec<haven_core::tlog::Checkpoint>> {
    let client = partner_client()?;
    let ours = store.node_keys().public().fingerprint();
    let mut pins = Vec::new();
    for p in store.partners().await?.into_iter().filter(|p| !p.removed) {
        let url = format!("{}/federation/v1/witness/{}", p.url.trim_end_matches('/'), ours);
        let res = client.get(&url).send().await.with_context(|| format!("asking witness {} at {url}", p.name))?;
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            eprintln!("witness {}: has cosigned no checkpoint of this log yet", p.name);
            continue;
        }
        if !res.status().is_success() {
            bail!("witness {} answered {}", p.name, res.status());
        }
        let text = res.text().await?;
        let pin = store.witness_pin(&p.fingerprint, &text).await.with_context(|| format!("witness {}", p.name))?;
        eprintln!("witness {}: cosigned this log at {} events", p.name, pin.size);
        pins.push(pin);
    }
    Ok(pins)
}
