//! `haven`: the server and its administration commands.
//!
//! Every administrative command opens the same data directory (or database
//! URL) as the server and works beside a running server: SQLite runs in WAL
//! mode and every write takes the audit chain's lock first.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use haven_core::access::{OrgAdmin, Role};
use haven_store::{Store, StoreConfig};

mod ads_cli;
mod demo;
mod exchange_cli;
mod htcds_cli;
mod tracing_cli;

#[derive(Parser)]
#[command(name = "haven", version, about = "Case work for people trafficked into scam compounds")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DataArgs {
    /// Data directory: SQLite database, master key and erasure ledger.
    #[arg(long, env = "HAVEN_DATA_DIR", default_value = "./haven-data")]
    data_dir: PathBuf,
    /// PostgreSQL URL (postgres://…); without it, SQLite in the data directory.
    #[arg(long, env = "HAVEN_DATABASE_URL")]
    database_url: Option<String>,
    /// Master key file; defaults to DATA_DIR/master.key.
    #[arg(long, env = "HAVEN_MASTER_KEY_FILE")]
    master_key_file: Option<PathBuf>,
}

impl DataArgs {
    fn config(&self, create_key: bool) -> StoreConfig {
        StoreConfig {
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            master_key_file: self.master_key_file.clone(),
            create_key,
        }
    }

    async fn open(&self, create_key: bool) -> Result<Store> {
        // An administration command run in the wrong directory must not
        // leave an empty data directory behind and then fail obscurely.
        if !create_key && self.master_key_file.is_none() && !self.data_dir.exists() {
            anyhow::bail!(
                "no haven data directory at {}: pass --data-dir (or set HAVEN_DATA_DIR) to the directory the server \
                 uses",
                self.data_dir.display()
            );
        }
        Store::open(self.config(create_key)).await.context("opening the haven store")
    }
}

