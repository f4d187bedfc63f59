//! ionet registry: the supply side of the ionet GPU marketplace.
//!
//! Holds the global config (authorities, verifier set, bounded parameters).
//! Node registration, stake bonds, attestations, reputation and slashing are
//! added instruction by instruction; see README.md.

use anchor_lang::prelude::*;
// Helpers the SBF lowering step calls explicitly (docs/build.md).
use solana_compiler_builtins as _;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod state;

use instructions::*;

declare_id!("GMJp7x7EvHRbWJEsEn2NAooBGekLr1Zg4ooqibRRET4G");

#[program]
pub mod ionet_registry {
    use super::*;

    /// Creates the registry config PDA. Signed by the program's upgrade authority;
    /// sets the admin, slashing authority, verifier set, IO mint, treasury and
    /// parameters (each checked against its on-chain bounds).
    pub fn config_init(ctx: Context<ConfigInit>, args: ConfigInitArgs) -> Result<()> {
        instructions::config_init::handler(ctx, args)
    }
}
