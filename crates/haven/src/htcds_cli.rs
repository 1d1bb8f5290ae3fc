//! `haven htcds export` and `haven htcds import`: an organisation's case
//! records in and out in HTCDS 2.0 (issue 16), for the administrator who
//! moves an organisation between systems or installations.
//!
//! Each command runs as a named supervisor of the organisation (`--as`),
//! through the same policy, reach and audit as the web: the audit log
//! names a person who answers for the export, not "the operator". To
//! import into a fresh installation, create the organisation and a
//! supervisor first (`haven org create`, `haven user create`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use haven_core::access::{authorize, Permission, Purpose, Scope};
use haven_formats::htcds::{self, Limits};
use haven_formats::legacy;
use haven_store::htcds::ImportScopes;
use haven_store::Store;

use crate::DataArgs;

#[derive(Subcommand)]
pub enum HtcdsCommand {
    /// Write the organisation's case records (persons, cases, screenings
    /// with their decisions, referrals) as an HTCDS 2.0 file. The file names
    /// people: keep it as safely as the database, and delete it when done.
    Export {
        /// The organisation whose records are exported.
        #[arg(long)]
        org: String,
        /// The supervisor of that organisation the export is recorded under.
        #[arg(long = "as")]
        user: String,
        /// json (one document) or zip (one CSV file per table).
        #[arg(long, value_parser = ["json", "zip"], default_value = "json")]
        format: String,
        /// The file to write; refused if it exists. Written readable by its owner only.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Check an HTCDS 2.0 file and import it into the organisation, all of
    /// it or, if anything is wrong, none of it; every problem is printed
    /// with its table and line.
    Import {
        #[arg(long)]
        file: PathBuf,
        /// The organisation the records come into.
        #[arg(long)]
        org: String,
        /// The supervisor of that organisation the import is recorded under.
        #[arg(long = "as")]
        user: String,
        /// Check everything and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Import people and their cases from the organisation's own
    /// spreadsheet (CSV in UTF-8, or the first sheet of an XLSX workbook,
    /// headings in the first row): all of it or, if anything is wrong,
    /// none of it; every problem is printed with its row and heading.
    /// Cases come in unassigned.
    ImportSpreadsheet {
        #[arg(long)]
        file: PathBuf,
        /// The organisation the records come into.
        #[arg(long)]
        org: String,
        /// The supervisor of that organisation the import is recorded under.
        #[arg(long = "as")]
        user: String,
        /// Which column fills which field, as FIELD=HEADING (repeat it):
        /// full_name, other_names, sex, date_of_birth, age, nationality,
        /// languages, contact, location, notes, case_opened_on, case_status,
        /// case_closed_on. With none, haven guesses from the headings and
        /// prints what it chose.
        #[arg(long = "map", value_name = "FIELD=HEADING")]
        map: Vec<String>,
        /// How the sheet writes 03/04/1998.
        #[arg(long, value_parser = ["day_first", "month_first"], default_value = "day_first")]
        date_order: String,
        /// Check everything and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// A scope for `user` acting for `org`, or why not.
async fn scope(store: &Store, org: &str, user: &str, permission: Permission, purpose: &str) -> Result<Scope> {
    let org_id = store.org_by_name(org).await.with_context(|| format!("no organisation named {org:?}"))?;
    let u = store.user_by_username(user).await.with_context(|| format!("no user named {user:?}"))?;
    if u.org_id != org_id {
        bail!("{user} is not a user of {org}");
    }
    authorize(&u.actor(), permission, Purpose::parse(purpose)?, "cli")
        .map_err(|_| anyhow::anyhow!("{user} may not do this: HTCDS export and import are for supervisors"))
}

/// The mapping given on the command line, or the guessed one.
fn sheet_mapping(sheet: &legacy::Sheet, map: &[String]) -> Result<legacy::Mapping> {
    if map.is_empty() {
        return Ok(legacy::guess(&sheet.headers));
    }
    let mut out = legacy::Mapping::new();
    for m in map {
        let Some((field, heading)) = m.split_once('=') else { bail!("--map {m:?}: write FIELD=HEADING") };
        let Some(field) = legacy::Field::parse(field) else { bail!("--map {m:?}: no field named {field:?}") };
        let Some(i) = sheet.headers.iter().position(|h| h == heading.trim()) else {
            bail!("--map {m:?}: no column of the sheet is headed {heading:?}")
        };
        out.insert(field, i);
    }
    Ok(out)
}

pub async fn run(command: HtcdsCommand) -> Result<()> {
    match command {
        HtcdsCommand::ImportSpreadsheet { file, org, user, map, date_order, dry_run, data } => {
            let len = std::fs::metadata(&file).with_context(|| format!("reading {}", file.display()))?.len();
            if len > legacy::MAX_BYTES as u64 {
                bail!("{} is {len} bytes, more than the {} allowed", file.display(), legacy::MAX_BYTES);
            }
            let sheet = legacy::read_sheet(&std::fs::read(&file)?)
                .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.message))?;
            let mapping = sheet_mapping(&sheet, &map)?;
            for (field, i) in &mapping {
                // Not `{:?}`: it escapes the combining marks of Thai, Lao,
                // Khmer and Burmese headings.
                println!("  {} <- \"{}\"", field.as_str(), sheet.headers.get(*i).map_or("", String::as_str));
            }
            let left = legacy::left_out(&sheet, &mapping);
            if !left.is_empty() {
                println!("  not imported: {}", left.join(", "));
            }
            let order = legacy::DateOrder::parse(&date_order).unwrap_or_default();
            let store = data.open(false).await?;
            let import = scope(&store, &org, &user, Permission::ImportRecords, "htcds_import").await?;
            let persons = scope(&store, &org, &user, Permission::WritePerson, "htcds_import").await?;
            let cases = scope(&store, &org, &user, Permission::WriteCase, "htcds_import").await?;
            let scopes = ImportScopes { import: &import, persons: &persons, cases: &cases };
            let r = store.import_sheet(&scopes, &sheet, &mapping, order, dry_run).await?;
            if !r.problems.is_empty() {
                for p in &r.problems {
                    match (p.line, &p.field) {
                        (Some(l), Some(f)) => eprintln!("row {l}, {f}: {}", p.message),
                        (Some(l), None) => eprintln!("row {l}: {}", p.message),
                        _ => eprintln!("{}", p.message),
                    }
                }
                bail!("{}: {} problem(s); nothing was imported", file.display(), r.problems.len());
            }
            let verb = if dry_run { "can be imported (dry run, nothing written)" } else { "imported" };
            println!("{}: {verb} into {org}: {} people, {} cases (unassigned)", file.display(), r.persons, r.cases);
        }
        HtcdsCommand::Export { org, user, format, out, data } => {
            if out.exists() {
                bail!("{} exists; refusing to overwrite", out.display());
            }
            let store = data.open(false).await?;
            let scope = scope(&store, &org, &user, Permission::ExportRecords, "htcds_export").await?;
            let bundle = store.export_htcds(&scope, &haven_instrument::find_version).await?;
            let bytes = if format == "zip" { htcds::write_zip(&bundle)? } else { htcds::write_json(&bundle)? };
            write_private(&out, &bytes)?;
            println!(
                "{}: {} people, {} cases, {} screenings, {} referrals of {org}; it names people, keep it safe",
                out.display(),
                bundle.persons.len(),
                bundle.cases.len(),
                bundle.screenings.len(),
                bundle.referrals.len()
            );
        }
        HtcdsCommand::Import { file, org, user, dry_run, data } => {
            let max = Limits::default().max_bytes;
            let len = std::fs::metadata(&file).with_context(|| format!("reading {}", file.display()))?.len();
            if len > max as u64 {
                bail!("{} is {len} bytes, more than the {max} allowed", file.display());
            }
            let bytes = std::fs::read(&file)?;
            let store = data.open(false).await?;
            let import = scope(&store, &org, &user, Permission::ImportRecords, "htcds_import").await?;
            let persons = scope(&store, &org, &user, Permission::WritePerson, "htcds_import").await?;
            let cases = scope(&store, &org, &user, Permission::WriteCase, "htcds_import").await?;
            let scopes = ImportScopes { import: &import, persons: &persons, cases: &cases };
            let r = store.import_htcds_file(&scopes, &bytes, dry_run).await?;
            if !r.problems.is_empty() {
                for p in &r.problems {
                    eprintln!("{p}");
                }
                bail!("{}: {} problem(s); nothing was imported", file.display(), r.problems.len());
            }
            let verb = if dry_run { "can be imported (dry run, nothing written)" } else { "imported" };
            println!("{}: {verb} into {org}", file.display());
            println!("  people: {}", r.persons);
            println!(
                "  cases: {} ({} keep their caseworker, the others wait to be assigned)",
                r.cases, r.cases_assigned
            );
            println!(
                "  referrals: {} ({} were still open and come in as proposals: record consent and send them again)",
                r.referrals, r.referrals_reproposed
            );
            println!(
                "  screenings not imported: {} (haven keeps a finding only with the interview behind it)",
                r.screenings_not_imported
            );
        }
    }
    Ok(())
}

/// Writes a new file readable by its owner only: it names people.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).with_context(|| format!("writing {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}
