//! One instruction per file: its accounts, its args and its handler.
#![allow(ambiguous_glob_reexports)]

pub mod authority_update;
pub mod emission_mint_epoch;
pub mod fees_burn;
pub mod genesis_mint;
pub mod params_cancel;
pub mod params_execute;
pub mod params_propose;
pub mod rewards_accrue;
pub mod rewards_claim;
pub mod rewards_close;
pub mod rewards_forfeit;
pub mod rewards_open;
pub mod token_init;

pub use authority_update::*;
pub use emission_mint_epoch::*;
pub use fees_burn::*;
pub use genesis_mint::*;
pub use params_cancel::*;
pub use params_execute::*;
pub use params_propose::*;
pub use rewards_accrue::*;
pub use rewards_claim::*;
pub use rewards_close::*;
pub use rewards_forfeit::*;
pub use rewards_open::*;
pub use token_init::*;
