//! The registry's global config PDA.

use anchor_lang::prelude::*;

use crate::constants::{MAX_ORACLES, MAX_VERIFIERS};
use crate::error::RegistryError;
use crate::state::RegistryParams;

/// Seeds: `[CONFIG_SEED]`. One per program.
#[account]
#[derive(InitSpace)]
pub struct RegistryConfig {
    /// Changes parameters and authorities, resolves appeals. Any pubkey (a multisig works).
    pub admin: Pubkey,
    /// May propose slashes.
    pub slashing_authority: Pubkey,
    /// May propose slashes for failed jobs (the escrow program's authority PDA);
    /// the default key means none.
    pub job_authority: Pubkey,
    /// The IO mint stakes are bonded in.
    pub stake_mint: Pubkey,
    /// IO token account receiving the non-burned share of slashes.
    pub treasury: Pubkey,
    /// Keys allowed to record proof-of-compute attestations.
    #[max_len(MAX_VERIFIERS)]
    pub verifiers: Vec<Pubkey>,
    pub params: RegistryParams,
    /// Nodes registered and not deregistered.
    pub node_count: u64,
    pub bump: u8,
    /// Liveness oracles: sign and commit each epoch's root of node liveness leaves
    /// (docs/liveness.md). Distinct, non-default keys; `params.oracle_quorum` of them
    /// must agree on a root.
    #[max_len(MAX_ORACLES)]
    pub oracles: Vec<Pubkey>,
    /// Oracles removed for equivocation so far.
    pub oracles_removed: u32,
    /// Space for fields added by later versions.
    pub reserved: [u8; 64],
}

impl RegistryConfig {
    pub const SPACE: usize = 8 + Self::INIT_SPACE;

    /// Checks the stored invariants; run after every change.
    pub fn invariant(&self) -> Result<()> {
        self.params.validate()?;
        validate_verifiers(&self.verifiers)?;
        validate_oracles(&self.oracles, self.params.oracle_quorum)?;
        Ok(())
    }

    /// The oracle's position in the list (its bit in root votes), if it is one.
    pub fn oracle_index(&self, key: &Pubkey) -> Option<usize> {
        self.oracles.iter().position(|o| o == key)
    }

    pub fn is_verifier(&self, key: &Pubkey) -> bool {
        self.verifiers.contains(key)
    }

    pub fn may_propose_slash(&self, key: &Pubkey) -> bool {
        *key == self.slashing_authority || is_job_authority(&self.job_authority, key)
    }
}

/// What the job-authority instructions need from the config, read in place.
///
/// `node_job_commit` and `node_job_release` run once per node for every job the
/// escrow assigns and settles; decoding the whole config (a verifier `Vec`, the
/// reserve) there cost ~1,000 CU per call. The Borsh layout is fixed up to the
/// verifier list, so the job authority sits at a fixed offset and the
/// parameters right after the list.
pub struct JobView {
    pub job_authority: Pubkey,
    pub params: RegistryParams,
}

impl JobView {
    const JOB_AUTHORITY: usize = 8 + 2 * 32;
    const VERIFIERS_LEN: usize = 8 + 5 * 32;

    /// Reads the view from the config account's data (discriminator included).
    pub fn from_data(data: &[u8]) -> Result<JobView> {
        require!(
            data.len() > Self::VERIFIERS_LEN + 4 && data[..8] == *RegistryConfig::DISCRIMINATOR,
            anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch
        );
        let mut key = [0u8; 32];
        key.copy_from_slice(&data[Self::JOB_AUTHORITY..Self::JOB_AUTHORITY + 32]);
        let mut len = [0u8; 4];
        len.copy_from_slice(&data[Self::VERIFIERS_LEN..Self::VERIFIERS_LEN + 4]);
        let verifiers = u32::from_le_bytes(len) as usize;
        require!(verifiers <= MAX_VERIFIERS, RegistryError::TooManyVerifiers);
        let start = Self::VERIFIERS_LEN + 4 + 32 * verifiers;
        let params = RegistryParams::deserialize(&mut &data[start..])?;
        Ok(JobView {
            job_authority: Pubkey::new_from_array(key),
            params,
        })
    }

    /// Reads the view from the config account (owner checked; its address is
    /// checked by the accounts struct).
    pub fn load(info: &AccountInfo) -> Result<JobView> {
        require_keys_eq!(
            *info.owner,
            crate::ID,
            anchor_lang::error::ErrorCode::AccountOwnedByWrongProgram
        );
        JobView::from_data(&info.try_borrow_data()?)
    }

    /// The view, once `signer` is checked to be the configured job authority.
    pub fn authorize(info: &AccountInfo, signer: &Pubkey) -> Result<JobView> {
        let view = JobView::load(info)?;
        require!(
            is_job_authority(&view.job_authority, signer),
            crate::error::RegistryError::NotJobAuthority
        );
        Ok(view)
    }
}

/// Whether `key` is the configured job authority (the default key means none).
pub fn is_job_authority(job_authority: &Pubkey, key: &Pubkey) -> bool {
    key == job_authority && *key != Pubkey::default()
}

/// A verifier set holds at most `MAX_VERIFIERS` distinct, non-default keys.
pub fn validate_verifiers(verifiers: &[Pubkey]) -> Result<()> {
    require!(
        verifiers.len() <= MAX_VERIFIERS,
        RegistryError::TooManyVerifiers
    );
    for (i, v) in verifiers.iter().enumerate() {
        require!(*v != Pubkey::default(), RegistryError::InvalidVerifier);
        require!(!verifiers[..i].contains(v), RegistryError::InvalidVerifier);
    }
    Ok(())
}

/// An oracle list holds at most `MAX_ORACLES` distinct, non-default keys, and the
/// quorum is a strict majority of it (so two different roots of one epoch can never
/// both reach it: each oracle votes once per epoch).
pub fn validate_oracles(oracles: &[Pubkey], quorum: u8) -> Result<()> {
    require!(oracles.len() <= MAX_ORACLES, RegistryError::TooManyOracles);
    for (i, o) in oracles.iter().enumerate() {
        require!(*o != Pubkey::default(), RegistryError::InvalidOracle);
        require!(!oracles[..i].contains(o), RegistryError::InvalidOracle);
    }
    require!(
        2 * usize::from(quorum) > oracles.len(),
        RegistryError::OracleQuorumInvalid
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_view_reads_what_borsh_wrote() {
        for verifiers in 0..=MAX_VERIFIERS {
            let config = RegistryConfig {
                admin: Pubkey::new_unique(),
                slashing_authority: Pubkey::new_unique(),
                job_authority: Pubkey::new_unique(),
                stake_mint: Pubkey::new_unique(),
                treasury: Pubkey::new_unique(),
                verifiers: (0..verifiers).map(|_| Pubkey::new_unique()).collect(),
                params: RegistryParams {
                    heartbeat_grace_secs: 77,
                    ..RegistryParams::DEFAULT
                },
                node_count: 3,
                bump: 254,
                oracles: vec![Pubkey::new_unique()],
                oracles_removed: 2,
                reserved: [0; 64],
            };
            let mut data = Vec::new();
            config.try_serialize(&mut data).unwrap();
            let view = JobView::from_data(&data).unwrap();
            assert_eq!(view.job_authority, config.job_authority);
            assert_eq!(view.params, config.params);
        }
        assert!(JobView::from_data(&[0; 300]).is_err());
    }
}
