//! The audit log as a transparency log: an RFC 6962 Merkle tree over the
//! audit events' chain hashes, and checkpoints in the C2SP signed-note
//! format (`tlog-checkpoint`), so that a checkpoint kept outside the server
//! (removable media, a partner installation, a printout) pins the log: a log
//! that is later behind it, or that disagrees with it, is caught (R27).
//!
//! The hash chain in [`crate::audit`] already makes every edit, deletion and
//! reordering visible; what it cannot show on its own is a whole log rolled
//! back to an older state that was itself valid. A checkpoint held by
//! someone else can. The Merkle tree is what lets a partner (a witness)
//! check that a newer checkpoint extends an older one with a short
//! consistency proof instead of the whole log.
//!
//! Pure: signing and verification take the key bytes and signatures as
//! arguments; the store holds the key.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// RFC 6962 leaf hash.
pub fn leaf_hash(data: &[u8]) -> Hash {
    Sha256::new().chain_update([0u8]).chain_update(data).finalize().into()
}

/// RFC 6962 interior node hash.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    Sha256::new().chain_update([1u8]).chain_update(left).chain_update(right).finalize().into()
}

/// The root of the empty tree (RFC 6962: the hash of the empty string).
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The Merkle tree hash of a list of leaf hashes (RFC 6962 §2.1).
pub fn root_of(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root_of(&leaves[..k]), &root_of(&leaves[k..]))
        }
    }
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// The right edge of a growing tree: the roots of its perfect subtrees,
/// largest first. Enough to append a leaf and to compute the root without
/// the leaves, which is how the store keeps the tree beside the chain head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// (subtree size, root), sizes strictly decreasing powers of two.
    nodes: Vec<(u64, Hash)>,
}

impl Frontier {
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn push(&mut self, leaf: Hash) {
        self.nodes.push((1, leaf));
        self.size += 1;
        while self.nodes.len() >= 2 {
            let n = self.nodes.len();
            if self.nodes[n - 1].0 != self.nodes[n - 2].0 {
                break;
            }
            let (size, right) = self.nodes.pop().unwrap_or((0, [0; 32]));
            let (_, left) = self.nodes.pop().unwrap_or((0, [0; 32]));
            self.nodes.push((size * 2, node_hash(&left, &right)));
        }
    }

    pub fn root(&self) -> Hash {
        let mut it = self.nodes.iter().rev();
        let Some((_, last)) = it.next() else { return empty_root() };
        it.fold(*last, |acc, (_, h)| node_hash(h, &acc))
    }

    /// `size` then the subtree roots, hex, space-separated.
    pub fn encode(&self) -> String {
        let mut s = self.size.to_string();
        for (_, h) in &self.nodes {
            s.push(' ');
            s.push_str(&hex::encode(h));
        }
        s
    }

    pub fn decode(s: &str) -> Option<Self> {
        let mut parts = s.split(' ');
        let size: u64 = parts.next()?.parse().ok()?;
        let hashes: Vec<Hash> = parts
            .map(|p| {
                let mut h = [0u8; 32];
                hex::decode_to_slice(p, &mut h).ok().map(|()| h)
            })
            .collect::<Option<_>>()?;
        // The subtree sizes are the set bits of `size`, largest first.
        let sizes: Vec<u64> = (0..64).rev().map(|b| 1u64 << b).filter(|b| size & b != 0).collect();
        if sizes.len() != hashes.len() {
            return None;
        }
        Some(Self { size, nodes: sizes.into_iter().zip(hashes).collect() })
    }
}

