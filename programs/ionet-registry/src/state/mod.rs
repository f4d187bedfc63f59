//! Account types, one file each.

pub mod config;
pub mod params;

pub use config::*;
pub use params::*;
