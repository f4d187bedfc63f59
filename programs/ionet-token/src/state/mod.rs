//! Account types, one file each.

pub mod config;
pub mod params;
pub mod proposal;
pub mod schedule;
pub mod stats;

pub use config::*;
pub use params::*;
pub use proposal::*;
pub use schedule::*;
pub use stats::*;
