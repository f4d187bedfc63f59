//! Runs passed as remaining accounts of the batch instructions (`job_assign`,
//! `job_settle`): created, read and closed by hand, with the checks Anchor's
//! accounts constraints would make (owner, type, writability, canonical PDA,
//! the job they belong to).

use anchor_lang::prelude::*;
use anchor_lang::system_program::{allocate, assign, create_account, transfer};
use anchor_lang::system_program::{Allocate, Assign, CreateAccount, Transfer};
use anchor_lang::Discriminator;

use crate::constants::RUN_SEED;
use crate::error::EscrowError;
use crate::state::Run;

/// Reads a run of `job` in place (a copy: the caller may then pass the account to CPIs).
pub fn load_run(info: &AccountInfo, job: &Pubkey) -> Result<Run> {
    require!(
        *info.owner == crate::ID && info.is_writable,
        EscrowError::InvalidRun
    );
    let data = info.try_borrow_data()?;
    require!(
        data.len() == Run::SPACE && data[..8] == *Run::DISCRIMINATOR,
        EscrowError::InvalidRun
    );
    let run: Run = *bytemuck::from_bytes(&data[8..]);
    require!(run.is_at(info.key), EscrowError::InvalidPda);
    require_keys_eq!(run.job, *job, EscrowError::RunJobMismatch);
    Ok(run)
}

/// Closes a run: its lamports go to `destination` (who paid them); the account
/// returns to the system program with no data, so it cannot be settled again.
pub fn close_run(info: &AccountInfo, destination: &AccountInfo) -> Result<()> {
    destination.add_lamports(info.lamports())?;
    **info.try_borrow_mut_lamports()? = 0;
    info.assign(&anchor_lang::system_program::ID);
    info.resize(0)?;
    Ok(())
}

/// Creates the run PDA `[RUN_SEED, job, node]` at its canonical bump, paid by
/// `payer` (`rent` lamports: `Rent::minimum_balance(Run::SPACE)`, read once per
/// batch), and writes `run` into it (with the bump). Works like Anchor's `init`,
/// including on an address someone pre-funded with lamports.
pub fn create_run<'info>(
    info: &AccountInfo<'info>,
    payer: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    rent: u64,
    mut run: Run,
) -> Result<()> {
    let (address, bump) =
        Pubkey::find_program_address(&[RUN_SEED, run.job.as_ref(), run.node.as_ref()], &crate::ID);
    require_keys_eq!(address, *info.key, EscrowError::InvalidPda);
    require!(
        *info.owner == anchor_lang::system_program::ID && info.data_is_empty(),
        EscrowError::NodeAlreadyAssigned
    );
    let bump_bytes = [bump];
    let seeds: &[&[u8]] = &[RUN_SEED, run.job.as_ref(), run.node.as_ref(), &bump_bytes];
    let signer = &[seeds];
    let space = Run::SPACE as u64;
    let program = system_program.key();
    let held = info.lamports();
    if held == 0 {
        create_account(
            CpiContext::new_with_signer(
                program,
                CreateAccount {
                    from: payer.clone(),
                    to: info.clone(),
                },
                signer,
            ),
            rent,
            space,
            &crate::ID,
        )?;
    } else {
        if held < rent {
            transfer(
                CpiContext::new(
                    program,
                    Transfer {
                        from: payer.clone(),
                        to: info.clone(),
                    },
                ),
                rent - held,
            )?;
        }
        allocate(
            CpiContext::new_with_signer(
                program,
                Allocate {
                    account_to_allocate: info.clone(),
                },
                signer,
            ),
            space,
        )?;
        assign(
            CpiContext::new_with_signer(
                program,
                Assign {
                    account_to_assign: info.clone(),
                },
                signer,
            ),
            &crate::ID,
        )?;
    }
    run.bump = bump;
    let mut data = info.try_borrow_mut_data()?;
    data[..8].copy_from_slice(Run::DISCRIMINATOR);
    data[8..].copy_from_slice(bytemuck::bytes_of(&run));
    Ok(())
}
