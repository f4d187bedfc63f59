//! Account types, one file each.

pub mod config;
pub mod epoch_record;
pub mod params;
pub mod proposal;
pub mod reward;
pub mod schedule;
pub mod stats;

pub use config::*;
pub use epoch_record::*;
pub use params::*;
pub use proposal::*;
pub use reward::*;
pub use schedule::*;
pub use stats::*;