#[derive(Subcommand)]
enum Command {
    /// Family tracing between partner organisations (issue 15): keygen, encode, match.
    Tracing {
        #[command(subcommand)]
        command: tracing_cli::TracingCommand,
    },
    /// Run the web server (migrates first; creates key and admin on first start).
    Serve {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, env = "HAVEN_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// PEM certificate chain; with --tls-key, serve HTTPS.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// A reverse proxy (address or network, e.g. 10.0.0.1 or 10.0.0.0/24)
        /// whose X-Forwarded-For names the client; repeat for several.
        /// Without it the peer address is the client, whatever headers say.
        #[arg(long = "trusted-proxy", value_parser = parse_net)]
        trusted_proxies: Vec<haven_web::IpNet>,
        /// The address partner installations reach this one at; goes into
        /// the node card. Defaults to http:// plus the listen address.
        #[arg(long, env = "HAVEN_PUBLIC_URL")]
        public_url: Option<String>,
        /// The name partners know this installation by.
        #[arg(long, env = "HAVEN_NODE_NAME")]
        node_name: Option<String>,
        #[command(flatten)]
        mail: MailArgs,
    },
    /// Seed clearly labelled fictional organisations, users and people.
    Demo {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Organisations.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// User accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The tamper-evident audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Write a consistent backup while the server runs.
    Backup {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into an empty data directory.
    Restore {
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        data_dir: PathBuf,
        /// The master key the backup was made under (and its erasure ledger beside it).
        #[arg(long, env = "HAVEN_MASTER_KEY_FILE")]
        master_key_file: PathBuf,
    },
    /// Screening instruments.
    Instrument {
        #[command(subcommand)]
        command: InstrumentCommand,
    },
    /// Evaluate screening answers offline, for instrument authors.
    Screen {
        #[command(subcommand)]
        command: ScreenCommand,
    },
    /// The service directory (R19).
    Services {
        #[command(subcommand)]
        command: ServicesCommand,
    },
    /// Job-advertisement screening for platforms and NGOs (R26).
    Ads {
        #[command(subcommand)]
        command: ads_cli::AdsCommand,
    },
    /// Translations: the native-review round trip (R18).
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
    /// This installation's exchange identity (issue 14).
    Node {
        #[command(subcommand)]
        command: exchange_cli::NodeCommand,
    },
    /// Partner installations for cross-border exchange (issue 14).
    Partner {
        #[command(subcommand)]
        command: exchange_cli::PartnerCommand,
    },
    /// Packages between installations: file transport and the outbox (issue 14).
    Exchange {
        #[command(subcommand)]
        command: exchange_cli::ExchangeCommand,
    },
    /// Case records in and out in HTCDS 2.0 (issue 16): export, import.
    Htcds {
        #[command(subcommand)]
        command: htcds_cli::HtcdsCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Load N synthetic people for benchmarks (not for real installations).
    #[command(hide = true)]
    BenchSeed {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, default_value_t = 1000)]
        count: u64,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Issue a bearer token; the token is the last line printed.
    Create {
        #[arg(long)]
        user: String,
        /// What the token may do: read, write, admin (comma-separated).
        #[arg(long, default_value = "read,write,admin")]
        scopes: String,
        /// Days until the token expires (1-366).
        #[arg(long, default_value_t = haven_store::auth::DEFAULT_TOKEN_DAYS)]
        days: i64,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Revoke one token (--id) or all of a user's tokens. A running server
    /// refuses them within a second (it keeps a token's owner that long).
    Revoke {
        #[arg(long)]
        user: String,
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    Create {
        #[arg(long)]
        name: String,
        /// ngo_assistance, shelter, health, legal_aid, labour_inspection,
        /// nrm_coordinator, consular, police, prosecution, immigration,
        /// border, or platform (an online platform's ad reviewers).
        #[arg(long, default_value = "ngo_assistance")]
        kind: String,
        /// ISO 3166 alpha-3.
        #[arg(long)]
        country: Option<String>,
        /// Languages the organisation works in, comma-separated BCP 47 tags (e.g. th,my,en).
        #[arg(long, value_delimiter = ',')]
        languages: Vec<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user; prints a one-time password they must change at first sign-in.
    Create {
        #[arg(long)]
        org: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Set a user's password from standard input (for automation; the
    /// password never appears in the process list). Ends their sessions.
    SetPassword {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Approve an organisation administrator appointed in the web
    /// interface. An organisation's first administrator has no colleague to
    /// approve them, so the person who runs the server does, after checking
    /// who they are. Case accounts are approved by a second administrator of
    /// their own organisation, never here.
    Approve {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Enable a disabled account again: it waits for approval by an
    /// administrator of its organisation before it can sign in.
    Enable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Clear an account's second factor (a lost phone): its sessions end
    /// and the user sets up a new one at the next sign-in.
    ResetMfa {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Change an account's role: its sessions and tokens end, and it waits
    /// for approval by an administrator of its organisation (four eyes).
    SetRole {
        #[arg(long)]
        username: String,
        /// caseworker, supervisor, decision_maker, org_admin or auditor.
        #[arg(long)]
        role: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disable an account: its sessions end at once, and its API tokens on a
    /// running server within a second (it keeps a token's owner that long). Works
    /// even on an account whose row failed its integrity check, to stop it
    /// while you investigate. An administrator enables it again in the web
    /// interface, and it then waits for approval.
    Disable {
        #[arg(long)]
        username: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum InstrumentCommand {
    /// Parse and validate an instrument file; exits non-zero with the reason if it is refused.
    Validate { file: PathBuf },
    /// List the built-in instruments.
    List,
    /// Write a built-in instrument as an XLSForm for KoboToolbox and ODK
    /// Collect: every language it has, skip logic, "prefer not to say" and
    /// "does not know" kept as answers, no question required (R06, R18).
    Xlsform {
        /// A built-in instrument id (see `haven instrument list`).
        #[arg(long)]
        instrument: String,
        /// The .xlsx file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a translation pack to fill in for another language: every key
    /// of the instrument, with its English text beside it.
    PackTemplate {
        #[arg(long, default_value = "forced-criminality")]
        instrument: String,
        /// BCP 47 tag of the language the pack adds, e.g. am, ne, bn.
        #[arg(long)]
        language: String,
    },
    /// Check a translation pack against its instrument; exits non-zero
    /// naming every missing or unknown key.
    PackCheck {
        file: PathBuf,
        #[arg(long, default_value = "forced-criminality")]
        instrument: String,
    },
    /// Check a translation pack and install it into the data directory:
    /// the server then interviews in its language directly (no rebuild).
    PackInstall {
        file: PathBuf,
        #[arg(long, default_value = "forced-criminality")]
        instrument: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum ServicesCommand {
    /// Import a CSV or XLSX file of services: every row or, if one is wrong, none.
    Import {
        file: PathBuf,
        /// The user the import is recorded under (a caseworker or supervisor).
        #[arg(long = "as")]
        user: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print the directory as CSV, or as XLSX with `--format xlsx` (redirect it to a file).
    Export {
        /// The user the export is recorded under.
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = ["csv", "xlsx"], default_value = "csv")]
        format: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Write one language's strings as a spreadsheet for a native-speaking
    /// reviewer: key, English, current translation, reviewed yes/no, where
    /// it appears and who reads it, and the term base's words.
    Export {
        /// th, vi, my, km, lo, id, tl or zh-Hans.
        #[arg(long)]
        lang: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Check a reviewed spreadsheet (placeholders, Fluent syntax, the term
    /// base) and, if every row passes, install it as DATA_DIR/i18n/LANG.ftl,
    /// which the server loads over the built-in catalogue at start.
    Import {
        #[arg(long)]
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Subcommand)]
enum ScreenCommand {
    /// Print the determination for a set of answers as JSON.
    Evaluate {
        /// A built-in instrument id, or a path to an instrument file.
        #[arg(long)]
        instrument: String,
        /// JSON object of question id to answer.
        #[arg(long)]
        answers: PathBuf,
        /// The person is, or may be, under 18 (R02).
        #[arg(long)]
        may_be_child: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify the hash chain, the Merkle tree, the signatures and every row's
    /// integrity MAC; exits non-zero at the first thing that cannot be trusted.
    Verify {
        /// Checkpoints exported earlier (`audit checkpoint`): fail if the log is
        /// behind any of them or disagrees with it (a rollback or a fork).
        #[arg(long, num_args = 1..)]
        against: Vec<PathBuf>,
        /// Also ask every partner installation for the newest checkpoint of
        /// this log it cosigned as a witness, and fail if the log is behind
        /// it or disagrees with it (a database put back from an older copy).
        #[arg(long)]
        witnesses: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write a signed checkpoint of the log (C2SP tlog-checkpoint) to keep
    /// elsewhere: removable media, a partner, a printout.
    Checkpoint {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

// glibc's allocator was a tenth of the server's CPU at 200 connections
// (perf, docs/benchmarks.md); mimalloc's per-thread heaps cost less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HAVEN_LOG").unwrap_or_else(|_| "haven=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Tracing { command } => tracing_cli::run(command),
        Command::Serve { data, listen, tls_cert, tls_key, trusted_proxies, public_url, node_name, mail } => {
            let node = NodeArgs { public_url, node_name };
            serve(data, listen, tls_cert, tls_key, trusted_proxies, node, mail).await
        }
        Command::Node { command } => exchange_cli::node(command).await,
        Command::Partner { command } => exchange_cli::partner(command).await,
        Command::Exchange { command } => exchange_cli::exchange(command).await,
        Command::Demo { data } => {
            let store = data.open(true).await?;
            announce_admin(&store).await?;
            demo::seed(&store).await
        }
        Command::Migrate { data } => {
            data.open(true).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Token { command: TokenCommand::Create { user, scopes, days, data } } => {
            let store = data.open(false).await?;
            let scopes = haven_core::access::TokenScope::parse_list(&scopes)?;
            let (id, secret, pending) = store.create_token_with(&user, &scopes, Some(days)).await?;
            eprintln!("token {id} for {user}, expires in {days} days; store it now, it is not shown again");
            if pending {
                eprintln!(
                    "{user}'s role signs in with a second factor: the token works once {user} confirms it \
                     with a code under Account in the web UI"
                );
            }
            println!("{secret}");
            Ok(())
        }
        Command::Token { command: TokenCommand::Revoke { user, id, data } } => {
            let store = data.open(false).await?;
            let id = id.map(|i| i.parse()).transpose().map_err(|_| anyhow::anyhow!("--id is not a token id"))?;
            let n = store.revoke_tokens(&user, id).await?;
            println!("revoked {n} token(s)");
            Ok(())
        }
        Command::Org { command: OrgCommand::Create { name, kind, country, languages, data } } => {
            let store = data.open(false).await?;
            let country =
                country.map(|c| haven_core::person::Country::parse(&c).map(|c| c.as_str().to_owned())).transpose()?;
            let kind = haven_core::access::OrgKind::parse(&kind).map_err(|_| {
                let kinds: Vec<&str> = haven_core::access::OrgKind::ALL.iter().map(|k| k.as_str()).collect();
                anyhow::anyhow!("unknown organisation kind {kind:?}; choose one of: {}", kinds.join(", "))
            })?;
            let id = store.create_org(&name, kind.as_str(), country.as_deref()).await?;
            if !languages.is_empty() {
                store.set_org_languages(&OrgAdmin::key_holder(id), &languages).await?;
            }
            println!("{id}");
            Ok(())
        }
        Command::User { command: UserCommand::Create { org, role, username, data } } => {
            let store = data.open(false).await?;
            let org = store.org_by_name(&org).await.context("no organisation with that name")?;
            let role = Role::parse(&role)?;
            let password = haven_store::crypto::random_password();
            store.create_user(&OrgAdmin::key_holder(org), &username, role, &password, true).await?;
            eprintln!("one-time password for {username} (they choose their own at first sign-in):");
            println!("{password}");
            Ok(())
        }
        Command::User { command: UserCommand::SetPassword { username, data } } => {
            let store = data.open(false).await?;
            let user = store.user_by_username(&username).await?;
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            store.set_password(user.id, password.trim_end_matches(['\r', '\n'])).await?;
            println!("password set for {username}");
            Ok(())
        }
        Command::User { command: UserCommand::Approve { username, data } } => {
            let store = data.open(false).await?;
            store.approve_by_operator(&username).await?;
            println!("{username} is approved and can sign in");
            Ok(())
        }
        Command::User { command: UserCommand::Enable { username, data } } => {
            let store = data.open(false).await?;
            store.enable_by_operator(&username).await?;
            println!("{username} is enabled and waits for approval by an administrator of their organisation");
            Ok(())
        }
        Command::User { command: UserCommand::ResetMfa { username, data } } => {
            let store = data.open(false).await?;
            store.reset_second_factor_by_operator(&username).await?;
            println!("{username}'s second factor is cleared: they set up a new one at their next sign-in");
            Ok(())
        }
        Command::User { command: UserCommand::SetRole { username, role, data } } => {
            let role = haven_core::access::Role::parse(&role).map_err(|e| anyhow::anyhow!("{}", e.message))?;
            let store = data.open(false).await?;
            store.change_role_by_operator(&username, role).await?;
            println!(
                "{username} now has the role {} and waits for approval by an administrator of their organisation",
                role.as_str()
            );
            Ok(())
        }
        Command::User { command: UserCommand::Disable { username, data } } => {
            let store = data.open(false).await?;
            store.disable_by_operator(&username).await?;
            println!("{username} is disabled: their sessions and API tokens have ended");
            Ok(())
        }
        Command::Audit { command: AuditCommand::Verify { against, witnesses, data } } => {
            let store = data.open(false).await?;
            let mut pins = Vec::new();
            for f in &against {
                let text = read_limited(f)?;
                pins.push(store.read_checkpoint(&text).with_context(|| format!("reading {}", f.display()))?);
            }
            if witnesses {
                pins.extend(exchange_cli::witnessed_pins(&store).await?);
            }
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} events")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let result = store
                .verify_audit_against(&pins, &mut |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .await;
            bar.finish_and_clear();
            let report = match result {
                Ok(r) => r,
                Err(e) => bail!("audit log NOT intact: {e}"),
            };
            let bad = store.verify_integrity().await?;
            if let Some((table, id)) = bad.first() {
                bail!(
                    "audit log intact, but {} row(s) failed their integrity check, first {table} {id}: the database \
                     was edited without the master key",
                    bad.len()
                );
            }
            println!(
                "audit chain intact: {} events, {} signed checkpoints, {} exported checkpoint(s) matched; every \
                 authorisation row verified",
                report.events,
                report.checkpoints,
                pins.len()
            );
            Ok(())
        }
        Command::Audit { command: AuditCommand::Checkpoint { out, data } } => {
            let store = data.open(false).await?;
            if out.exists() {
                bail!("{} exists; refusing to overwrite", out.display());
            }
            let exported = store.export_checkpoint().await?;
            std::fs::write(&out, &exported.note).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "checkpoint of {} events written to {}; keep it away from this server",
                exported.checkpoint.size,
                out.display()
            );
            Ok(())
        }
        Command::Backup { data, out } => {
            let store = data.open(false).await?;
            let bar = indicatif::ProgressBar::new(0);
            let n = store
                .backup(&out, |done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish_and_clear();
            println!("backup written to {} ({n} units copied)", out.display());
            Ok(())
        }
        Command::Restore { from, data_dir, master_key_file } => {
            let store = haven_store::backup::restore(&from, &data_dir, &master_key_file).await?;
            let report = store.verify_audit(|_, _| {}).await?;
            println!("restored into {} ({} audit events verified)", data_dir.display(), report.events);
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::Validate { file } } => {
            let text = read_limited(&file)?;
            let i = haven_instrument::parse(&text)?;
            println!(
                "{} {} is valid: {} questions, {} indicators, sha256 {}",
                i.id,
                i.version,
                i.questions.len(),
                i.indicators.len(),
                i.hash
            );
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::PackTemplate { instrument, language } } => {
            let i = haven_instrument::find(&instrument).context("no built-in instrument with that id")?;
            haven_core::person::LanguageTag::parse(&language)?;
            print!("{}", haven_instrument::pack::template(&i, &language));
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::PackCheck { file, instrument } } => {
            let i = haven_instrument::find(&instrument).context("no built-in instrument with that id")?;
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let pack = haven_instrument::pack::parse(&bytes, &i)?;
            println!(
                "{}: a complete {} pack for {} {} ({})",
                file.display(),
                pack.language.as_str(),
                i.id,
                i.version,
                if pack.reviewed { "reviewed" } else { "not yet reviewed by a native speaker" }
            );
            Ok(())
        }
        Command::I18n { command: I18nCommand::Export { lang, out, data } } => {
            // Start from what this installation shows: earlier imports included.
            for r in haven_web::kit::i18n::load_overrides(&data.data_dir.join("i18n")) {
                eprintln!("warning: the installed {} catalogue is refused: {}", r.lang, r.problems.join("; "));
            }
            let rows = haven_web::kit::translations::review_rows(&lang).map_err(anyhow::Error::msg)?;
            let bytes = haven_formats::translations::write_xlsx(&lang, &rows)?;
            std::fs::write(&out, bytes).with_context(|| format!("writing {}", out.display()))?;
            let reviewed = rows.iter().filter(|r| r.reviewed).count();
            println!("{}: {} strings in {lang}, {reviewed} reviewed", out.display(), rows.len());
            Ok(())
        }
        Command::I18n { command: I18nCommand::Import { file, data } } => {
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let sheet = haven_formats::translations::parse_xlsx(&bytes)?;
            if !data.data_dir.exists() {
                bail!("no haven data directory at {}: pass --data-dir", data.data_dir.display());
            }
            // Opened first: an import that cannot be audited is not installed.
            let store = data.open(false).await?;
            let done = match haven_web::kit::translations::import(&data.data_dir, &sheet) {
                Ok(d) => d,
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    bail!("{}: {} problems; nothing was installed", file.display(), problems.len());
                }
            };
            // Which wording survivors and authorities read must be traceable.
            let installed = std::fs::read(&done.path)?;
            record_installed(&store, &format!("i18n:{}.ftl", done.lang), "imported", &installed).await?;
            println!(
                "installed {}: {} strings changed, {} reviewed; restart the server to apply",
                done.path.display(),
                done.changed,
                done.reviewed
            );
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::PackInstall { file, instrument, data } } => {
            let i = haven_instrument::find(&instrument).context("no built-in instrument with that id")?;
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let pack = haven_instrument::pack::parse(&bytes, &i)?;
            if !data.data_dir.exists() {
                bail!("no haven data directory at {}: pass --data-dir", data.data_dir.display());
            }
            let dir = data.data_dir.join("packs");
            std::fs::create_dir_all(&dir)?;
            let target = dir.join(format!("{}-{}-{}.toml", i.id, i.version, pack.language.as_str()));
            // Recorded in the audit log, with the pack's hash, before it is
            // used: which wording a survivor was asked must be traceable.
            let store = data.open(false).await?;
            let name = format!("pack:{}", target.file_name().and_then(|n| n.to_str()).unwrap_or_default());
            record_installed(&store, &name, "installed", &bytes).await?;
            std::fs::write(&target, &bytes)?;
            println!(
                "installed {}: interviews in {} ({}) run directly from now on",
                target.display(),
                pack.language_name,
                pack.language.as_str()
            );
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::Xlsform { instrument, out } } => {
            let i = haven_instrument::find(&instrument).context("no built-in instrument with that id")?;
            let bytes = haven_formats::xlsform::write_xlsform(&i, &haven_web::kit::labels::instrument_word)?;
            std::fs::write(&out, bytes).with_context(|| format!("writing {}", out.display()))?;
            println!("{}: {} {} as an XLSForm in {}", out.display(), i.id, i.version, i.languages().join(", "));
            Ok(())
        }
        Command::Instrument { command: InstrumentCommand::List } => {
            for i in haven_instrument::built_in() {
                println!("{}\t{}\t{}", i.id, i.version, i.hash);
            }
            Ok(())
        }
        Command::Screen { command: ScreenCommand::Evaluate { instrument, answers, may_be_child } } => {
            let i = match haven_instrument::find(&instrument) {
                Some(i) => i,
                None => haven_instrument::parse(&read_limited(std::path::Path::new(&instrument))?)?,
            };
            let answers = haven_formats::answers::answers_from_json(&i, &read_limited(&answers)?)
                .map_err(|e| anyhow::anyhow!("answers: {e}"))?;
            let d = haven_core::screening::evaluate(&i, &answers, may_be_child);
            println!("{}", haven_formats::answers::determination_json(&d));
            Ok(())
        }
        Command::Services { command } => {
            let (user, data) = match &command {
                ServicesCommand::Import { user, data, .. } | ServicesCommand::Export { user, data, .. } => (user, data),
            };
            let store = data.open(false).await?;
            let actor = store.user_by_username(user).await?.actor();
            let purpose = haven_core::access::Purpose::parse("directory_maintenance")?;
            match &command {
                ServicesCommand::Import { file, .. } => {
                    let meta = std::fs::metadata(file).with_context(|| format!("reading {}", file.display()))?;
                    if meta.len() > haven_formats::directory::MAX_CSV_BYTES as u64 {
                        bail!("{} is larger than {} bytes", file.display(), haven_formats::directory::MAX_CSV_BYTES);
                    }
                    // An XLSX file is recognised by its zip signature.
                    let services = haven_formats::directory::parse_spreadsheet(None, &std::fs::read(file)?)?;
                    let scope = haven_core::access::authorize(
                        &actor,
                        haven_core::access::Permission::WriteCase,
                        purpose,
                        "cli",
                    )
                    .map_err(|_| anyhow::anyhow!("{user} may not edit the service directory"))?;
                    store.add_services(&scope, &services).await?;
                    println!("{} services imported", services.len());
                }
                ServicesCommand::Export { format, .. } => {
                    let scope =
                        haven_core::access::authorize(&actor, haven_core::access::Permission::ReadCase, purpose, "cli")
                            .map_err(|_| anyhow::anyhow!("{user} may not read the service directory"))?;
                    let list = store.list_services(&scope, &Default::default()).await?;
                    let services: Vec<_> = list.into_iter().map(|v| v.service).collect();
                    use std::io::Write;
                    let bytes = match format.as_str() {
                        "xlsx" => haven_formats::directory::write_xlsx(&services)?,
                        _ => haven_formats::directory::write_csv(&services)?,
                    };
                    std::io::stdout().write_all(&bytes)?;
                }
            }
            Ok(())
        }
        Command::Ads { command } => ads_cli::run(command),
        Command::Htcds { command } => htcds_cli::run(command).await,
        Command::Openapi => {
            println!("{}", haven_web::openapi_json());
            Ok(())
        }
        Command::BenchSeed { data, count } => {
            let store = data.open(true).await?;
            announce_admin(&store).await?;
            demo::bench_seed(&store, count).await
        }
    }
}

/// Records in the audit log, with its hash, a file the operator put into
/// the data directory (a translation pack, a reviewed catalogue): which
/// wording survivors and authorities read must be traceable.
async fn record_installed(store: &haven_store::Store, record: &str, verb: &str, bytes: &[u8]) -> Result<()> {
    let digest = haven_store::crypto::sha256_hex(bytes);
    let ctx = haven_store::audit::Context { actor: "operator", purpose: "administration", request_id: "cli" };
    store
        .record_event(
            &ctx,
            haven_core::audit::Action::Update,
            haven_core::audit::RecordKind::System,
            record,
            &format!("{verb} sha256 {digest}"),
        )
        .await?;
    Ok(())
}

/// Reads an untrusted file with a size cap, so a huge file is refused unread.
fn read_limited(path: &std::path::Path) -> Result<String> {
    let meta = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
    if meta.len() > haven_instrument::MAX_BYTES as u64 {
        bail!("{} is larger than {} bytes", path.display(), haven_instrument::MAX_BYTES);
    }
    Ok(std::fs::read_to_string(path)?)
}

/// Prints the first administrator's one-time password, once, on a fresh
/// installation.
async fn announce_admin(store: &Store) -> Result<()> {
    if let Some(password) = store.bootstrap().await? {
        println!("First administrator created.");
        println!("  username: admin");
        println!("  one-time password: {password}");
        println!("  (shown only now; you will choose a new password at first sign-in)");
    }
    Ok(())
}

fn parse_net(s: &str) -> Result<haven_web::IpNet, String> {
    if let Ok(net) = s.parse::<haven_web::IpNet>() {
        return Ok(net);
    }
    s.parse::<std::net::IpAddr>()
        .map(haven_web::IpNet::from)
        .map_err(|_| format!("{s} is not an address or network (e.g. 10.0.0.1 or 10.0.0.0/24)"))
}

/// How partners know this installation.
struct NodeArgs {
    public_url: Option<String>,
    node_name: Option<String>,
}

/// Optional notification e-mail (issue 13).
#[derive(clap::Args, Debug, Clone, Default)]
struct MailArgs {
    /// SMTP server for notification e-mail: smtps://user:pass@host:465,
    /// smtp://user:pass@host:587?tls=required (STARTTLS), or smtp://localhost:25.
    /// Without it no e-mail is sent; notifications stay in the app.
    #[arg(long, env = "HAVEN_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender address of notification e-mail, e.g. "haven <haven@example.org>".
    #[arg(long, env = "HAVEN_SMTP_FROM")]
    smtp_from: Option<String>,
}

async fn serve(
    data: DataArgs,
    listen: SocketAddr,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    trusted_proxies: Vec<haven_web::IpNet>,
    node: NodeArgs,
    mail: MailArgs,
) -> Result<()> {
    let store = data.open(true).await?;
    announce_admin(&store).await?;
    let tls = tls_cert.is_some() && tls_key.is_some();
    let mut config = haven_web::WebConfig::new(tls, tls || listen.ip().is_loopback());
    config.trusted_proxies = trusted_proxies;
    config.mail_enabled = mail.smtp_url.is_some();
    if !config.secure_cookies {
        tracing::warn!("serving plain HTTP on a non-loopback address: use --tls-cert/--tls-key or a TLS proxy");
    }
    let app = haven_web::app(store.clone(), config);
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("binding {listen}"))?;
    let addr = listener.local_addr()?;
    let scheme = if tls { "https" } else { "http" };
    let public_url = node.public_url.unwrap_or_else(|| format!("{scheme}://{addr}"));
    store.set_node_address(node.node_name.as_deref(), &public_url).await?;
    // Packages to partners: pushed by a background task whose state is the
    // outbox table, so a restart loses nothing.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let every = std::env::var("HAVEN_EXCHANGE_INTERVAL_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(5_000);
    let witness_every = std::env::var("HAVEN_WITNESS_INTERVAL_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(600_000);
    let push_client = exchange_cli::partner_client()?;
    let exchange_task = tokio::spawn(haven_web::exchange_worker(
        store.clone(),
        push_client,
        std::time::Duration::from_millis(every),
        std::time::Duration::from_millis(witness_every),
    ));
    // Notification e-mail, when an SMTP server is given: a count and a
    // link, never what or whom (the notifications table is its queue).
    let mail_task = match mail.smtp_url.as_deref() {
        Some(url) => {
            let from = mail.smtp_from.as_deref().context("--smtp-url needs --smtp-from, the sender address")?;
            let config = haven_web::MailConfig::new(url, from, &public_url).map_err(anyhow::Error::msg)?;
            let every = std::env::var("HAVEN_MAIL_INTERVAL_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(60_000);
            Some(tokio::spawn(haven_web::mail_worker(store.clone(), config, std::time::Duration::from_millis(every))))
        }
        None => None,
    };
    let shutdown = shutdown_signal();
    println!("haven {} listening on {scheme}://{addr} ({})", env!("CARGO_PKG_VERSION"), store.backend().name());
    // The log's head is remembered beside the key file every few minutes and
    // at shutdown, so a database rolled back behind it is refused at start.
    let anchoring = store.clone();
    let anchor_task = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            if let Err(e) = anchoring.anchor_head().await {
                tracing::error!(error = %e, "audit anchor: the log is behind or disagrees with its anchor");
            }
        }
    });
    match (tls_cert, tls_key) {
        (Some(cert), Some(key)) => tls::serve(listener, app, &cert, &key).await?,
        _ => haven_web::serve(listener, app, shutdown).await?,
    }
    anchor_task.abort();
    exchange_task.abort();
    if let Some(task) = mail_task {
        task.abort();
    }
    if let Err(e) = store.anchor_head().await {
        tracing::error!(error = %e, "audit anchor at shutdown failed");
    }
    store.close().await;
    println!("haven stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled: a supervisor (or a test)
/// that sends SIGTERM as soon as "listening" is printed must get a graceful
/// stop, not the default action of the signal.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {},
            () = term => {},
        }
    }
}

mod tls {
    use std::net::SocketAddr;
    use std::path::Path;
    use std::time::Duration;

    use anyhow::{Context, Result};

    /// HTTPS with rustls (ring provider; no C toolchain beyond ring's own).
    /// HSTS is sent by the web layer when TLS is on.
    pub async fn serve(listener: tokio::net::TcpListener, app: axum::Router, cert: &Path, key: &Path) -> Result<()> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
            .await
            .context("loading the TLS certificate and key")?;
        let handle = axum_server::Handle::new();
        let h = handle.clone();
        tokio::spawn(async move {
            super::shutdown_signal().await;
            h.graceful_shutdown(Some(Duration::from_secs(10)));
        });
        let std_listener = listener.into_std()?;
        axum_server::from_tcp_rustls(std_listener, config)
            .handle(handle)
            .serve(app.into_make_service_with_connect_info::<SocketAddr>())
            .await?;
        Ok(())
    }
}
