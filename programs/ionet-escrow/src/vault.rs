//! Token moves out of a job's vault, signed by the job PDA (the vault's
//! authority). Zero amounts are skipped.

use anchor_lang::prelude::*;
use anchor_spl::token::{burn, transfer_checked, Burn, TransferChecked};

use crate::constants::JOB_SEED;
use crate::state::Job;

/// The job PDA's signer seeds, owned so that they outlive the job borrow.
pub struct JobSigner {
    client: Pubkey,
    id: [u8; 8],
    bump: [u8; 1],
}

impl JobSigner {
    pub fn new(job: &Job) -> Self {
        JobSigner {
            client: job.client,
            id: job.job_id.to_le_bytes(),
            bump: [job.bump],
        }
    }

    pub fn seeds(&self) -> [&[u8]; 4] {
        [JOB_SEED, self.client.as_ref(), &self.id, &self.bump]
    }
}

/// The accounts of a vault move.
pub struct Vault<'a, 'info> {
    pub vault: &'a AccountInfo<'info>,
    pub mint: &'a AccountInfo<'info>,
    pub job: &'a AccountInfo<'info>,
    pub token_program: &'a AccountInfo<'info>,
    pub decimals: u8,
}

impl<'info> Vault<'_, 'info> {
    pub fn transfer(&self, signer: &JobSigner, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let seeds = signer.seeds();
        transfer_checked(
            CpiContext::new_with_signer(
                self.token_program.key(),
                TransferChecked {
                    from: self.vault.clone(),
                    mint: self.mint.clone(),
                    to: to.clone(),
                    authority: self.job.clone(),
                },
                &[&seeds],
            ),
            amount,
            self.decimals,
        )
    }

    pub fn burn(&self, signer: &JobSigner, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let seeds = signer.seeds();
        burn(
            CpiContext::new_with_signer(
                self.token_program.key(),
                Burn {
                    mint: self.mint.clone(),
                    from: self.vault.clone(),
                    authority: self.job.clone(),
                },
                &[&seeds],
            ),
            amount,
        )
    }
}
