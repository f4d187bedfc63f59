use anchor_lang::prelude::*;
use solana_instructions_sysvar::{load_current_index_checked, load_instruction_at_checked};

use crate::constants::{ROOT_STATEMENT_BYTES, ROOT_STATEMENT_TAG};
use crate::error::RegistryError;
use crate::events::OracleEquivocated;
use crate::math::SafeMath;
use crate::pda::CONFIG_ADDRESS;
use crate::state::RegistryConfig;

#[derive(Accounts)]
pub struct LivenessEquivocation<'info> {
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, RegistryConfig>>,
    /// CHECK: the instructions sysvar (address checked): the evidence is the ed25519
    /// precompile instruction right before this one.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
    pub reporter: Signer<'info>,
}

/// A root statement (docs/liveness.md §2): "ionet:liveroot:1" · config · oracle ·
/// epoch u64 · root · leaf_count u32.
struct Statement {
    oracle: Pubkey,
    epoch: u64,
    root: [u8; 32],
    leaf_count: u32,
}

fn read<const N: usize>(data: &[u8], at: usize) -> Result<[u8; N]> {
    let slice = data
        .get(
            at..at
                .checked_add(N)
                .ok_or(RegistryError::InvalidEquivocation)?,
        )
        .ok_or(RegistryError::InvalidEquivocation)?;
    let mut out = [0u8; N];
    out.copy_from_slice(slice);
    Ok(out)
}

fn u16_at(data: &[u8], at: usize) -> Result<usize> {
    Ok(usize::from(u16::from_le_bytes(read(data, at)?)))
}

/// The `k`-th signature of an ed25519 precompile instruction's data: its public
/// key and message, both inside that instruction (index `u16::MAX`), so the bytes
/// read here are the bytes the precompile verified.
fn signed_statement(data: &[u8], k: usize) -> Result<Statement> {
    // Header: count u8, padding u8; then 14 bytes of offsets per signature.
    // k is 0 or 1: no overflow.
    let at = 2 + 14 * k;
    let signature_ix = u16_at(data, at + 2)?;
    let key_offset = u16_at(data, at + 4)?;
    let key_ix = u16_at(data, at + 6)?;
    let message_offset = u16_at(data, at + 8)?;
    let message_size = u16_at(data, at + 10)?;
    let message_ix = u16_at(data, at + 12)?;
    let here = usize::from(u16::MAX);
    require!(
        signature_ix == here && key_ix == here && message_ix == here,
        RegistryError::InvalidEquivocation
    );
    require!(
        message_size == ROOT_STATEMENT_BYTES,
        RegistryError::InvalidEquivocation
    );
    let signer = Pubkey::new_from_array(read(data, key_offset)?);
    let message: [u8; ROOT_STATEMENT_BYTES] = read(data, message_offset)?;
    let tag: [u8; 16] = read(&message, 0)?;
    let config = Pubkey::new_from_array(read(&message, 16)?);
    let oracle = Pubkey::new_from_array(read(&message, 48)?);
    require!(
        tag == *ROOT_STATEMENT_TAG && config == CONFIG_ADDRESS && oracle == signer,
        RegistryError::InvalidEquivocation
    );
    Ok(Statement {
        oracle,
        epoch: u64::from_le_bytes(read(&message, 80)?),
        root: read(&message, 88)?,
        leaf_count: u32::from_le_bytes(read(&message, 120)?),
    })
}

/// Anyone: proves that an oracle signed two different root statements for one
/// epoch. The evidence is an ed25519 precompile instruction placed right before
/// this one in the same transaction, verifying exactly two signatures (the two
/// statements, each signed by the oracle it names). The oracle is removed from the
/// config's list: its votes stop counting in every root that is not yet final
/// (a root whose quorum needed it is no longer in effect; docs/liveness.md §6).
pub fn handler(ctx: Context<LivenessEquivocation>) -> Result<()> {
    let sysvar = ctx.accounts.instructions.to_account_info();
    let current = usize::from(load_current_index_checked(&sysvar)?);
    require!(current > 0, RegistryError::InvalidEquivocation);
    let evidence = load_instruction_at_checked(current - 1, &sysvar)?;
    require!(
        evidence.program_id == solana_sdk_ids::ed25519_program::ID,
        RegistryError::InvalidEquivocation
    );
    require!(
        evidence.data.first() == Some(&2),
        RegistryError::InvalidEquivocation
    );
    let a = signed_statement(&evidence.data, 0)?;
    let b = signed_statement(&evidence.data, 1)?;
    require!(
        a.oracle == b.oracle
            && a.epoch == b.epoch
            && (a.root != b.root || a.leaf_count != b.leaf_count),
        RegistryError::InvalidEquivocation
    );
    let config = &mut ctx.accounts.config;
    let index = config
        .oracle_index(&a.oracle)
        .ok_or(RegistryError::NotOracle)?;
    config.oracles.remove(index);
    config.oracles_removed = config.oracles_removed.safe_add(1)?;
    config.invariant()?;
    emit!(OracleEquivocated {
        oracle: a.oracle,
        epoch: a.epoch,
        first_root: a.root,
        first_leaf_count: a.leaf_count,
        second_root: b.root,
        second_leaf_count: b.leaf_count,
        reporter: ctx.accounts.reporter.key(),
    });
    Ok(())
}