/// A consistency proof that the tree of size `m` is a prefix of the tree of
/// size `n` (RFC 6962 §2.1.2), from the leaves of the larger tree.
pub fn consistency_proof(m: usize, leaves: &[Hash]) -> Vec<Hash> {
    fn subproof(m: usize, leaves: &[Hash], complete: bool, out: &mut Vec<Hash>) {
        let n = leaves.len();
        if m == n {
            if !complete {
                out.push(root_of(leaves));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            subproof(m, &leaves[..k], complete, out);
            out.push(root_of(&leaves[k..]));
        } else {
            subproof(m - k, &leaves[k..], false, out);
            out.push(root_of(&leaves[..k]));
        }
    }
    let mut out = Vec::new();
    if m > 0 && m < leaves.len() {
        subproof(m, leaves, true, &mut out);
    }
    out
}

/// Verifies a consistency proof between two roots (RFC 9162 §2.1.4.2).
pub fn verify_consistency(m: u64, n: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> bool {
    if m == 0 || m > n {
        return m == 0 && proof.is_empty();
    }
    if m == n {
        return proof.is_empty() && old_root == new_root;
    }
    let mut path: Vec<Hash> = proof.to_vec();
    if m.is_power_of_two() {
        path.insert(0, *old_root);
    }
    let mut fn_ = m - 1;
    let mut sn = n - 1;
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let Some((first, rest)) = path.split_first() else { return false };
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while fn_ & 1 == 0 && fn_ != 0 {
                fn_ >>= 1;
                sn >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && &fr == old_root && &sr == new_root
}

/// A checkpoint: the log's origin line, size and root hash, plus haven's
/// extension line with the hash chain's head at that size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// The audit chain hash of event number `size` (extension line), so a
    /// checkpoint can be compared with one row without walking the log.
    pub chain: Hash,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("not a signed checkpoint: {0}")]
    Malformed(&'static str),
    #[error("the checkpoint's signature does not verify with this installation's key")]
    BadSignature,
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

impl Checkpoint {
    /// The note body (what is signed): origin, size, base64 root, extension.
    pub fn body(&self) -> String {
        use base64::Engine;
        format!("{}\n{}\n{}\nhaven-chain {}\n", self.origin, self.size, B64.encode(self.root), hex::encode(self.chain))
    }

    pub fn parse_body(body: &str) -> Result<Self, NoteError> {
        use base64::Engine;
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or(NoteError::Malformed("no origin"))?;
        let size = lines.next().and_then(|s| s.parse().ok()).ok_or(NoteError::Malformed("no tree size"))?;
        let root_bytes = lines.next().and_then(|r| B64.decode(r).ok()).ok_or(NoteError::Malformed("no root hash"))?;
        let root: Hash = root_bytes.try_into().map_err(|_| NoteError::Malformed("root hash is not 32 bytes"))?;
        let chain_line =
            lines.next().and_then(|l| l.strip_prefix("haven-chain ")).ok_or(NoteError::Malformed("no chain hash"))?;
        let mut chain = [0u8; 32];
        hex::decode_to_slice(chain_line, &mut chain).map_err(|_| NoteError::Malformed("bad chain hash"))?;
        Ok(Self { origin: origin.to_owned(), size, root, chain })
    }
}

/// The signed-note key hash of an Ed25519 key (C2SP signed-note): the
/// first four bytes of SHA-256(name || "\n" || 0x01 || public key).
pub fn key_hash(name: &str, public_key: &[u8; 32]) -> [u8; 4] {
    let d = Sha256::new()
        .chain_update(name.as_bytes())
        .chain_update(b"\n")
        .chain_update([1u8])
        .chain_update(public_key)
        .finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The key hash of a witness's cosigning key (C2SP tlog-cosignature): as
/// [`key_hash`] with signature type 0x04.
pub fn cosigner_key_hash(name: &str, public_key: &[u8; 32]) -> [u8; 4] {
    let d = Sha256::new()
        .chain_update(name.as_bytes())
        .chain_update(b"\n")
        .chain_update([4u8])
        .chain_update(public_key)
        .finalize();
    [d[0], d[1], d[2], d[3]]
}

/// What a witness signs (C2SP tlog-cosignature/v1): a header line, the
/// time in seconds, then the checkpoint body.
pub fn cosigned_message(body: &str, time: u64) -> Vec<u8> {
    format!("cosignature/v1\ntime {time}\n{body}").into_bytes()
}

/// A cosignature line: `— name base64(keyhash || time (8 bytes BE) || signature)`.
pub fn cosignature_line(name: &str, key_hash: [u8; 4], time: u64, signature: &[u8; 64]) -> String {
    use base64::Engine;
    let mut blob = key_hash.to_vec();
    blob.extend_from_slice(&time.to_be_bytes());
    blob.extend_from_slice(signature);
    format!("\u{2014} {name} {}\n", B64.encode(blob))
}

/// One cosignature read back: the witness's name, key hash, time and signature.
pub type Cosignature = (String, [u8; 4], u64, [u8; 64]);

/// Finds the cosignature lines of a note (76-byte blobs) and returns the
/// note without them, so the log's own signature can be checked as before.
pub fn split_cosignatures(text: &str) -> Result<(String, Vec<Cosignature>), NoteError> {
    use base64::Engine;
    if text.len() > 16 * 1024 {
        return Err(NoteError::Malformed("too long"));
    }
    let (body, sigs) = text.split_once("\n\n").ok_or(NoteError::Malformed("no signature block"))?;
    let mut kept = format!("{body}\n\n");
    let mut cosigs = Vec::new();
    for line in sigs.lines().filter(|l| !l.is_empty()) {
        let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Malformed("bad signature line"))?;
        let (name, b64) = rest.rsplit_once(' ').ok_or(NoteError::Malformed("bad signature line"))?;
        let blob = B64.decode(b64).map_err(|_| NoteError::Malformed("bad signature encoding"))?;
        if blob.len() == 76 {
            let mut kh = [0u8; 4];
            kh.copy_from_slice(&blob[..4]);
            let mut t = [0u8; 8];
            t.copy_from_slice(&blob[4..12]);
            let mut sig = [0u8; 64];
            sig.copy_from_slice(&blob[12..]);
            cosigs.push((name.to_owned(), kh, u64::from_be_bytes(t), sig));
        } else {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    Ok((kept, cosigs))
}

/// A signed note: the body, a blank line, then one signature line per
/// signer (`— name base64(keyhash || signature)`).
pub fn signed_note(body: &str, signatures: &[NoteSignature]) -> String {
    use base64::Engine;
    let mut out = format!("{body}\n");
    for (name, kh, sig) in signatures {
        let mut blob = kh.to_vec();
        blob.extend_from_slice(sig);
        out.push_str(&format!("\u{2014} {name} {}\n", B64.encode(blob)));
    }
    out
}

/// One signature line of a note: the signer's name, key hash and signature.
pub type NoteSignature = (String, [u8; 4], [u8; 64]);

/// Splits a signed note into its body and its signature lines. Size-capped:
/// notes are small.
pub fn open_note(text: &str) -> Result<(String, Vec<NoteSignature>), NoteError> {
    use base64::Engine;
    if text.len() > 16 * 1024 {
        return Err(NoteError::Malformed("too long"));
    }
    let (body, sigs) = text.split_once("\n\n").ok_or(NoteError::Malformed("no signature block"))?;
    let body = format!("{body}\n");
    let mut out = Vec::new();
    for line in sigs.lines().filter(|l| !l.is_empty()) {
        let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Malformed("bad signature line"))?;
        let (name, b64) = rest.rsplit_once(' ').ok_or(NoteError::Malformed("bad signature line"))?;
        let blob = B64.decode(b64).map_err(|_| NoteError::Malformed("bad signature encoding"))?;
        if blob.len() != 68 {
            return Err(NoteError::Malformed("signature is not Ed25519"));
        }
        let mut kh = [0u8; 4];
        kh.copy_from_slice(&blob[..4]);
        let mut sig = [0u8; 64];
        sig.copy_from_slice(&blob[4..]);
        out.push((name.to_owned(), kh, sig));
    }
    if out.is_empty() {
        return Err(NoteError::Malformed("no signature"));
    }
    Ok((body, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&(i as u64).to_be_bytes())).collect()
    }

    #[test]
    fn r27_cosignature_lines_round_trip_and_leave_the_log_signature_in_place() {
        let body = "haven/abc\n5\nAAAA\nhaven-chain 00\n";
        let note = signed_note(body, &[("haven/abc".into(), [1, 2, 3, 4], [7; 64])]);
        let line = cosignature_line("witness/xyz", [9, 9, 9, 9], 1_700_000_000, &[5; 64]);
        let (kept, cosigs) = split_cosignatures(&format!("{note}{line}")).unwrap_or_default();
        assert_eq!(kept, note);
        assert_eq!(cosigs, vec![("witness/xyz".to_owned(), [9, 9, 9, 9], 1_700_000_000, [5; 64])]);
        assert!(open_note(&kept).is_ok());
        assert!(cosigned_message(body, 7).starts_with(b"cosignature/v1\ntime 7\nhaven/abc\n"));
        assert_ne!(cosigner_key_hash("w", &[1; 32]), key_hash("w", &[1; 32]));
    }

    #[test]
    fn frontier_root_equals_the_recursive_root_for_every_size() {
        let all = leaves(70);
        let mut f = Frontier::default();
        assert_eq!(f.root(), empty_root());
        for (i, l) in all.iter().enumerate() {
            f.push(*l);
            assert_eq!(f.root(), root_of(&all[..=i]), "size {}", i + 1);
            assert_eq!(Frontier::decode(&f.encode()), Some(f.clone()));
        }
    }

    #[test]
    fn rfc6962_known_answer_for_the_empty_tree() {
        assert_eq!(hex::encode(empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn r27_a_log_that_differs_anywhere_has_another_root() {
        let a = leaves(20);
        let mut b = a.clone();
        b[7] = leaf_hash(b"changed");
        assert_ne!(root_of(&a), root_of(&b));
        assert_ne!(root_of(&a), root_of(&a[..19]));
    }

    #[test]
    fn checkpoints_sign_and_parse_back() {
        let cp = Checkpoint { origin: "haven.example/abc".into(), size: 5, root: [9; 32], chain: [4; 32] };
        let note = signed_note(&cp.body(), &[("haven.example/abc".into(), [1, 2, 3, 4], [7; 64])]);
        let (body, sigs) = open_note(&note).unwrap();
        assert_eq!(Checkpoint::parse_body(&body).unwrap(), cp);
        assert_eq!(sigs[0].1, [1, 2, 3, 4]);
        assert!(open_note("no blank line").is_err());
    }

    proptest! {
        #[test]
        fn consistency_proofs_verify_and_catch_a_changed_prefix(n in 1usize..80, m_frac in 0.0f64..1.0) {
            let all = leaves(n);
            let m = ((n as f64) * m_frac) as usize;
            let m = m.max(1);
            let proof = consistency_proof(m, &all);
            prop_assert!(verify_consistency(m as u64, n as u64, &root_of(&all[..m]), &root_of(&all), &proof));
            if m < n {
                let mut forged = all.clone();
                forged[0] = leaf_hash(b"forged");
                prop_assert!(!verify_consistency(m as u64, n as u64, &root_of(&forged[..m]), &root_of(&all), &proof));
            }
        }

        #[test]
        fn arbitrary_notes_never_panic(s in "\\PC{0,200}") {
            if let Ok((body, _)) = open_note(&s) {
                let _ = Checkpoint::parse_body(&body);
            }
        }
    }
}
