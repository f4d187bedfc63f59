//! Liveness roots and leaves (docs/liveness.md §5–§7).
//!
//! The oracles commit one Merkle root per epoch over every node's *cumulative*
//! liveness leaf; the chain keeps one `EpochRoot` per epoch and reads a node's
//! figures only when someone brings its leaf and proof (`node_sync`).

use anchor_lang::prelude::*;
use solana_sha256_hasher::hashv;

use crate::constants::{
    LIVENESS_LEAF_BYTES, LIVENESS_LEAF_VERSION, MAX_ROOT_PROPOSALS, MAX_ROOT_VOTERS,
};
use crate::error::RegistryError;
use crate::math::SafeMath;
use crate::state::RegistryConfig;

/// One distinct `(root, leaf_count)` proposed for an epoch and the oracles that voted
/// for it (bit `i` = `EpochRoot.voters[i]`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct RootProposal {
    pub root: [u8; 32],
    pub leaf_count: u32,
    pub signers: u16,
}

/// Seeds: `[EPOCH_ROOT_SEED, epoch (u64 LE)]`. Created by the first oracle vote.
///
/// Votes are counted against the config's *current* oracle list whenever they are
/// read: an oracle removed (for equivocation, or by the admin) no longer counts in
/// any root that is not yet final, so a root whose quorum depended on it is no
/// longer in effect. A root becomes final at its first sync after its challenge
/// window, and stays in effect from then on whatever the oracle list becomes.
#[account]
#[derive(InitSpace)]
pub struct EpochRoot {
    /// The IO token's epoch the leaves run through.
    pub epoch: u64,
    /// When `accepted` reached the quorum (its challenge window started). unit:
    /// unix seconds; 0 while no proposal has
    pub quorum_at: i64,
    /// The proposal that reached the quorum (meaningful when `quorum_at != 0`).
    pub accepted: u8,
    /// Set by the first sync after the challenge window: the root no longer depends
    /// on the oracle list.
    pub is_final: bool,
    pub bump: u8,
    /// Every oracle that voted in this epoch, in vote order (each votes once).
    #[max_len(MAX_ROOT_VOTERS)]
    pub voters: Vec<Pubkey>,
    /// The distinct `(root, leaf_count)` proposals, in order of first vote.
    #[max_len(MAX_ROOT_PROPOSALS)]
    pub proposals: Vec<RootProposal>,
}

impl EpochRoot {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;

    /// How many voters of `proposal` are oracles of the config now.
    pub fn live_votes(&self, config: &RegistryConfig, proposal: usize) -> usize {
        let Some(p) = self.proposals.get(proposal) else {
            return 0;
        };
        self.voters
            .iter()
            .enumerate()
            .filter(|(i, v)| p.signers & (1u16 << i) != 0 && config.oracle_index(v).is_some())
            .count()
    }

    /// Whether `proposal` has a quorum of the config's current oracles.
    pub fn has_quorum(&self, config: &RegistryConfig, proposal: usize) -> bool {
        self.live_votes(config, proposal) >= usize::from(config.params.oracle_quorum)
    }

    /// The accepted `(leaf_count, root)` in effect at `now`, if any: final, or a
    /// quorum of today's oracles whose challenge window has passed.
    pub fn in_effect(&self, config: &RegistryConfig, now: i64) -> Result<Option<(u32, [u8; 32])>> {
        if self.quorum_at == 0 {
            return Ok(None);
        }
        let accepted = usize::from(self.accepted);
        let window_end = self
            .quorum_at
            .safe_add(i64::from(config.params.root_challenge_secs))?;
        if !(self.is_final || (now >= window_end && self.has_quorum(config, accepted))) {
            return Ok(None);
        }
        Ok(self.proposals.get(accepted).map(|p| (p.leaf_count, p.root)))
    }
}

/// The leaf fields the program reads (docs/liveness.md §5, 128 bytes LE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LivenessLeaf {
    pub node: Pubkey,
    pub agent: Pubkey,
    pub epoch: u64,
    pub uptime_secs: u64,
    pub observed_secs: u64,
    pub availability_points: u64,
    pub heartbeats: u64,
    pub last_seen: i64,
    pub epoch_uptime_secs: u32,
    pub epochs_present: u32,
    pub tier: u8,
    pub gpu_count: u8,
    pub version: u8,
}

fn array<const N: usize>(data: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&data[at..at + N]);
    out
}

impl LivenessLeaf {
    pub fn parse(data: &[u8; LIVENESS_LEAF_BYTES as usize]) -> Result<LivenessLeaf> {
        let leaf = LivenessLeaf {
            node: Pubkey::new_from_array(array(data, 0)),
            agent: Pubkey::new_from_array(array(data, 32)),
            epoch: u64::from_le_bytes(array(data, 64)),
            uptime_secs: u64::from_le_bytes(array(data, 72)),
            observed_secs: u64::from_le_bytes(array(data, 80)),
            availability_points: u64::from_le_bytes(array(data, 88)),
            heartbeats: u64::from_le_bytes(array(data, 96)),
            last_seen: i64::from_le_bytes(array(data, 104)),
            epoch_uptime_secs: u32::from_le_bytes(array(data, 112)),
            epochs_present: u32::from_le_bytes(array(data, 116)),
            tier: data[120],
            gpu_count: data[121],
            version: data[122],
        };
        require!(
            leaf.version == LIVENESS_LEAF_VERSION && data[123..].iter().all(|b| *b == 0),
            RegistryError::LeafMismatch
        );
        Ok(leaf)
    }
}

/// The root a leaf at `index` of a `leaf_count`-leaf tree hashes up to with
/// `siblings` (positional, `0x00`/`0x01` domain tags, the last node of an odd level
/// promoted unhashed: `ionet_sdk.merkle.compute_root`). `None` when the index or
/// the number of siblings does not fit the tree.
pub fn compute_root(
    leaf: &[u8],
    index: u32,
    leaf_count: u32,
    siblings: &[[u8; 32]],
) -> Option<[u8; 32]> {
    if index >= leaf_count {
        return None;
    }
    let mut node = hashv(&[&[0u8], leaf]).to_bytes();
    let (mut i, mut width, mut k) = (index, leaf_count, 0usize);
    while width > 1 {
        if !(i == width - 1 && width % 2 == 1) {
            let sibling = siblings.get(k)?;
            k += 1;
            node = if i & 1 == 1 {
                hashv(&[&[1u8], sibling, &node]).to_bytes()
            } else {
                hashv(&[&[1u8], &node, sibling]).to_bytes()
            };
        }
        i /= 2;
        width = width / 2 + width % 2;
    }
    (k == siblings.len()).then_some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(parts: &[&[u8]]) -> [u8; 32] {
        hashv(parts).to_bytes()
    }

    /// An independent reference: RFC 6962's recursive shape (split at the largest
    /// power of two below n), with the same tags.
    fn rfc6962(leaves: &[Vec<u8>]) -> [u8; 32] {
        if leaves.len() == 1 {
            return h(&[&[0], &leaves[0]]);
        }
        let mut k = 1;
        while k * 2 < leaves.len() {
            k *= 2;
        }
        h(&[&[1], &rfc6962(&leaves[..k]), &rfc6962(&leaves[k..])])
    }

    fn levels(leaves: &[Vec<u8>]) -> Vec<Vec<[u8; 32]>> {
        let mut level: Vec<[u8; 32]> = leaves.iter().map(|l| h(&[&[0], l])).collect();
        let mut out = vec![level.clone()];
        while level.len() > 1 {
            let mut parent: Vec<[u8; 32]> = level
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| h(&[&[1], &c[0], &c[1]]))
                .collect();
            if level.len() % 2 == 1 {
                parent.push(level[level.len() - 1]);
            }
            out.push(parent.clone());
            level = parent;
        }
        out
    }

    #[test]
    fn every_proof_of_trees_up_to_40_leaves_hashes_to_the_rfc6962_root() {
        for n in 1..=40usize {
            let leaves: Vec<Vec<u8>> = (0..n).map(|i| vec![i as u8; 128]).collect();
            let root = rfc6962(&leaves);
            let lv = levels(&leaves);
            for (index, leaf) in leaves.iter().enumerate() {
                let mut siblings = Vec::new();
                let mut i = index;
                for level in &lv[..lv.len() - 1] {
                    if (i ^ 1) < level.len() {
                        siblings.push(level[i ^ 1]);
                    }
                    i /= 2;
                }
                let got = compute_root(leaf, index as u32, n as u32, &siblings);
                assert_eq!(got, Some(root), "n={n} index={index}");
                // The same proof at another position, with an extra or missing sibling fails.
                if n > 1 {
                    let other = ((index + 1) % n) as u32;
                    assert_ne!(compute_root(leaf, other, n as u32, &siblings), Some(root));
                    let mut longer = siblings.clone();
                    longer.push([0; 32]);
                    assert_eq!(compute_root(leaf, index as u32, n as u32, &longer), None);
                }
            }
            assert_eq!(compute_root(&leaves[0], n as u32, n as u32, &[]), None);
        }
    }
}
